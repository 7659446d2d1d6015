ALTER TABLE "inspection_draw_pools" DROP CONSTRAINT "inspection_draw_pools_pkey";--> statement-breakpoint
ALTER TABLE "inspection_draw_pools" ADD COLUMN "part" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_draw_pools" ADD CONSTRAINT "inspection_draw_pools_draw_id_part_pk" PRIMARY KEY("draw_id","part");
