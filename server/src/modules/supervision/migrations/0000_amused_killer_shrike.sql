CREATE TABLE "supervision_urges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_no" text NOT NULL,
	"item_name" text NOT NULL,
	"department_id" text NOT NULL,
	"department_name" text NOT NULL,
	"region_path" text NOT NULL,
	"case_light" text NOT NULL,
	"case_due_date" text NOT NULL,
	"message" text NOT NULL,
	"answer_days" integer NOT NULL,
	"due_date" text NOT NULL,
	"due_estimated" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"issued_by" text,
	"issued_by_name" text NOT NULL,
	"issuer_department_id" text,
	"issued_on" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_by" text,
	"answered_by_name" text,
	"answered_at" timestamp with time zone,
	"answered_late" boolean DEFAULT false NOT NULL,
	"escalated_at" timestamp with time zone,
	"escalated_to_department_id" text,
	"escalated_to_name" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "supervision_urges_case_idx" ON "supervision_urges" USING btree ("case_no");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_urges_waiting_uq" ON "supervision_urges" USING btree ("case_no") WHERE "supervision_urges"."status" in ('open', 'escalated');--> statement-breakpoint
CREATE INDEX "supervision_urges_department_idx" ON "supervision_urges" USING btree ("department_id","status");--> statement-breakpoint
CREATE INDEX "supervision_urges_due_idx" ON "supervision_urges" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "supervision_urges_escalated_to_idx" ON "supervision_urges" USING btree ("escalated_to_department_id");