CREATE TABLE "departments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"name_en" text,
	"uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"parent_id" uuid,
	"kind" text NOT NULL,
	"phone" text,
	"address" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_uscc_unique" UNIQUE("uscc")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" text,
	"path" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"lng" text,
	"lat" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_centers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"address" text NOT NULL,
	"hours" text NOT NULL,
	"phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_windows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_center_id" uuid NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"comprehensive" boolean DEFAULT false NOT NULL,
	"department_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_windows" ADD CONSTRAINT "service_windows_service_center_id_service_centers_id_fk" FOREIGN KEY ("service_center_id") REFERENCES "public"."service_centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "departments_region_idx" ON "departments" USING btree ("region_path");--> statement-breakpoint
CREATE INDEX "departments_kind_idx" ON "departments" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "regions_path_idx" ON "regions" USING btree ("path");--> statement-breakpoint
CREATE INDEX "service_windows_center_idx" ON "service_windows" USING btree ("service_center_id");