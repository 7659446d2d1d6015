ALTER TABLE "inspection_results" ADD COLUMN "penalty_document_no" text;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD COLUMN "penalty_decided_on" date;