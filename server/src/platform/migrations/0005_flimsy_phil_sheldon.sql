ALTER TABLE "audit_events" ADD COLUMN "region_path" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "department_id" text;--> statement-breakpoint
CREATE INDEX "audit_events_region_idx" ON "audit_events" USING btree ("region_path","seq");