CREATE TABLE "catalog_life_event_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"life_event_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"definition" jsonb NOT NULL,
	"computed" jsonb,
	"change_note" text,
	"edited_by" uuid,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_life_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"department_id" uuid NOT NULL,
	"department_name" text NOT NULL,
	"region_path" text NOT NULL,
	"state" text DEFAULT 'unpublished' NOT NULL,
	"published_version" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_life_events_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "catalog_life_event_versions" ADD CONSTRAINT "catalog_life_event_versions_life_event_id_catalog_life_events_id_fk" FOREIGN KEY ("life_event_id") REFERENCES "public"."catalog_life_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_life_event_versions_uq" ON "catalog_life_event_versions" USING btree ("life_event_id","version");--> statement-breakpoint
CREATE INDEX "catalog_life_events_state_idx" ON "catalog_life_events" USING btree ("state");