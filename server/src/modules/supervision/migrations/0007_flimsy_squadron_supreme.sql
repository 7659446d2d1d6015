ALTER TABLE "supervision_dashboard_days" ADD COLUMN "window_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_dashboard_days" ADD COLUMN "window_label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_dashboard_evaluation_days" ADD COLUMN "window_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_dashboard_evaluation_days" ADD COLUMN "window_label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_dashboard_evaluation_months" ADD COLUMN "window_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_dashboard_evaluation_months" ADD COLUMN "window_label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_dashboard_months" ADD COLUMN "window_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_dashboard_months" ADD COLUMN "window_label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_dashboard_days" DROP CONSTRAINT "supervision_dashboard_days_day_department_id_implementation_code_region_path_channel_pk";--> statement-breakpoint
ALTER TABLE "supervision_dashboard_evaluation_days" DROP CONSTRAINT "supervision_dashboard_evaluation_days_day_department_id_implementation_code_region_path_pk";--> statement-breakpoint
ALTER TABLE "supervision_dashboard_evaluation_months" DROP CONSTRAINT "supervision_dashboard_evaluation_months_month_department_id_implementation_code_region_path_pk";--> statement-breakpoint
ALTER TABLE "supervision_dashboard_months" DROP CONSTRAINT "supervision_dashboard_months_month_department_id_implementation_code_region_path_channel_pk";--> statement-breakpoint
ALTER TABLE "supervision_dashboard_days" ADD CONSTRAINT "supervision_dashboard_days_day_department_id_implementation_code_region_path_channel_window_id_pk" PRIMARY KEY("day","department_id","implementation_code","region_path","channel","window_id");--> statement-breakpoint
ALTER TABLE "supervision_dashboard_evaluation_days" ADD CONSTRAINT "supervision_dashboard_evaluation_days_day_department_id_implementation_code_region_path_window_id_pk" PRIMARY KEY("day","department_id","implementation_code","region_path","window_id");--> statement-breakpoint
ALTER TABLE "supervision_dashboard_evaluation_months" ADD CONSTRAINT "supervision_dashboard_evaluation_months_month_department_id_implementation_code_region_path_window_id_pk" PRIMARY KEY("month","department_id","implementation_code","region_path","window_id");--> statement-breakpoint
ALTER TABLE "supervision_dashboard_months" ADD CONSTRAINT "supervision_dashboard_months_month_department_id_implementation_code_region_path_channel_window_id_pk" PRIMARY KEY("month","department_id","implementation_code","region_path","channel","window_id");
