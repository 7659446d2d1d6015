CREATE TABLE "payment_callbacks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"gateway" text NOT NULL,
	"event_id" text NOT NULL,
	"order_no" text NOT NULL,
	"kind" text NOT NULL,
	"trade_no" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_mismatches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"gateway" text NOT NULL,
	"day" text NOT NULL,
	"kind" text NOT NULL,
	"order_no" text NOT NULL,
	"trade_no" text,
	"order_fen" integer,
	"gateway_fen" integer,
	"region_path" text NOT NULL,
	"department_id" uuid,
	"detected_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"case_no" text NOT NULL,
	"implementation_code" text NOT NULL,
	"item_name" text NOT NULL,
	"department_id" uuid NOT NULL,
	"department_name" text NOT NULL,
	"region_path" text NOT NULL,
	"applicant_kind" text NOT NULL,
	"applicant_id" uuid NOT NULL,
	"payer_name" text NOT NULL,
	"lines" jsonb NOT NULL,
	"amount_fen" integer NOT NULL,
	"status" text NOT NULL,
	"gateway" text,
	"gateway_trade_no" text,
	"paid_fen" integer,
	"paid_at" timestamp with time zone,
	"last_event_at" timestamp with time zone,
	"refunded_fen" integer,
	"refund_reason" text,
	"refunded_at" timestamp with time zone,
	"refunded_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_orders_order_no_unique" UNIQUE("order_no")
);
--> statement-breakpoint
CREATE TABLE "payment_simulated_trades" (
	"trade_no" text PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"day" text NOT NULL,
	"paid_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "payment_callbacks_event_uq" ON "payment_callbacks" USING btree ("gateway","event_id");--> statement-breakpoint
CREATE INDEX "payment_callbacks_order_idx" ON "payment_callbacks" USING btree ("order_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_mismatches_uq" ON "payment_mismatches" USING btree ("gateway","day","order_no","kind");--> statement-breakpoint
CREATE INDEX "payment_mismatches_day_idx" ON "payment_mismatches" USING btree ("day");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_orders_live_case_uq" ON "payment_orders" USING btree ("case_no") WHERE status IN ('unpaid', 'paid');--> statement-breakpoint
CREATE INDEX "payment_orders_case_idx" ON "payment_orders" USING btree ("case_no");--> statement-breakpoint
CREATE INDEX "payment_orders_applicant_idx" ON "payment_orders" USING btree ("applicant_kind","applicant_id");--> statement-breakpoint
CREATE INDEX "payment_orders_region_idx" ON "payment_orders" USING btree ("region_path");--> statement-breakpoint
CREATE INDEX "payment_simulated_trades_day_idx" ON "payment_simulated_trades" USING btree ("day");