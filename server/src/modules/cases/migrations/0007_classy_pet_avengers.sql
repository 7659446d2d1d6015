ALTER TABLE "case_workflows" ADD COLUMN "owner_region_path" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "case_workflows" ADD COLUMN "owner_department_id" uuid;