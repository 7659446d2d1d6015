ALTER TABLE "inspection_entities" ADD COLUMN "computed_credit_level" text;--> statement-breakpoint
ALTER TABLE "inspection_entities" drop column "draw_line";--> statement-breakpoint
ALTER TABLE "inspection_entities" ADD COLUMN "draw_line" text GENERATED ALWAYS AS ('E|' || uscc || '|' || region_path || '|' || risk_level || '|' || coalesce(computed_credit_level, credit_level) || chr(10)) STORED;--> statement-breakpoint
CREATE INDEX "inspection_entities_draw_idx" ON "inspection_entities" USING btree ("draw_line","industry","active");
