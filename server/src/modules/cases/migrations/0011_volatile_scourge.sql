CREATE TABLE "case_bundle_members" (
	"bundle_id" uuid NOT NULL,
	"member_key" text NOT NULL,
	"seq" integer NOT NULL,
	"implementation_code" text NOT NULL,
	"item_name" text NOT NULL,
	"department_name" text NOT NULL,
	"depends_on" jsonb NOT NULL,
	"on_refused_stop" jsonb NOT NULL,
	"status" text NOT NULL,
	"case_no" text,
	"pending_submit" jsonb,
	"attached" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_on" text,
	"ended_on" text,
	"note" text,
	CONSTRAINT "case_bundle_members_bundle_id_member_key_pk" PRIMARY KEY("bundle_id","member_key")
);
--> statement-breakpoint
CREATE TABLE "case_bundles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bundle_no" text NOT NULL,
	"life_event_code" text NOT NULL,
	"life_event_version" integer NOT NULL,
	"name" text NOT NULL,
	"applicant_kind" text NOT NULL,
	"applicant_id" uuid NOT NULL,
	"applicant_name" text NOT NULL,
	"channel" text NOT NULL,
	"filed_by" uuid,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"region_path" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_on" text NOT NULL,
	"promised_days" integer NOT NULL,
	"due_date" text NOT NULL,
	"concluded_on" text,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_bundles_bundle_no_unique" UNIQUE("bundle_no")
);
--> statement-breakpoint
ALTER TABLE "case_bundle_members" ADD CONSTRAINT "case_bundle_members_bundle_id_case_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."case_bundles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_bundle_members_case_uq" ON "case_bundle_members" USING btree ("case_no");--> statement-breakpoint
CREATE INDEX "case_bundles_applicant_idx" ON "case_bundles" USING btree ("applicant_kind","applicant_id","submitted_at");