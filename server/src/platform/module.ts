import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from './context.ts';

export type JobHandler = (ctx: Ctx, payload: Record<string, unknown>) => Promise<void>;

/**
 * What a module gives the composition root: its routes, migrations, jobs and demo data. The
 * module's index.ts exports one of these and the service functions others may call.
 */
export interface YiwangModule {
  name: string;
  /** Absolute path of the module's drizzle migrations folder. */
  migrationsFolder?: string;
  routes?: FastifyPluginAsyncZod;
  /** Background job handlers by kind (kind names are prefixed with the module name). */
  jobs?: Record<string, JobHandler>;
  /** Recurring jobs: enqueued every `everySeconds` by whichever process gets there first. */
  schedules?: { kind: string; everySeconds: number }[];
  /** Demo data for an empty database; runs in order after the modules before it. */
  seedDemo?: (ctx: Ctx) => Promise<void>;
  /** Minimal data a production install needs (e.g. built-in roles). */
  seedBase?: (ctx: Ctx) => Promise<void>;
}
