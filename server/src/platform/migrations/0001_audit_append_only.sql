-- The audit trail is append-only: the application may INSERT, never UPDATE or DELETE.
-- (A DBA can still disable the trigger; the hash chain is what detects that.)
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
COMMENT ON TABLE audit_events IS 'Append-only, hash-chained (SM3) audit trail: every state change and every reading of personal data.';
