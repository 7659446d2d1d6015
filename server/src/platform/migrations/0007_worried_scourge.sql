CREATE TABLE "outbox_unit_reads" (
	"message_id" uuid NOT NULL,
	"staff_id" text NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outbox_unit_reads_message_id_staff_id_pk" PRIMARY KEY("message_id","staff_id")
);
--> statement-breakpoint
ALTER TABLE "outbox_unit_reads" ADD CONSTRAINT "outbox_unit_reads_message_id_outbox_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."outbox_messages"("id") ON DELETE cascade ON UPDATE no action;