CREATE TABLE "hotline_api_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "hotline_api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "hotline_categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"routing" text DEFAULT 'territorial' NOT NULL,
	"department_kind" text,
	"limit_days" integer,
	"not_accepted" boolean DEFAULT false NOT NULL,
	"refer_to" text,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "hotline_categories_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "hotline_knowledge" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category_id" uuid,
	"keywords" text DEFAULT '' NOT NULL,
	"search_terms" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotline_ticket_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" text,
	"actor_name" text NOT NULL,
	"unit_department_id" uuid,
	"unit_region_code" text,
	"unit_name" text,
	"text" text,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotline_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"category_id" uuid,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"address" text NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"region_code" text,
	"region_path" text,
	"district_code" text,
	"street_code" text,
	"caller_phone_sealed" text,
	"caller_phone_masked" text,
	"caller_phone_index" text,
	"caller_name_sealed" text,
	"caller_name_masked" text,
	"person_id" uuid,
	"confidential" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"unit_department_id" uuid,
	"unit_region_code" text NOT NULL,
	"unit_region_path" text NOT NULL,
	"unit_level" text NOT NULL,
	"unit_name" text NOT NULL,
	"unit_chain" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sign_due_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"signed_late" boolean,
	"due_date" date,
	"due_estimated" boolean DEFAULT false NOT NULL,
	"replied_at" timestamp with time zone,
	"concluded_at" timestamp with time zone,
	"concluded_late" boolean,
	"closed_at" timestamp with time zone,
	"time_state" text DEFAULT 'ok' NOT NULL,
	"urge_count" integer DEFAULT 0 NOT NULL,
	"urge_due_date" date,
	"miss_count" integer DEFAULT 0 NOT NULL,
	"escalated_to_department_id" uuid,
	"escalated_at" timestamp with time zone,
	"return_count" integer DEFAULT 0 NOT NULL,
	"extension_count" integer DEFAULT 0 NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"solved" boolean,
	"satisfaction" integer,
	"followed_up_at" timestamp with time zone,
	"follow_up_token_hash" text,
	"token" text NOT NULL,
	"referred_to" text,
	"merged_into" uuid,
	"direct_answer" boolean DEFAULT false NOT NULL,
	"api_key_id" uuid,
	"media_url" text,
	"intake_date" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hotline_tickets_number_unique" UNIQUE("number"),
	CONSTRAINT "hotline_tickets_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE INDEX "hotline_categories_parent_idx" ON "hotline_categories" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "hotline_ticket_events_ticket_idx" ON "hotline_ticket_events" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "hotline_tickets_status_idx" ON "hotline_tickets" USING btree ("status");--> statement-breakpoint
CREATE INDEX "hotline_tickets_unit_idx" ON "hotline_tickets" USING btree ("unit_region_path","unit_department_id");--> statement-breakpoint
CREATE INDEX "hotline_tickets_phone_idx" ON "hotline_tickets" USING btree ("caller_phone_index");--> statement-breakpoint
CREATE INDEX "hotline_tickets_intake_idx" ON "hotline_tickets" USING btree ("intake_date");--> statement-breakpoint
CREATE INDEX "hotline_tickets_dup_idx" ON "hotline_tickets" USING btree ("category_id","street_code","intake_date");--> statement-breakpoint
CREATE INDEX "hotline_tickets_merged_idx" ON "hotline_tickets" USING btree ("merged_into");