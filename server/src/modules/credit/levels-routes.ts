import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { defaultLevelRules, LEVEL_PERMISSION, listLevelRules, myCreditLevel, setLevelRule } from './levels.ts';
import { creditPermissions as P } from './policy.ts';
import { levelFactorKinds } from './tables.ts';

const tags = ['credit'];
const Level = z.enum(['A', 'B', 'C', 'D']);

export const LevelRuleView = z.object({
  id: z.string().uuid().nullable().describe('null: the default, never edited'),
  factorKind: z.enum(levelFactorKinds),
  factor: z.string().describe("a record kind, a list, 'A'/'B'/'C' (thresholds) or 'score' (the base)"),
  points: z.number().int(),
  note: z.string(),
  version: z.number().int(),
  updatedAt: z.date().nullable(),
});
export const CreditLevelView = z.object({
  level: Level,
  score: z.number().int(),
  base: z.number().int(),
  thresholds: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int() }),
  hasFile: z.boolean(),
  contributions: z.array(
    z.object({
      factorKind: z.enum(['record', 'list']),
      factor: z.string(),
      recordId: z.string().uuid().nullable(),
      title: z.string(),
      decidedOn: z.string(),
      points: z.number().int(),
    }),
  ),
});

/** Credit levels computed from the file: the subject's own level, the rule table (read, edit). */
export const creditLevelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/credit/mine/level',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'Your credit level and what makes it: the records and lists in force with their points', response: { 200: CreditLevelView } },
    },
    (req) => myCreditLevel(req.ctx),
  );
  app.get(
    '/api/workbench/credit/level-rules',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'The credit level rules: base score, points per record kind and list, thresholds of A, B, C',
        response: { 200: z.object({ regionPath: z.string(), rules: z.array(LevelRuleView) }) },
      },
    },
    (req) => listLevelRules(req.ctx),
  );
  app.put(
    '/api/workbench/credit/level-rules/:factorKind/:factor',
    {
      config: { permission: LEVEL_PERMISSION },
      schema: {
        tags,
        summary: 'Set the points of one rule (credit.level.manage over the city; thresholds stay A > B > C); audited',
        params: z.object({
          factorKind: z.enum(levelFactorKinds),
          factor: z.enum([...new Set(defaultLevelRules.map((r) => r.factor))] as [string, ...string[]]),
        }),
        body: z.object({ points: z.number().int().min(-1000).max(1000), note: z.string().max(200).optional() }),
        response: { 200: LevelRuleView },
      },
    },
    (req) => setLevelRule(req.ctx, req.params.factorKind, req.params.factor, req.body),
  );
};
