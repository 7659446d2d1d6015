CREATE TABLE "hotline_limits" (
	"kind" text NOT NULL,
	"urgency" text NOT NULL,
	"conclusion_unit" text NOT NULL,
	"conclusion_amount" integer NOT NULL,
	"sign_minutes" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hotline_limits_kind_urgency_pk" PRIMARY KEY("kind","urgency")
);
--> statement-breakpoint
ALTER TABLE "hotline_tickets" ADD COLUMN "due_at" timestamp with time zone;
--> statement-breakpoint
-- DOMAIN §6 defaults (limits.ts defaultLimits): inquiry, help, praise 3 working days; complaint, report,
-- suggestion 13; urgent "the same day" = 7 working hours (one working day's hours), very urgent 3; sign 60
-- working minutes (very urgent 30).
INSERT INTO "hotline_limits" ("kind", "urgency", "conclusion_unit", "conclusion_amount", "sign_minutes") VALUES
  ('inquiry', 'normal', 'working_days', 3, 60),
  ('inquiry', 'urgent', 'working_hours', 7, 60),
  ('inquiry', 'very_urgent', 'working_hours', 3, 30),
  ('help', 'normal', 'working_days', 3, 60),
  ('help', 'urgent', 'working_hours', 7, 60),
  ('help', 'very_urgent', 'working_hours', 3, 30),
  ('complaint', 'normal', 'working_days', 13, 60),
  ('complaint', 'urgent', 'working_hours', 7, 60),
  ('complaint', 'very_urgent', 'working_hours', 3, 30),
  ('report', 'normal', 'working_days', 13, 60),
  ('report', 'urgent', 'working_hours', 7, 60),
  ('report', 'very_urgent', 'working_hours', 3, 30),
  ('suggestion', 'normal', 'working_days', 13, 60),
  ('suggestion', 'urgent', 'working_hours', 7, 60),
  ('suggestion', 'very_urgent', 'working_hours', 3, 30),
  ('praise', 'normal', 'working_days', 3, 60),
  ('praise', 'urgent', 'working_hours', 7, 60),
  ('praise', 'very_urgent', 'working_hours', 3, 30)
ON CONFLICT DO NOTHING;
