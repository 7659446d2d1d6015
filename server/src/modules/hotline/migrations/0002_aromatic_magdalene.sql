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