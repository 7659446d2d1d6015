CREATE TABLE "data_access_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"requester_department_id" uuid NOT NULL,
	"client_id" text,
	"client_name" text NOT NULL,
	"resource_id" uuid,
	"resource_code" text NOT NULL,
	"resource_version" integer,
	"owner_department_id" uuid,
	"approval_id" uuid,
	"subject_kind" text NOT NULL,
	"person_id" uuid,
	"subject_index" text,
	"subject_mask" text NOT NULL,
	"fields" jsonb NOT NULL,
	"purpose" text NOT NULL,
	"case_no" text,
	"outcome" text NOT NULL,
	"refusal" text,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "data_resource_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resource_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_resources" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"department_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"subject_kind" text NOT NULL,
	"fields" jsonb NOT NULL,
	"sharing_type" text NOT NULL,
	"open" boolean DEFAULT false NOT NULL,
	"update_frequency" text NOT NULL,
	"source_system" text NOT NULL,
	"connector" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_version" integer,
	"review_note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_share_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resource_id" uuid NOT NULL,
	"requester_department_id" uuid NOT NULL,
	"requester_region_path" text NOT NULL,
	"owner_department_id" uuid NOT NULL,
	"owner_region_path" text NOT NULL,
	"purpose" text NOT NULL,
	"legal_basis" text NOT NULL,
	"fields_requested" jsonb NOT NULL,
	"fields_granted" jsonb,
	"expires_at" timestamp with time zone,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "data_access_log_person_idx" ON "data_access_log" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "data_access_log_subject_idx" ON "data_access_log" USING btree ("subject_index","at");--> statement-breakpoint
CREATE INDEX "data_access_log_requester_idx" ON "data_access_log" USING btree ("requester_department_id","at");--> statement-breakpoint
CREATE INDEX "data_access_log_owner_idx" ON "data_access_log" USING btree ("owner_department_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "data_resource_versions_uq" ON "data_resource_versions" USING btree ("resource_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "data_resources_code_uq" ON "data_resources" USING btree ("code");--> statement-breakpoint
CREATE INDEX "data_resources_department_idx" ON "data_resources" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "data_resources_region_idx" ON "data_resources" USING btree ("region_path");--> statement-breakpoint
CREATE INDEX "data_share_requests_requester_idx" ON "data_share_requests" USING btree ("requester_department_id","resource_id");--> statement-breakpoint
CREATE INDEX "data_share_requests_owner_idx" ON "data_share_requests" USING btree ("owner_department_id","status");