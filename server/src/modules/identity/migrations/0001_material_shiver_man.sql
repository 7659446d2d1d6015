ALTER TABLE "roles" ADD COLUMN "owner_region_code" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "roles" ADD COLUMN "owner_region_path" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "roles" ADD COLUMN "owner_department_id" uuid;