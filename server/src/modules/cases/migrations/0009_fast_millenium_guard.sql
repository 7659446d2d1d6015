CREATE TABLE "case_payment_rules" (
	"implementation_code" text PRIMARY KEY NOT NULL,
	"before_step" text NOT NULL,
	"pause_clock" boolean NOT NULL,
	"legal_basis" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
