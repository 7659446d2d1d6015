DROP INDEX "supervision_urges_waiting_uq";--> statement-breakpoint
ALTER TABLE "supervision_urges" ADD COLUMN "subject_type" text DEFAULT 'case' NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_urges" ADD COLUMN "rectification_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_urges_waiting_rectification_uq" ON "supervision_urges" USING btree ("rectification_id") WHERE "supervision_urges"."status" in ('open', 'escalated') and "supervision_urges"."subject_type" = 'rectification';--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_urges_waiting_uq" ON "supervision_urges" USING btree ("case_no") WHERE "supervision_urges"."status" in ('open', 'escalated') and "supervision_urges"."subject_type" = 'case';