-- The monthly report becomes one per city-level region and month (the table is new and has no rows yet).
ALTER TABLE "supervision_monthly_reports" DROP CONSTRAINT "supervision_monthly_reports_pkey";--> statement-breakpoint
ALTER TABLE "supervision_monthly_reports" ADD COLUMN "region_code" text NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_monthly_reports" ADD COLUMN "region_path" text NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_monthly_reports" ADD COLUMN "region_name" text NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_monthly_reports" ADD CONSTRAINT "supervision_monthly_reports_month_region_code_pk" PRIMARY KEY("month","region_code");
