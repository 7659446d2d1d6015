CREATE TABLE "case_lights_refreshes" (
	"key" text PRIMARY KEY NOT NULL,
	"mark" text NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
