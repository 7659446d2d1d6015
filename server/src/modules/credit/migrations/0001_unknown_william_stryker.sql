CREATE TABLE "credit_level_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_path" text NOT NULL,
	"factor_kind" text NOT NULL,
	"factor" text NOT NULL,
	"points" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_no" text NOT NULL,
	"code_digest" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_key" text NOT NULL,
	"subject_name" text NOT NULL,
	"issued_on" text NOT NULL,
	"level" text,
	"content" jsonb NOT NULL,
	"content_digest" text NOT NULL,
	"requested_as" text NOT NULL,
	"requested_by" uuid,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "credit_level_rules_uq" ON "credit_level_rules" USING btree ("region_path","factor_kind","factor");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_reports_code_uq" ON "credit_reports" USING btree ("code_digest");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_reports_no_uq" ON "credit_reports" USING btree ("report_no");--> statement-breakpoint
CREATE INDEX "credit_reports_subject_idx" ON "credit_reports" USING btree ("subject_key");