DROP INDEX "catalog_search_terms_term_idx";--> statement-breakpoint
ALTER TABLE "catalog_implementations" ADD COLUMN "online_level" text;--> statement-breakpoint
ALTER TABLE "catalog_implementations" ADD COLUMN "promised_limit_days" integer;--> statement-breakpoint
ALTER TABLE "catalog_implementations" ADD COLUMN "visits_required" integer;--> statement-breakpoint
ALTER TABLE "catalog_search_terms" ADD COLUMN "popularity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "catalog_search_terms_rank_idx" ON "catalog_search_terms" USING btree ("term" COLLATE "C","weight" DESC NULLS LAST,"popularity" DESC NULLS LAST,"implementation_id");--> statement-breakpoint
UPDATE "catalog_search_terms" s SET "popularity" = i."views" FROM "catalog_implementations" i WHERE i."id" = s."implementation_id";--> statement-breakpoint
UPDATE "catalog_implementations" i SET
  "promised_limit_days" = (v."guide"->>'promisedLimitDays')::int,
  "visits_required" = (v."guide"->>'visitsRequired')::int,
  "online_level" = CASE
    WHEN v."guide"->'onlineDepth' @> '[4,5]'::jsonb AND (v."guide"->>'visitsRequired')::int = 0 THEN 'Ⅳ'
    WHEN v."guide"->'onlineDepth' @> '[4]'::jsonb AND (v."guide"->>'visitsRequired')::int <= 1 THEN 'Ⅲ'
    WHEN v."guide"->'onlineDepth' @> '[2]'::jsonb OR v."guide"->'onlineDepth' @> '[3]'::jsonb THEN 'Ⅱ'
    ELSE 'Ⅰ' END
FROM "catalog_guide_versions" v WHERE v."implementation_id" = i."id" AND v."version" = i."published_version";
