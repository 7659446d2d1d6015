import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageQuerySchema, pageSchema } from '../../platform/db/paging.ts';
import { inspectionPermissions as P } from './policy.ts';
import { sendNegotiated } from '../../platform/http/content-encoding.ts';
import { problemResponse, rawFileBody, rawFileOnly } from '../../platform/http/openapi-bodies.ts';
import { commitDraw } from './commit-draw.ts';
import { discloseTask } from './disclosure.ts';
import { drawInputsBody } from './draw-inputs.ts';
import { importEntities, listEntities } from './entities-service.ts';
import { createInspector, declareRelation, listInspectors, listRelations, updateInspector } from './inspectors-service.ts';
import { createItem, listItems, listRules, putRules, updateItem } from './items-service.ts';
import { publicDraw, publicTasks } from './public-service.ts';
import { decidePenalty, PenaltyCreate, PenaltyDecision } from './penalty.ts';
import { myAssignments, recordResult, taskResults } from './results-service.ts';
import { drawTask } from './run-draw.ts';
import { createPlan, createTask, getTask, listDraws, listPlans, listTasks, taskAssignments } from './tasks-service.ts';
import { voidDraw } from './void-draw.ts';
import {
  Assignment,
  DrawSummary,
  ItemUpdate,
  Relation,
  TaskAssignment,
  TaskAssignmentQuery,
  TaskDetail,
  Entity,
  EntityListQuery,
  BadRow,
  ImportReport,
  Inspector,
  InspectorCreate,
  InspectorUpdate,
  Item,
  ItemCreate,
  ItemListQuery,
  Plan,
  PlanCreate,
  PublicDraw,
  PublicTask,
  RelationCreate,
  Result,
  ResultCreate,
  Rules,
  RulesPut,
  Task,
  TaskCreate,
  TaskListQuery,
  VoidBody,
} from './schemas.ts';

const tags = ['inspection'];
const idParam = z.object({ id: z.string().uuid() });
const wb = '/api/workbench/inspection';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const inspectionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser([XLSX, 'text/csv'], { parseAs: 'buffer', bodyLimit: 200 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  // ----- workbench: lists and directories -----
  app.get(
    `${wb}/items`,
    { config: { auth: 'staff' }, schema: { tags, summary: 'Inspection item list', querystring: ItemListQuery, response: { 200: pageSchema(Item) } } },
    (req) => listItems(req.ctx, req.query),
  );
  app.post(
    `${wb}/items`,
    { config: { permission: P.plan, idempotent: true }, schema: { tags, summary: 'Add an inspection item', body: ItemCreate, response: { 201: Item } } },
    async (req, reply) => reply.status(201).send(await createItem(req.ctx, req.body)),
  );
  app.patch(
    `${wb}/items/:id`,
    {
      config: { permission: P.plan },
      schema: { tags, summary: 'Edit an inspection item (active: false retires it)', params: idParam, body: ItemUpdate, response: { 200: Item } },
    },
    (req) => updateItem(req.ctx, req.params.id, req.body),
  );
  app.put(
    `${wb}/rules/:id`,
    {
      config: { permission: P.plan },
      schema: { tags, summary: "Set a department's implementation rules (id = department id)", params: idParam, body: RulesPut, response: { 200: Rules } },
    },
    (req) => putRules(req.ctx, req.params.id, req.body),
  );
  app.get(
    `${wb}/entities`,
    {
      config: { permission: P.plan },
      schema: { tags, summary: 'Entity directory in your region', querystring: EntityListQuery, response: { 200: pageSchema(Entity) } },
    },
    (req) => listEntities(req.ctx, req.query),
  );
  app.post(
    `${wb}/entities/import`,
    {
      config: { permission: P.plan },
      preValidation: rawFileOnly([XLSX, 'text/csv']),
      schema: {
        tags,
        summary: 'Import entities from CSV (text/csv) or xlsx: all or nothing; a 422 lists every bad row',
        consumes: [XLSX, 'text/csv'],
        body: rawFileBody,
        response: {
          200: ImportReport,
          422: problemResponse('inspection.import_invalid: nothing was imported', {
            badRows: z.array(BadRow).optional().describe('the first 1,000 bad rows'),
            badRowCount: z.number().int().optional(),
          }),
        },
      },
    },
    (req) => importEntities(req.ctx, req.body, String(req.headers['content-type'] ?? '').startsWith('text/csv') ? 'csv' : 'xlsx'),
  );
  app.get(
    `${wb}/inspectors`,
    {
      config: { permission: P.plan },
      schema: {
        tags,
        summary: 'Inspector directory',
        querystring: pageQuerySchema.extend({ departmentId: z.string().uuid().optional() }),
        response: { 200: pageSchema(Inspector) },
      },
    },
    (req) => listInspectors(req.ctx, req.query),
  );
  app.post(
    `${wb}/inspectors`,
    { config: { permission: P.plan, idempotent: true }, schema: { tags, summary: 'Add an inspector', body: InspectorCreate, response: { 201: Inspector } } },
    async (req, reply) => reply.status(201).send(await createInspector(req.ctx, req.body)),
  );
  app.patch(
    `${wb}/inspectors/:id`,
    {
      config: { permission: P.plan },
      schema: { tags, summary: 'Availability and qualifications', params: idParam, body: InspectorUpdate, response: { 200: Inspector } },
    },
    (req) => updateInspector(req.ctx, req.params.id, req.body),
  );
  app.get(
    `${wb}/inspectors/:id/relations`,
    {
      config: { permission: P.plan },
      schema: { tags, summary: "An inspector's declared relations (recusal)", params: idParam, response: { 200: z.array(Relation) } },
    },
    (req) => listRelations(req.ctx, req.params.id),
  );
  app.post(
    `${wb}/inspectors/:id/relations`,
    {
      config: { permission: P.plan, idempotent: true },
      schema: { tags, summary: 'Declare a relation (recusal)', params: idParam, body: RelationCreate, response: { 201: z.object({ ok: z.boolean() }) } },
    },
    async (req, reply) => reply.status(201).send(await declareRelation(req.ctx, req.params.id, req.body)),
  );

  // ----- workbench: plans, tasks, draws -----
  app.get(`${wb}/plans`, { config: { permission: P.plan }, schema: { tags, summary: 'Plans', response: { 200: z.array(Plan) } } }, (req) => listPlans(req.ctx));
  app.post(
    `${wb}/plans`,
    { config: { permission: P.plan, idempotent: true }, schema: { tags, summary: 'Create an annual plan', body: PlanCreate, response: { 201: Plan } } },
    async (req, reply) => reply.status(201).send(await createPlan(req.ctx, req.body)),
  );
  app.get(
    `${wb}/tasks`,
    { config: { auth: 'staff' }, schema: { tags, summary: 'Tasks of your departments', querystring: TaskListQuery, response: { 200: pageSchema(Task) } } },
    (req) => listTasks(req.ctx, req.query),
  );
  app.post(
    `${wb}/plans/:id/tasks`,
    {
      config: { permission: P.plan, idempotent: true },
      schema: { tags, summary: 'Add a task to a plan', params: idParam, body: TaskCreate, response: { 201: Task } },
    },
    async (req, reply) => reply.status(201).send(await createTask(req.ctx, req.params.id, req.body)),
  );
  app.post(
    `${wb}/tasks/:id/commitment`,
    {
      config: { permission: P.plan, idempotent: true },
      schema: { tags, summary: "Publish the commitment (SM3) of the draw's seed", params: idParam, response: { 201: DrawSummary } },
    },
    async (req, reply) => reply.status(201).send(await commitDraw(req.ctx, req.params.id)),
  );
  app.post(
    `${wb}/tasks/:id/draw`,
    {
      config: { permission: P.plan, idempotent: true },
      schema: {
        tags,
        summary: 'Draw entities and inspectors; reveals the seed. A second draw needs the first voided',
        params: idParam,
        response: { 201: DrawSummary },
      },
    },
    async (req, reply) => reply.status(201).send(await drawTask(req.ctx, req.params.id)),
  );
  app.get(
    `${wb}/tasks/:id`,
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'A task (managers of its lead department, supervisors of its region)', params: idParam, response: { 200: TaskDetail } },
    },
    (req) => getTask(req.ctx, req.params.id),
  );
  app.get(
    `${wb}/tasks/:id/assignments`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'The entities drawn (live draw, or ?drawId=) with names, inspectors and results',
        params: idParam,
        querystring: TaskAssignmentQuery,
        response: { 200: pageSchema(TaskAssignment) },
      },
    },
    (req) => taskAssignments(req.ctx, req.params.id, req.query),
  );
  app.get(
    `${wb}/tasks/:id/draws`,
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'All draws of a task, voided ones included', params: idParam, response: { 200: z.array(DrawSummary) } },
    },
    (req) => listDraws(req.ctx, req.params.id),
  );
  app.post(
    `${wb}/draws/:id/void`,
    {
      config: { permission: P.void },
      schema: { tags, summary: 'Void a draw with a reason (supervisor)', params: idParam, body: VoidBody, response: { 200: DrawSummary } },
    },
    (req) => voidDraw(req.ctx, req.params.id, req.body.reason),
  );
  app.get(
    `${wb}/tasks/:id/results`,
    { config: { auth: 'staff' }, schema: { tags, summary: 'Results of a task', params: idParam, response: { 200: z.array(Result) } } },
    (req) => taskResults(req.ctx, req.params.id),
  );
  app.post(
    `${wb}/results/:id/penalty`,
    {
      config: { permission: P.plan },
      schema: {
        tags,
        summary:
          'Decide a penalty on a result with problems (the inspecting department, in its scope): the credit module files it as a penalty record due for 双公示; 409 if the document number was filed',
        params: idParam,
        body: PenaltyCreate,
        response: { 201: PenaltyDecision },
      },
    },
    async (req, reply) => reply.status(201).send(await decidePenalty(req.ctx, req.params.id, req.body)),
  );
  app.post(
    `${wb}/tasks/:id/disclose`,
    {
      config: { permission: P.plan },
      schema: {
        tags,
        summary: 'Disclose the recorded results on the portal',
        params: idParam,
        response: { 200: z.object({ disclosed: z.number(), status: z.string() }) },
      },
    },
    (req) => discloseTask(req.ctx, req.params.id),
  );

  // ----- workbench: inspectors -----
  app.get(
    `${wb}/my-assignments`,
    {
      config: { permission: P.record },
      schema: { tags, summary: 'Entities you are assigned to inspect', querystring: pageQuerySchema, response: { 200: pageSchema(Assignment) } },
    },
    (req) => myAssignments(req.ctx, req.query),
  );
  app.post(
    `${wb}/assignments/:id/result`,
    {
      config: { permission: P.record, idempotent: true },
      schema: { tags, summary: 'Record the result of an inspection you are assigned to', params: idParam, body: ResultCreate, response: { 201: Result } },
    },
    async (req, reply) => reply.status(201).send(await recordResult(req.ctx, req.params.id, req.body)),
  );

  // ----- public (no personal data) -----
  app.get(
    '/api/public/inspection/tasks',
    { schema: { tags, summary: 'Disclosed tasks with their results', querystring: pageQuerySchema, response: { 200: pageSchema(PublicTask) } } },
    (req) => publicTasks(req.ctx, req.query),
  );
  app.get('/api/public/inspection/rules', { schema: { tags, summary: 'Implementation rules of each department', response: { 200: z.array(Rules) } } }, (req) =>
    listRules(req.ctx),
  );
  app.get(
    '/api/public/inspection/items',
    { schema: { tags, summary: 'Inspection item list', querystring: ItemListQuery, response: { 200: pageSchema(Item) } } },
    (req) => listItems(req.ctx, req.query),
  );
  app.get(
    '/api/public/inspection/draws/:id',
    { schema: { tags, summary: 'A draw: commitment, revealed seed, input hashes, algorithm, selection', params: idParam, response: { 200: PublicDraw } } },
    (req) => publicDraw(req.ctx, req.params.id),
  );
  app.get(
    '/api/public/inspection/draws/:id/inputs',
    {
      schema: {
        tags,
        summary: 'The pools as drawn (no personal data) and the seed: re-run with `yiwang draw verify <file>`',
        description:
          'JSON: drawId, algorithm, seed, commitment, hashes, params, inspectors, exclusions, and entities as the canonical text (`E|uscc|regionPath|risk|credit\\n` lines). The stored gzip is sent as it is (Content-Encoding: gzip).',
        params: idParam,
      },
    },
    async (req, reply) => {
      const held = await drawInputsBody(req.ctx, req.params.id);
      reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'public, max-age=300');
      return sendNegotiated(req, reply, held);
    },
  );
};
