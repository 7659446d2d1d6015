CREATE TABLE "supervision_dashboard_evaluation_days" (
	"day" text NOT NULL,
	"department_id" text NOT NULL,
	"department_name" text NOT NULL,
	"implementation_code" text NOT NULL,
	"item_name" text NOT NULL,
	"region_path" text NOT NULL,
	"evaluations" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"bad" integer DEFAULT 0 NOT NULL,
	"level_sum" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "supervision_dashboard_evaluation_days_day_department_id_implementation_code_region_path_pk" PRIMARY KEY("day","department_id","implementation_code","region_path")
);
--> statement-breakpoint
CREATE TABLE "supervision_monthly_reports" (
	"month" text PRIMARY KEY NOT NULL,
	"file_id" text NOT NULL,
	"size" integer NOT NULL,
	"generated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supervision_dashboard_days" ADD COLUMN "zero_visit" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_dashboard_days" ADD COLUMN "one_visit" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "supervision_dashboard_evaluation_days_region_idx" ON "supervision_dashboard_evaluation_days" USING btree ("region_path","day");