CREATE TABLE "inspection_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"draw_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"uscc" text NOT NULL,
	"entity_name" text NOT NULL,
	"inspector_ids" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_draw_inputs" (
	"draw_id" uuid PRIMARY KEY NOT NULL,
	"inputs_gz" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_draws" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"status" text NOT NULL,
	"commitment" text NOT NULL,
	"seed_sealed" text NOT NULL,
	"seed" text,
	"algorithm" text NOT NULL,
	"hashes" jsonb,
	"pool_size" integer,
	"target" integer,
	"selected_count" integer,
	"committed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_by" uuid,
	"drawn_at" timestamp with time zone,
	"drawn_by" uuid,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"void_reason" text
);
--> statement-breakpoint
CREATE TABLE "inspection_entities" (
	"uscc" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"entity_type" text NOT NULL,
	"industry" text NOT NULL,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"address" text NOT NULL,
	"address_key" text NOT NULL,
	"risk_level" text DEFAULT 'low' NOT NULL,
	"credit_level" text DEFAULT 'B' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"source" text DEFAULT 'import' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_inspectors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid,
	"name" text NOT NULL,
	"certificate_no" text NOT NULL,
	"department_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"qualifications" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"available" boolean DEFAULT true NOT NULL,
	"address_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_inspectors_staff_id_unique" UNIQUE("staff_id"),
	CONSTRAINT "inspection_inspectors_certificate_no_unique" UNIQUE("certificate_no")
);
--> statement-breakpoint
CREATE TABLE "inspection_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"department_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sub_item" text,
	"legal_basis" text NOT NULL,
	"subject_type" text NOT NULL,
	"method" text NOT NULL,
	"joint" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"department_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_relations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspector_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"relation" text NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assignment_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"outcome" text NOT NULL,
	"notes" text,
	"photo_refs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"follow_up" text DEFAULT 'none' NOT NULL,
	"follow_up_note" text,
	"inspected_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disclosure_due" date NOT NULL,
	"disclosure_due_estimated" boolean DEFAULT false NOT NULL,
	"disclosed_at" timestamp with time zone,
	"warned_at" timestamp with time zone,
	CONSTRAINT "inspection_results_assignment_id_unique" UNIQUE("assignment_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"department_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"file_refs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"title" text NOT NULL,
	"item_ids" jsonb NOT NULL,
	"department_ids" jsonb NOT NULL,
	"lead_department_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"scope" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"count" integer,
	"proportion_bp" integer,
	"inspectors_per_entity" integer DEFAULT 2 NOT NULL,
	"risk_weights" jsonb NOT NULL,
	"credit_weights" jsonb NOT NULL,
	"recent_tasks" integer DEFAULT 3 NOT NULL,
	"due_date" date NOT NULL,
	"disclosure_working_days" integer DEFAULT 20 NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "inspection_assignments_draw_idx" ON "inspection_assignments" USING btree ("draw_id","seq");--> statement-breakpoint
CREATE INDEX "inspection_assignments_task_idx" ON "inspection_assignments" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_draws_seq_uq" ON "inspection_draws" USING btree ("task_id","seq");--> statement-breakpoint
CREATE INDEX "inspection_entities_region_idx" ON "inspection_entities" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "inspection_entities_industry_idx" ON "inspection_entities" USING btree ("industry");--> statement-breakpoint
CREATE INDEX "inspection_entities_risk_idx" ON "inspection_entities" USING btree ("risk_level","credit_level");--> statement-breakpoint
CREATE INDEX "inspection_entities_address_idx" ON "inspection_entities" USING btree ("address_key");--> statement-breakpoint
CREATE INDEX "inspection_inspectors_department_idx" ON "inspection_inspectors" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "inspection_items_department_idx" ON "inspection_items" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_items_code_uq" ON "inspection_items" USING btree ("department_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_relations_uq" ON "inspection_relations" USING btree ("inspector_id","uscc");--> statement-breakpoint
CREATE INDEX "inspection_results_task_idx" ON "inspection_results" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "inspection_results_due_idx" ON "inspection_results" USING btree ("disclosed_at","disclosure_due");--> statement-breakpoint
CREATE INDEX "inspection_rules_department_idx" ON "inspection_rules" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "inspection_tasks_plan_idx" ON "inspection_tasks" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "inspection_tasks_status_idx" ON "inspection_tasks" USING btree ("status");