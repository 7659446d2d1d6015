CREATE TABLE "supervision_dashboard_evaluation_months" (
	"month" text NOT NULL,
	"department_id" text NOT NULL,
	"department_name" text NOT NULL,
	"implementation_code" text NOT NULL,
	"item_name" text NOT NULL,
	"region_path" text NOT NULL,
	"evaluations" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"bad" integer DEFAULT 0 NOT NULL,
	"level_sum" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "supervision_dashboard_evaluation_months_month_department_id_implementation_code_region_path_pk" PRIMARY KEY("month","department_id","implementation_code","region_path")
);
--> statement-breakpoint
CREATE TABLE "supervision_dashboard_months" (
	"month" text NOT NULL,
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
	"zero_visit" integer DEFAULT 0 NOT NULL,
	"one_visit" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "supervision_dashboard_months_month_department_id_implementation_code_region_path_channel_pk" PRIMARY KEY("month","department_id","implementation_code","region_path","channel")
);
--> statement-breakpoint
INSERT INTO "supervision_dashboard_months" SELECT substr("day", 1, 7), "department_id", min("department_name"), "implementation_code", min("item_name"), "region_path", "channel", sum("received"), sum("concluded"), sum("concluded_on_time"), sum("working_days_sum"), sum("promised_days_sum"), sum("statutory_days_sum"), sum("zero_visit"), sum("one_visit") FROM "supervision_dashboard_days" GROUP BY substr("day", 1, 7), "department_id", "implementation_code", "region_path", "channel";
--> statement-breakpoint
INSERT INTO "supervision_dashboard_evaluation_months" SELECT substr("day", 1, 7), "department_id", min("department_name"), "implementation_code", min("item_name"), "region_path", sum("evaluations"), sum("satisfied"), sum("bad"), sum("level_sum") FROM "supervision_dashboard_evaluation_days" GROUP BY substr("day", 1, 7), "department_id", "implementation_code", "region_path";
