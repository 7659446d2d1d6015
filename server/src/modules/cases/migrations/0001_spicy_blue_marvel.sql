CREATE TABLE "case_drafts" (
	"applicant_kind" text NOT NULL,
	"applicant_id" uuid NOT NULL,
	"implementation_code" text NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_drafts_applicant_kind_applicant_id_implementation_code_pk" PRIMARY KEY("applicant_kind","applicant_id","implementation_code")
);
