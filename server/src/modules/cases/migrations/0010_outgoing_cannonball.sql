ALTER TABLE "case_actions" ADD COLUMN "actor_role" text;--> statement-breakpoint
ALTER TABLE "case_actions" ADD COLUMN "step_role" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "window_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "window_label" text;