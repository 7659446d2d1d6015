CREATE TABLE "appointment_bookings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"hall_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"implementation_code" text NOT NULL,
	"item_name" text NOT NULL,
	"day" text NOT NULL,
	"start_time" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "appointment_bookings_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "appointment_halls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_center_id" uuid NOT NULL,
	"name" text NOT NULL,
	"region_path" text NOT NULL,
	"department_id" uuid NOT NULL,
	"address" text NOT NULL,
	"no_show_limit" integer DEFAULT 3 NOT NULL,
	"no_show_window_days" integer DEFAULT 90 NOT NULL,
	"no_show_block_days" integer DEFAULT 30 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "appointment_halls_service_center_id_unique" UNIQUE("service_center_id")
);
--> statement-breakpoint
CREATE TABLE "appointment_slots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hall_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"implementation_code" text,
	"day" text NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointment_ticket_counters" (
	"group_id" uuid NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointment_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hall_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"day" text NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"booking_id" uuid,
	"status" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"called_at" timestamp with time zone,
	"window_id" uuid,
	"window_number" text,
	"called_by" uuid,
	"finished_at" timestamp with time zone,
	"wait_seconds" integer,
	"service_seconds" integer
);
--> statement-breakpoint
CREATE TABLE "appointment_window_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hall_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"window_ids" jsonb NOT NULL,
	"items" jsonb NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appointment_bookings" ADD CONSTRAINT "appointment_bookings_slot_id_appointment_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."appointment_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_group_id_appointment_window_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."appointment_window_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_window_groups" ADD CONSTRAINT "appointment_window_groups_hall_id_appointment_halls_id_fk" FOREIGN KEY ("hall_id") REFERENCES "public"."appointment_halls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_bookings_active_uq" ON "appointment_bookings" USING btree ("person_id","hall_id","day") WHERE status = 'booked';--> statement-breakpoint
CREATE INDEX "appointment_bookings_person_idx" ON "appointment_bookings" USING btree ("person_id","day");--> statement-breakpoint
CREATE INDEX "appointment_bookings_day_idx" ON "appointment_bookings" USING btree ("day","status");--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_slots_uq" ON "appointment_slots" USING btree ("group_id","day","start_time",coalesce("implementation_code", ''));--> statement-breakpoint
CREATE INDEX "appointment_slots_hall_day_idx" ON "appointment_slots" USING btree ("hall_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_ticket_counters_pk" ON "appointment_ticket_counters" USING btree ("group_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_tickets_seq_uq" ON "appointment_tickets" USING btree ("group_id","day","seq");--> statement-breakpoint
CREATE INDEX "appointment_tickets_hall_day_idx" ON "appointment_tickets" USING btree ("hall_id","day","status");--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_window_groups_code_uq" ON "appointment_window_groups" USING btree ("hall_id","code");