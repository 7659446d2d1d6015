ALTER TABLE "hotline_tickets" ADD COLUMN "finding" text;--> statement-breakpoint
ALTER TABLE "hotline_tickets" ADD COLUMN "respondent_uscc" text;--> statement-breakpoint
ALTER TABLE "hotline_tickets" ADD COLUMN "respondent_name" text;