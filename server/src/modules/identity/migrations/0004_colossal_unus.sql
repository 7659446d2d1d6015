ALTER TABLE "entity_agents" ADD COLUMN "authorized_from" text;--> statement-breakpoint
ALTER TABLE "entity_agents" ADD COLUMN "item_codes" jsonb;--> statement-breakpoint
ALTER TABLE "entity_agents" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "entity_agents" ADD COLUMN "granted_by" uuid;--> statement-breakpoint
ALTER TABLE "legal_entities" ADD COLUMN "legal_rep_person_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "acting_entity_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "acting_entity_name" text;