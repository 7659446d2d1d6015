CREATE TABLE "evaluation_settings" (
	"region_path" text PRIMARY KEY NOT NULL,
	"rectification_days" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_no" text NOT NULL,
	"mode" text NOT NULL,
	"department_id" uuid NOT NULL,
	"department_name" text NOT NULL,
	"region_path" text NOT NULL,
	"implementation_code" text NOT NULL,
	"item_name" text NOT NULL,
	"rater_kind" text NOT NULL,
	"rater_id" uuid NOT NULL,
	"rater_account_id" uuid,
	"level" smallint NOT NULL,
	"dimensions" jsonb NOT NULL,
	"tags" jsonb NOT NULL,
	"comment" text,
	"staff_account_ids" jsonb NOT NULL,
	"rated_on" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"annulled" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_rectifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"case_no" text NOT NULL,
	"department_id" uuid NOT NULL,
	"department_name" text NOT NULL,
	"region_path" text NOT NULL,
	"status" text NOT NULL,
	"opened_on" text NOT NULL,
	"due_on" text NOT NULL,
	"due_estimated" boolean DEFAULT false NOT NULL,
	"follow_up_at" timestamp with time zone,
	"follow_up_reached" boolean,
	"follow_up_note" text,
	"follow_up_by" text,
	"measures" text,
	"submitted_at" timestamp with time zone,
	"submitted_by" text,
	"reviewer_level" smallint,
	"reviewer_comment" text,
	"rated_at" timestamp with time zone,
	"appeal_reason" text,
	"appealed_at" timestamp with time zone,
	"appealed_by" text,
	"decision" text,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_rectifications_evaluation_id_unique" UNIQUE("evaluation_id")
);
--> statement-breakpoint
ALTER TABLE "evaluation_rectifications" ADD CONSTRAINT "evaluation_rectifications_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_online_case_uq" ON "evaluations" USING btree ("case_no") WHERE mode = 'online';--> statement-breakpoint
CREATE INDEX "evaluations_department_idx" ON "evaluations" USING btree ("department_id","level");--> statement-breakpoint
CREATE INDEX "evaluations_item_idx" ON "evaluations" USING btree ("implementation_code","level");--> statement-breakpoint
CREATE INDEX "evaluations_rater_idx" ON "evaluations" USING btree ("rater_kind","rater_id");--> statement-breakpoint
CREATE INDEX "evaluations_staff_idx" ON "evaluations" USING gin ("staff_account_ids");--> statement-breakpoint
CREATE INDEX "evaluation_rectifications_dept_idx" ON "evaluation_rectifications" USING btree ("department_id","status","due_on");--> statement-breakpoint
CREATE INDEX "evaluation_rectifications_region_idx" ON "evaluation_rectifications" USING btree ("region_path");