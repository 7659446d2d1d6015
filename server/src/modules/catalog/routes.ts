import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageQuerySchema, pageSchema } from '../../platform/db/paging.ts';
import { catalogPermissions as P } from './policy.ts';
import * as catalog from './service.ts';
import * as lists from './lists.ts';
import { listDefinitions, type ListDefinition } from './list-definitions.ts';
import type { ListName } from './lists-repository.ts';
import { exportCatalog, importCatalog, XLSX_TYPE } from './excel.ts';
import { lifeEventRoutes } from './life-events-routes.ts';
import { fileResponse, rawFileBody, rawFileOnly } from '../../platform/http/openapi-bodies.ts';
import {
  BaseItem,
  BaseItemQuery,
  DraftUpdate,
  GuideDocument,
  ImplementationCreate,
  ImplementationSummary,
  ImportReport,
  ItemCreate,
  ListEntryQuery,
  PublishBody,
  Reason,
  Retire,
  SearchQuery,
  Theme,
  VersionHistory,
  WorkbenchImplementation,
  WorkbenchListQuery,
} from './schemas.ts';

const tags = ['catalog'];
const codeParam = z.object({
  implementationCode: z
    .string()
    .regex(/^[0-9A-Z]{31}$/)
    .describe('实施编码 (31 characters)'),
});
const wb = '/api/workbench/catalog/implementations/:implementationCode';
const entryCode = z.object({ code: z.string().min(1).max(50).describe('the entry code (收费编码 / 权力编码 / 中介服务编码)') });

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  // xlsx uploads for the import (this plugin only).
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  // 一件事 bundles (life-events-routes.ts)
  await lifeEventRoutes(app, {});
  // ----- public -----
  app.get(
    '/api/catalog/items',
    {
      schema: {
        tags,
        summary: 'Search and browse the published catalog (Chinese, pinyin, initials, codes)',
        querystring: SearchQuery,
        response: {
          200: pageSchema(ImplementationSummary).extend({
            suggestion: z.string().optional().describe('did you mean: the published name or keyword closest to a query none contains'),
          }),
        },
      },
    },
    (req) => catalog.searchItems(req.ctx, req.query),
  );
  app.get(
    '/api/catalog/items/:implementationCode',
    {
      schema: {
        tags,
        summary: 'The published service guide (?version= for an older one)',
        params: codeParam,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: GuideDocument },
      },
    },
    (req) => catalog.getPublishedGuide(req.ctx, req.params.implementationCode, req.query.version, { countView: req.query.version === undefined }),
  );
  app.get(
    '/api/catalog/items/:implementationCode/blank-form',
    {
      schema: {
        tags,
        summary: '空白表格: the published application form as a blank A4 PDF to print and fill in by hand',
        params: codeParam,
        response: { 200: fileResponse('The blank form (shown in the browser)', ['application/pdf']) },
      },
    },
    async (req, reply) => {
      const { filename, data } = await catalog.blankFormPdf(req.ctx, req.params.implementationCode);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="blank-form.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=300')
        .send(data);
    },
  );
  app.get(
    '/api/catalog/items/:implementationCode/versions',
    { schema: { tags, summary: 'Version history with field-by-field differences', params: codeParam, response: { 200: VersionHistory } } },
    (req) => catalog.listPublishedVersions(req.ctx, req.params.implementationCode),
  );
  app.get(
    '/api/catalog/themes',
    { schema: { tags, summary: 'Themes and life situations with their number of published implementations', response: { 200: z.array(Theme) } } },
    (req) => catalog.listThemes(req.ctx),
  );
  for (const def of Object.values(listDefinitions) as ListDefinition<ListName>[]) {
    app.get(
      `/api/catalog/lists/${def.publicName}`,
      { schema: { tags, summary: `${def.title}: active entries`, querystring: pageQuerySchema, response: { 200: pageSchema(def.schemas.entry) } } },
      (req) => lists.listEntries(req.ctx, def.list, req.query),
    );
  }
  app.get(
    '/api/catalog/lists/:list/download',
    {
      schema: {
        tags,
        summary: 'A public list as a CSV file (UTF-8 with BOM): the whole list',
        params: z.object({ list: z.enum(['do-now', 'do-online', 'do-in-one-visit', ...Object.values(listDefinitions).map((d) => d.publicName)]) }),
        response: { 200: fileResponse('The list as CSV (attachment)', ['text/csv']) },
      },
    },
    async (req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.params.list}.csv"`)
        .send(await catalog.listCsv(req.ctx, req.params.list)),
  );
  app.get(
    '/api/catalog/lists/:list',
    {
      schema: {
        tags,
        summary: '马上办 / 网上办 / 一次办 lists',
        params: z.object({ list: z.enum(['do-now', 'do-online', 'do-in-one-visit']) }),
        querystring: pageQuerySchema,
        response: { 200: pageSchema(ImplementationSummary) },
      },
    },
    (req) => catalog.flagList(req.ctx, req.params.list, req.query),
  );

  // ----- workbench: editors (own department) and reviewers -----
  app.get(
    '/api/workbench/catalog/implementations',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Implementations in your edit or review scope',
        querystring: WorkbenchListQuery,
        response: { 200: pageSchema(ImplementationSummary) },
      },
    },
    (req) => catalog.listForWorkbench(req.ctx, req.query),
  );
  app.get(
    '/api/workbench/catalog/items',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Base catalog items (to implement one in your department)',
        querystring: BaseItemQuery,
        response: { 200: pageSchema(BaseItem) },
      },
    },
    (req) => catalog.listBaseItems(req.ctx, req.query),
  );
  app.post(
    '/api/workbench/catalog/items',
    {
      config: { permission: P.review, idempotent: true },
      schema: { tags, summary: 'Add a base catalog item', body: ItemCreate, response: { 201: ItemCreate } },
    },
    async (req, reply) => reply.status(201).send(await catalog.createItem(req.ctx, req.body)),
  );
  app.post(
    '/api/workbench/catalog/implementations',
    {
      config: { permission: P.edit, idempotent: true },
      schema: { tags, summary: 'Implement an item in your department (first draft)', body: ImplementationCreate, response: { 201: WorkbenchImplementation } },
    },
    async (req, reply) => reply.status(201).send(await catalog.createImplementation(req.ctx, req.body)),
  );
  app.get(
    wb,
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Working and published versions with their difference', params: codeParam, response: { 200: WorkbenchImplementation } },
    },
    (req) => catalog.getForWorkbench(req.ctx, req.params.implementationCode),
  );
  app.post(
    `${wb}/drafts`,
    {
      config: { permission: P.edit },
      schema: { tags, summary: 'Start a new version by copying the latest', params: codeParam, response: { 200: WorkbenchImplementation } },
    },
    (req) => catalog.startDraft(req.ctx, req.params.implementationCode),
  );
  app.put(
    `${wb}/draft`,
    {
      config: { permission: P.edit },
      schema: { tags, summary: 'Save the draft guide', params: codeParam, body: DraftUpdate, response: { 200: WorkbenchImplementation } },
    },
    (req) => catalog.updateDraft(req.ctx, req.params.implementationCode, req.body),
  );
  app.post(
    `${wb}/draft/submit`,
    { config: { permission: P.edit }, schema: { tags, summary: 'Submit the draft for review', params: codeParam, response: { 200: WorkbenchImplementation } } },
    (req) => catalog.submitDraft(req.ctx, req.params.implementationCode),
  );
  app.post(
    `${wb}/submitted/publish`,
    {
      config: { permission: P.review },
      schema: {
        tags,
        summary: 'Publish the submitted version (immutable from now on)',
        params: codeParam,
        body: PublishBody.optional(),
        response: { 200: WorkbenchImplementation },
      },
    },
    (req) => catalog.publishSubmitted(req.ctx, req.params.implementationCode, req.body?.comment),
  );
  app.post(
    `${wb}/submitted/reject`,
    {
      config: { permission: P.review },
      schema: { tags, summary: 'Send the submitted version back to draft', params: codeParam, body: Reason, response: { 200: WorkbenchImplementation } },
    },
    (req) => catalog.rejectSubmitted(req.ctx, req.params.implementationCode, req.body.reason),
  );
  for (const action of ['suspend', 'resume', 'abolish'] as const) {
    app.post(
      `${wb}/${action}`,
      {
        config: { permission: P.review },
        schema: {
          tags,
          summary: `${action[0]!.toUpperCase()}${action.slice(1)} the implementation`,
          params: codeParam,
          body: Reason,
          response: { 200: WorkbenchImplementation },
        },
      },
      (req) => catalog.changeState(req.ctx, req.params.implementationCode, action, req.body.reason),
    );
  }
  // ----- workbench: the fee catalog, power list and intermediary list (catalog.list.manage), one set of routes per list definition -----
  for (const def of Object.values(listDefinitions) as ListDefinition<ListName>[]) {
    const base = `/api/workbench/catalog/${def.list}`;
    app.get(
      base,
      {
        config: { permission: P.lists },
        schema: {
          tags,
          summary: `${def.title}: entries with search and paging (status active, retired or all)`,
          querystring: ListEntryQuery,
          response: { 200: pageSchema(def.schemas.workbenchEntry) },
        },
      },
      (req) => lists.listEntriesForWorkbench(req.ctx, def.list, req.query),
    );
    app.post(
      base,
      {
        config: { permission: P.lists, idempotent: true },
        schema: { tags, summary: `Add an entry to the ${def.title}`, body: def.schemas.create, response: { 201: def.schemas.entry } },
      },
      async (req, reply) => reply.status(201).send(await lists.createEntry(req.ctx, def.list, req.body as never)),
    );
    app.put(
      `${base}/:code`,
      {
        config: { permission: P.lists },
        schema: {
          tags,
          summary: `Edit an entry of the ${def.title} (send the version you read)`,
          params: entryCode,
          body: def.schemas.update,
          response: { 200: def.schemas.entry },
        },
      },
      (req) => lists.updateEntry(req.ctx, def.list, req.params.code, req.body as never),
    );
    app.post(
      `${base}/:code/retire`,
      {
        config: { permission: P.lists },
        schema: {
          tags,
          summary: `Retire an entry of the ${def.title} (it leaves the public list)`,
          params: entryCode,
          body: Retire,
          response: { 200: def.schemas.entry },
        },
      },
      (req) => lists.retireEntry(req.ctx, def.list, req.params.code, req.body),
    );
  }
  app.get(
    '/api/workbench/catalog/export',
    {
      config: { permission: P.review },
      schema: {
        tags,
        summary: 'The catalog as an xlsx workbook (items, the fee catalog, power and intermediary lists, implementations)',
        response: { 200: fileResponse('The workbook (attachment)', [XLSX_TYPE]) },
      },
    },
    async (req, reply) => {
      const buffer = await exportCatalog(req.ctx);
      return reply.type(XLSX_TYPE).header('content-disposition', 'attachment; filename="catalog.xlsx"').send(buffer);
    },
  );
  app.post(
    '/api/workbench/catalog/import',
    {
      config: { permission: P.review },
      preValidation: rawFileOnly([XLSX_TYPE]),
      schema: {
        tags,
        summary: 'Import an xlsx workbook: all or nothing; errors list every bad row, column and reason',
        consumes: [XLSX_TYPE],
        body: rawFileBody,
        response: { 200: ImportReport },
      },
    },
    (req) => importCatalog(req.ctx, req.body),
  );
};
