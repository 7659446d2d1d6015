ALTER TABLE "catalog_fees" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "catalog_fees" ADD COLUMN "retire_reason" text;--> statement-breakpoint
ALTER TABLE "catalog_fees" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_intermediaries" ADD COLUMN "department_id" uuid;--> statement-breakpoint
ALTER TABLE "catalog_intermediaries" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "catalog_intermediaries" ADD COLUMN "retire_reason" text;--> statement-breakpoint
ALTER TABLE "catalog_intermediaries" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_intermediaries" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_powers" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "catalog_powers" ADD COLUMN "retire_reason" text;--> statement-breakpoint
ALTER TABLE "catalog_powers" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_powers" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;