CREATE INDEX "cases_submitted_idx" ON "cases" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "cases_department_submitted_idx" ON "cases" USING btree ("department_id","submitted_at");--> statement-breakpoint
CREATE INDEX "cases_disclosure_idx" ON "cases" USING btree ("concluded_on","case_no") WHERE status IN ('concluded', 'refused', 'denied');