CREATE TABLE "data_certificate_consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"holder_kind" text NOT NULL,
	"holder_id" uuid NOT NULL,
	"certificate_type" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "data_certificate_types" (
	"name" text PRIMARY KEY NOT NULL,
	"consent_required" boolean NOT NULL,
	"legal_basis" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "data_access_log" ADD COLUMN "detail" text;--> statement-breakpoint
CREATE INDEX "data_certificate_consents_holder_idx" ON "data_certificate_consents" USING btree ("holder_kind","holder_id","certificate_type");