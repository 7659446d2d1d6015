CREATE TABLE "inspection_draw_pools" (
	"draw_id" uuid PRIMARY KEY NOT NULL,
	"entities" text NOT NULL
);
