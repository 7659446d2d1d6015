CREATE TABLE "delivery_addresses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"recipient_name" text NOT NULL,
	"phone_sealed" text NOT NULL,
	"phone_masked" text NOT NULL,
	"region_code" text NOT NULL,
	"address_sealed" text NOT NULL,
	"address_masked" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_carrier_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"carrier" text NOT NULL,
	"event_id" text NOT NULL,
	"order_id" uuid NOT NULL,
	"status" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"applied" boolean NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_no" text NOT NULL,
	"item_name" text NOT NULL,
	"department_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"applicant_kind" text NOT NULL,
	"applicant_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"method" text NOT NULL,
	"carrier" text,
	"tracking_number" text,
	"recipient_name" text,
	"phone_sealed" text,
	"phone_masked" text,
	"address_sealed" text,
	"address_masked" text,
	"pickup_code_digest" text,
	"pickup_place" text,
	"status" text NOT NULL,
	"last_event_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"signed_by" text,
	"sign_method" text,
	"pickup_attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "delivery_addresses_owner_idx" ON "delivery_addresses" USING btree ("owner_kind","owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_addresses_default_uq" ON "delivery_addresses" USING btree ("owner_kind","owner_id") WHERE is_default;--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_carrier_events_uq" ON "delivery_carrier_events" USING btree ("carrier","event_id");--> statement-breakpoint
CREATE INDEX "delivery_carrier_events_order_idx" ON "delivery_carrier_events" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_orders_case_direction_uq" ON "delivery_orders" USING btree ("case_no","direction");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_orders_tracking_uq" ON "delivery_orders" USING btree ("carrier","tracking_number");--> statement-breakpoint
CREATE INDEX "delivery_orders_applicant_idx" ON "delivery_orders" USING btree ("applicant_kind","applicant_id","created_at");--> statement-breakpoint
CREATE INDEX "delivery_orders_scope_idx" ON "delivery_orders" USING btree ("department_id","region_path","created_at");