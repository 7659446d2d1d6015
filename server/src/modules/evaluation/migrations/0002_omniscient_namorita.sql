ALTER TABLE "evaluation_tokens" ADD COLUMN "window_id" uuid;--> statement-breakpoint
ALTER TABLE "evaluation_tokens" ADD COLUMN "window_label" text;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "window_id" uuid;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "window_label" text;