CREATE TABLE "case_deferral_lists" (
	"implementation_code" text PRIMARY KEY NOT NULL,
	"materials" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "supply_by" text;--> statement-breakpoint
CREATE INDEX "cases_supply_by_idx" ON "cases" USING btree ("supply_by");