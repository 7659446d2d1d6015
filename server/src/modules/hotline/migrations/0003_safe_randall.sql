ALTER TABLE "hotline_api_keys" ADD COLUMN "region_path" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "hotline_api_keys" ADD COLUMN "department_id" uuid;--> statement-breakpoint
ALTER TABLE "hotline_tickets" ADD COLUMN "public_consent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "hotline_tickets" ADD COLUMN "public_text" text;--> statement-breakpoint
ALTER TABLE "hotline_tickets" ADD COLUMN "public_text_by" uuid;--> statement-breakpoint
ALTER TABLE "hotline_tickets" ADD COLUMN "public_text_at" timestamp with time zone;