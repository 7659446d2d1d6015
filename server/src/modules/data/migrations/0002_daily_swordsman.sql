CREATE TABLE "data_proofs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_name" text NOT NULL,
	"proof_name" text NOT NULL,
	"issuer" text NOT NULL,
	"legal_basis" text NOT NULL,
	"disposition" text NOT NULL,
	"replacement" text DEFAULT '' NOT NULL,
	"department_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "data_proofs_item_proof_uq" ON "data_proofs" USING btree ("item_name","proof_name");--> statement-breakpoint
CREATE INDEX "data_proofs_department_idx" ON "data_proofs" USING btree ("department_id");