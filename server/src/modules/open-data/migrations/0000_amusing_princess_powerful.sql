CREATE TABLE "open_data_refreshes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dataset_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"row_count" integer NOT NULL,
	"added" integer NOT NULL,
	"removed" integer NOT NULL,
	"changed" boolean NOT NULL,
	"digest" text NOT NULL,
	"row_digests" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "open_data_refreshes_dataset_idx" ON "open_data_refreshes" USING btree ("dataset_id","at");