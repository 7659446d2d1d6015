ALTER TABLE "case_bundle_members" ADD COLUMN "issued_on" text;--> statement-breakpoint
ALTER TABLE "case_bundles" ADD COLUMN "delivery_method" text;--> statement-breakpoint
ALTER TABLE "case_bundles" ADD COLUMN "delivery_address_id" uuid;--> statement-breakpoint
ALTER TABLE "case_bundles" ADD COLUMN "delivery_order_id" uuid;--> statement-breakpoint
ALTER TABLE "case_bundles" ADD COLUMN "results_ready_on" text;--> statement-breakpoint
ALTER TABLE "case_bundles" ADD COLUMN "delivery_note" text;