CREATE TABLE "hotline_daily_stats" (
	"day" date NOT NULL,
	"unit_key" text NOT NULL,
	"unit_department_id" uuid,
	"unit_region_path" text NOT NULL,
	"unit_name" text NOT NULL,
	"category_key" text NOT NULL,
	"district_key" text NOT NULL,
	"street_key" text NOT NULL,
	"tickets" integer DEFAULT 0 NOT NULL,
	"signed" integer DEFAULT 0 NOT NULL,
	"signed_on_time" integer DEFAULT 0 NOT NULL,
	"concluded" integer DEFAULT 0 NOT NULL,
	"concluded_on_time" integer DEFAULT 0 NOT NULL,
	"extended" integer DEFAULT 0 NOT NULL,
	"returned" integer DEFAULT 0 NOT NULL,
	"followed" integer DEFAULT 0 NOT NULL,
	"solved" integer DEFAULT 0 NOT NULL,
	"satisfaction_sum" integer DEFAULT 0 NOT NULL,
	"satisfaction_n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "hotline_daily_stats_day_unit_key_category_key_district_key_street_key_pk" PRIMARY KEY("day","unit_key","category_key","district_key","street_key")
);--> statement-breakpoint
-- Backfill from the tickets already recorded (the same statement as rebuildDailyStats in rollup.ts).
INSERT INTO hotline_daily_stats (day, unit_key, unit_department_id, unit_region_path, unit_name, category_key, district_key, street_key,
  tickets, signed, signed_on_time, concluded, concluded_on_time, extended, returned, followed, solved, satisfaction_sum, satisfaction_n)
SELECT intake_date, coalesce(unit_department_id::text, unit_region_code), unit_department_id, max(unit_region_path), max(unit_name),
  coalesce(category_id::text, ''), coalesce(district_code, ''), coalesce(street_code, ''),
  count(*), count(*) FILTER (WHERE signed_at IS NOT NULL), count(*) FILTER (WHERE signed_late = false),
  count(*) FILTER (WHERE concluded_at IS NOT NULL), count(*) FILTER (WHERE concluded_late = false),
  count(*) FILTER (WHERE extension_count > 0), count(*) FILTER (WHERE return_count > 0),
  count(*) FILTER (WHERE solved IS NOT NULL), count(*) FILTER (WHERE solved), coalesce(sum(satisfaction), 0), count(satisfaction)
FROM hotline_tickets
GROUP BY intake_date, coalesce(unit_department_id::text, unit_region_code), unit_department_id, coalesce(category_id::text, ''), coalesce(district_code, ''), coalesce(street_code, '');
