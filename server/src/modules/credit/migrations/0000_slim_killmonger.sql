CREATE TABLE "credit_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_no" text NOT NULL,
	"stage" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_key" text NOT NULL,
	"lists" jsonb NOT NULL,
	"measures" jsonb NOT NULL,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_list_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"list" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_key" text NOT NULL,
	"subject_name" text NOT NULL,
	"id_masked" text,
	"reason" text NOT NULL,
	"legal_basis" text NOT NULL,
	"valid_from" text NOT NULL,
	"valid_until" text,
	"authority" text NOT NULL,
	"status" text NOT NULL,
	"notice_served_on" text,
	"objection_due" text,
	"objection" text,
	"objection_decision" text,
	"removal_reason" text,
	"proposed_by" uuid,
	"decided_by" uuid,
	"region_path" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_key" text NOT NULL,
	"subject_name" text NOT NULL,
	"id_masked" text,
	"source" text NOT NULL,
	"source_ref" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"legal_basis" text NOT NULL,
	"decided_on" text NOT NULL,
	"valid_until" text,
	"department_name" text NOT NULL,
	"region_path" text NOT NULL,
	"disclose" boolean NOT NULL,
	"disclosure_due" text,
	"disclosure_due_estimated" boolean DEFAULT false NOT NULL,
	"published_on" text,
	"repaired_on" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_repairs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_key" text NOT NULL,
	"applicant_account_id" uuid,
	"statement" text NOT NULL,
	"evidence" text NOT NULL,
	"applied_on" text NOT NULL,
	"due_on" text NOT NULL,
	"due_estimated" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"decision_note" text,
	"decided_by" uuid,
	"decided_on" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "credit_checks_case_idx" ON "credit_checks" USING btree ("case_no");--> statement-breakpoint
CREATE INDEX "credit_list_entries_subject_idx" ON "credit_list_entries" USING btree ("subject_kind","subject_key","status");--> statement-breakpoint
CREATE INDEX "credit_list_entries_list_idx" ON "credit_list_entries" USING btree ("list","status");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_records_source_uq" ON "credit_records" USING btree ("source","source_ref");--> statement-breakpoint
CREATE INDEX "credit_records_subject_idx" ON "credit_records" USING btree ("subject_kind","subject_key");--> statement-breakpoint
CREATE INDEX "credit_records_published_idx" ON "credit_records" USING btree ("published_on");--> statement-breakpoint
CREATE INDEX "credit_records_due_idx" ON "credit_records" USING btree ("disclosure_due");--> statement-breakpoint
CREATE INDEX "credit_repairs_status_idx" ON "credit_repairs" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "credit_repairs_subject_idx" ON "credit_repairs" USING btree ("subject_kind","subject_key");