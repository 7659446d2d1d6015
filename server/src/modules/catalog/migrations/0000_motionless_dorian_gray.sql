CREATE TABLE "catalog_fees" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"basis" text NOT NULL,
	"standard" text NOT NULL,
	"collecting_department_id" uuid,
	"collecting_department_name" text NOT NULL,
	"effective_from" text NOT NULL,
	"effective_to" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_fees_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "catalog_guide_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"implementation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"guide" jsonb NOT NULL,
	"change_note" text,
	"review_comment" text,
	"edited_by" uuid,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_implementations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"implementation_code" text NOT NULL,
	"item_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"department_uscc" text NOT NULL,
	"department_name" text NOT NULL,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"level" integer NOT NULL,
	"state" text DEFAULT 'unpublished' NOT NULL,
	"published_version" integer,
	"do_now" boolean DEFAULT false NOT NULL,
	"do_online" boolean DEFAULT false NOT NULL,
	"do_in_one_visit" boolean DEFAULT false NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"state_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_implementations_implementation_code_unique" UNIQUE("implementation_code")
);
--> statement-breakpoint
CREATE TABLE "catalog_intermediaries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"basis" text NOT NULL,
	"required_for" text NOT NULL,
	"provider_requirements" text NOT NULL,
	"time_limit" text,
	"fee_note" text,
	"department_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_intermediaries_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "catalog_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"base_code" text NOT NULL,
	"name" text NOT NULL,
	"item_type" text NOT NULL,
	"subject_types" jsonb NOT NULL,
	"themes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"legal_basis" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_items_base_code_unique" UNIQUE("base_code")
);
--> statement-breakpoint
CREATE TABLE "catalog_powers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"power_type" text NOT NULL,
	"basis" text NOT NULL,
	"responsibilities" text NOT NULL,
	"accountability" text NOT NULL,
	"department_id" uuid NOT NULL,
	"department_name" text NOT NULL,
	"region_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_powers_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "catalog_search_terms" (
	"term" text NOT NULL,
	"implementation_id" uuid NOT NULL,
	"weight" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_guide_versions" ADD CONSTRAINT "catalog_guide_versions_implementation_id_catalog_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."catalog_implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_implementations" ADD CONSTRAINT "catalog_implementations_item_id_catalog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."catalog_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_search_terms" ADD CONSTRAINT "catalog_search_terms_implementation_id_catalog_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."catalog_implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_versions_impl_version_uq" ON "catalog_guide_versions" USING btree ("implementation_id","version");--> statement-breakpoint
CREATE INDEX "catalog_impl_item_idx" ON "catalog_implementations" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "catalog_impl_department_idx" ON "catalog_implementations" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "catalog_impl_region_idx" ON "catalog_implementations" USING btree ("region_path");--> statement-breakpoint
CREATE INDEX "catalog_impl_state_idx" ON "catalog_implementations" USING btree ("state","views");--> statement-breakpoint
CREATE INDEX "catalog_search_terms_term_idx" ON "catalog_search_terms" USING btree ("term" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "catalog_search_terms_impl_idx" ON "catalog_search_terms" USING btree ("implementation_id");