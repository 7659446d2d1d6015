CREATE TABLE "credit_disclosure_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"day" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_name" text NOT NULL,
	"role" text NOT NULL,
	"items" integer NOT NULL,
	"late" integer NOT NULL,
	"due_soon" integer NOT NULL,
	"records" jsonb NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "credit_disclosure_alerts_day_unit_uq" ON "credit_disclosure_alerts" USING btree ("day","unit_id");--> statement-breakpoint
CREATE INDEX "credit_disclosure_alerts_sent_idx" ON "credit_disclosure_alerts" USING btree ("sent_at");