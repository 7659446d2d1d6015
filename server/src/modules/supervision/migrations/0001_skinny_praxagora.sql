CREATE TABLE "supervision_dashboard_days" (
	"day" text NOT NULL,
	"department_id" text NOT NULL,
	"department_name" text NOT NULL,
	"implementation_code" text NOT NULL,
	"item_name" text NOT NULL,
	"region_path" text NOT NULL,
	"channel" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"concluded" integer DEFAULT 0 NOT NULL,
	"concluded_on_time" integer DEFAULT 0 NOT NULL,
	"working_days_sum" integer DEFAULT 0 NOT NULL,
	"promised_days_sum" integer DEFAULT 0 NOT NULL,
	"statutory_days_sum" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "supervision_dashboard_days_day_department_id_implementation_code_region_path_channel_pk" PRIMARY KEY("day","department_id","implementation_code","region_path","channel")
);
--> statement-breakpoint
CREATE INDEX "supervision_dashboard_days_region_idx" ON "supervision_dashboard_days" USING btree ("region_path","day");