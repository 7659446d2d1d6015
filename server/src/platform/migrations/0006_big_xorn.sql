-- Decision 0006 (docs/decisions/0006-audit-chain-sealed-after-commit.md): an event takes its seq
-- from a sequence inside the business transaction and is inserted unsealed; a sealer chains
-- committed events later. audit_next_seq() first takes a SHARED advisory lock (never waited on by
-- another writer: shared locks do not conflict), held to the end of the transaction: it tells the
-- sealer (pg_locks) which transactions may still commit a seq it has already handed out.
-- The sequence must keep CACHE 1: a session's cached values would be handed out without the flag.
CREATE SEQUENCE IF NOT EXISTS audit_events_seq CACHE 1 OWNED BY audit_events.seq;--> statement-breakpoint
SELECT setval('audit_events_seq', COALESCE((SELECT max(seq) FROM audit_events), 0) + 1, false);--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_next_seq() RETURNS bigint AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7020346);
  RETURN nextval('audit_events_seq');
END;
$$ LANGUAGE plpgsql VOLATILE;
--> statement-breakpoint
-- Append-only, except the one update the sealer makes: an unsealed event gets its chain fields.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
     AND (to_jsonb(NEW) - 'hash' - 'prev_hash' - 'prev_seq') = (to_jsonb(OLD) - 'hash' - 'prev_hash' - 'prev_seq') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "seq" SET DEFAULT audit_next_seq();--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_seq" bigint;--> statement-breakpoint
CREATE INDEX "audit_events_unsealed_idx" ON "audit_events" USING btree ("seq") WHERE hash IS NULL;