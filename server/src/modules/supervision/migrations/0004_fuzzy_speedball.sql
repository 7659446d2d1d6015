CREATE TABLE "supervision_rule_hits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rule_code" text NOT NULL,
	"subject_key" text NOT NULL,
	"case_no" text,
	"item_name" text NOT NULL,
	"department_id" text NOT NULL,
	"department_name" text NOT NULL,
	"region_path" text NOT NULL,
	"severity" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"found_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"reason" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_rules" (
	"code" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"threshold" integer,
	"severity" text DEFAULT 'medium' NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"owner_region_path" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_rule_hits_subject_uq" ON "supervision_rule_hits" USING btree ("rule_code","subject_key");--> statement-breakpoint
CREATE INDEX "supervision_rule_hits_list_idx" ON "supervision_rule_hits" USING btree ("status","found_at");--> statement-breakpoint
CREATE INDEX "supervision_rule_hits_department_idx" ON "supervision_rule_hits" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "supervision_rule_hits_open_idx" ON "supervision_rule_hits" USING btree ("region_path") WHERE "supervision_rule_hits"."status" = 'open';