CREATE TABLE "case_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"step_key" text NOT NULL,
	"actor_id" uuid,
	"actor_kind" text NOT NULL,
	"actor_name" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"occurred_on" text NOT NULL,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_lookup_failures" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_serials" (
	"implementation_code" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_serials_implementation_code_day_pk" PRIMARY KEY("implementation_code","day")
);
--> statement-breakpoint
CREATE TABLE "case_workflow_bindings" (
	"implementation_code" text PRIMARY KEY NOT NULL,
	"workflow_code" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_workflows" (
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_workflows_code_version_pk" PRIMARY KEY("code","version")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_no" text NOT NULL,
	"implementation_code" text NOT NULL,
	"implementation_id" uuid NOT NULL,
	"item_name" text NOT NULL,
	"guide_version" integer NOT NULL,
	"department_id" uuid NOT NULL,
	"department_name" text NOT NULL,
	"region_path" text NOT NULL,
	"workflow_code" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"applicant_kind" text NOT NULL,
	"applicant_id" uuid NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_code_tail" text NOT NULL,
	"channel" text NOT NULL,
	"filed_by" uuid,
	"form_data" jsonb NOT NULL,
	"materials" jsonb NOT NULL,
	"delivery_preference" text,
	"result_name" text NOT NULL,
	"result_type" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_on" text NOT NULL,
	"promised_days" integer NOT NULL,
	"statutory_days" integer NOT NULL,
	"status" text NOT NULL,
	"step_key" text NOT NULL,
	"step_role" text NOT NULL,
	"assignee_id" uuid,
	"outcome" text,
	"due_date" text NOT NULL,
	"due_estimated" boolean DEFAULT false NOT NULL,
	"step_due_date" text NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"light" text,
	"concluded_on" text,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_case_no_unique" UNIQUE("case_no")
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"case_id" uuid NOT NULL,
	"case_no" text NOT NULL,
	"name" text NOT NULL,
	"holder_kind" text NOT NULL,
	"holder_id" uuid NOT NULL,
	"holder_name" text NOT NULL,
	"issuer_department_id" uuid NOT NULL,
	"content" jsonb NOT NULL,
	"signature" text NOT NULL,
	"key_id" text NOT NULL,
	"public_key" text NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"status_reason" text,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_until" text,
	"status_changed_at" timestamp with time zone,
	CONSTRAINT "certificates_identifier_unique" UNIQUE("identifier")
);
--> statement-breakpoint
ALTER TABLE "case_actions" ADD CONSTRAINT "case_actions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_actions_case_seq_uq" ON "case_actions" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "cases_todo_idx" ON "cases" USING btree ("department_id","step_role","status","due_date");--> statement-breakpoint
CREATE INDEX "cases_applicant_idx" ON "cases" USING btree ("applicant_kind","applicant_id","submitted_at");--> statement-breakpoint
CREATE INDEX "cases_region_idx" ON "cases" USING btree ("region_path");--> statement-breakpoint
CREATE INDEX "certificates_holder_idx" ON "certificates" USING btree ("holder_kind","holder_id");--> statement-breakpoint
CREATE INDEX "certificates_case_idx" ON "certificates" USING btree ("case_id");