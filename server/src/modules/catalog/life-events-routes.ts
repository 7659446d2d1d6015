import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { catalogPermissions as P } from './policy.ts';
import { getLifeEvent, getLifeEventForWorkbench, listLifeEvents, listLifeEventsForWorkbench, publishLifeEvent, saveLifeEventDraft } from './life-events.ts';
import { LifeEventComputed, LifeEventDefinition, Reductions } from './life-events-definition.ts';
import { LifeEventChange } from './life-events-changes.ts';

const tags = ['catalog'];
const codeParam = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,49}$/)
    .describe('the bundle code, e.g. open-restaurant'),
});
const Member = LifeEventComputed.shape.members.element.omit({ departmentId: true });
const Summary = z.object({
  code: z.string(),
  name: z.string(),
  summary: z.string(),
  subjectTypes: z.array(z.enum(['person', 'entity'])),
  themes: z.array(z.string()),
  promisedLimitDays: z.number(),
  departmentName: z.string().describe('the lead department'),
  regionPath: z.string(),
  version: z.number(),
  publishedAt: z.string().nullable(),
  members: z.array(Member),
  departments: z.array(z.string()),
  reductions: Reductions,
});
const Document = Summary.extend({
  guide: LifeEventDefinition.shape.guide,
  combinedForm: LifeEventComputed.shape.combinedForm,
  fieldMap: LifeEventComputed.shape.fieldMap,
  materials: LifeEventComputed.shape.materials,
  materialsFromResults: LifeEventDefinition.shape.materialsFromResults,
});
const Issue = z.object({ code: z.string(), path: z.string(), detail: z.record(z.string(), z.unknown()).optional() });
const Workbench = z.object({
  code: z.string(),
  name: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  state: z.enum(['unpublished', 'published']),
  publishedVersion: z.number().nullable(),
  working: z.object({ version: z.number(), status: z.string(), changeNote: z.string().nullable(), updatedAt: z.string(), definition: LifeEventDefinition }),
  members: z
    .array(
      z.object({
        key: z.string(),
        implementationCode: z.string(),
        name: z.string().nullable(),
        departmentName: z.string().nullable(),
        guideVersion: z.number().nullable(),
      }),
    )
    .describe('the working members as the guides in force name them (null: not a published implementation)'),
  published: z
    .object({
      version: z.number(),
      publishedAt: z.string().nullable(),
      changeNote: z.string().nullable(),
      definition: LifeEventDefinition,
      members: z.array(Member),
    })
    .nullable(),
  changes: z
    .array(LifeEventChange)
    .describe(
      'what publishing the working version would change: its definition against the published one, and the member guides in force (a renamed material …)',
    ),
  issues: z.array(Issue).describe('the check against the current member guides: publish is refused while any remains'),
  reductions: Reductions.nullable(),
  materials: LifeEventComputed.shape.materials.nullable(),
});

/** 一件事 bundles: public reading (stable paths) and staff editing (docs/life-events.md). */
export const lifeEventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/catalog/life-events',
    {
      schema: {
        tags,
        summary: '一件事: published life-event bundles with their members, departments and measured reductions',
        response: { 200: z.array(Summary) },
      },
    },
    (req) => listLifeEvents(req.ctx),
  );
  app.get(
    '/api/catalog/life-events/:code',
    {
      schema: {
        tags,
        summary: '一件事: one bundle with its guide, the combined form, one material list and the reductions (?version= for an older one)',
        params: codeParam,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: Document },
      },
    },
    (req) => getLifeEvent(req.ctx, req.params.code, req.query.version),
  );
  app.get(
    '/api/workbench/catalog/life-events',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: '一件事 bundles in your edit or review scope',
        response: {
          200: z.array(
            z.object({
              code: z.string(),
              name: z.string(),
              departmentName: z.string(),
              state: z.enum(['unpublished', 'published']),
              publishedVersion: z.number().nullable(),
              workingVersion: z.number().nullable(),
              workingStatus: z.string().nullable().describe('draft, published or superseded'),
              members: z.array(z.object({ key: z.string(), name: z.string().nullable() })),
            }),
          ),
        },
      },
    },
    (req) => listLifeEventsForWorkbench(req.ctx),
  );
  app.get(
    '/api/workbench/catalog/life-events/:code',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'A bundle with its working definition and the check', params: codeParam, response: { 200: Workbench } },
    },
    (req) => getLifeEventForWorkbench(req.ctx, req.params.code),
  );
  app.put(
    '/api/workbench/catalog/life-events/:code/draft',
    {
      // catalog.item.edit or catalog.item.review over the lead department (checked by the service).
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Save the draft definition (creates the bundle in the lead department on first save)',
        params: codeParam,
        body: z.object({ departmentId: z.uuid(), definition: LifeEventDefinition, changeNote: z.string().max(500).optional() }),
        response: { 200: Workbench },
      },
    },
    (req) => saveLifeEventDraft(req.ctx, req.params.code, req.body),
  );
  app.post(
    '/api/workbench/catalog/life-events/:code/publish',
    {
      config: { permission: P.review },
      schema: {
        tags,
        summary: 'Publish the draft: refused (409 catalog.life_event_invalid) while the check finds issues',
        params: codeParam,
        response: { 200: Workbench },
      },
    },
    (req) => publishLifeEvent(req.ctx, req.params.code),
  );
};
