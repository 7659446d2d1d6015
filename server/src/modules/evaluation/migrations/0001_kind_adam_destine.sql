CREATE TABLE "evaluation_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"kind" text NOT NULL,
	"case_no" text NOT NULL,
	"created_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"evaluation_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE INDEX "evaluation_tokens_case_idx" ON "evaluation_tokens" USING btree ("case_no");