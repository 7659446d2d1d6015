import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageQuerySchema, pageSchema } from '../../platform/db/paging.ts';
import { datasetHistory, datasetRecords, downloadDataset, getDataset, listDatasets } from './datasets.ts';

const tags = ['open-data'];
const idParam = z.object({ id: z.string().regex(/^[a-z0-9-]{1,60}$/) });

const Dataset = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  publisher: z.string(),
  licence: z.string(),
  keywords: z.array(z.string()),
  updateFrequency: z.string(),
  fields: z.array(z.object({ name: z.string(), title: z.string() })),
  distributions: z.array(z.object({ format: z.enum(['csv', 'json', 'xlsx']), url: z.string() })),
  records: z.string().describe('the paged records API'),
  modified: z.string().nullable().describe('DCAT modified: the last refresh'),
  rowCount: z.number().int().nullable().describe('rows at the last refresh'),
  refreshes: z.number().int().describe('refreshes recorded'),
  historyUrl: z.string().describe('the update history API'),
});
const Refresh = z.object({
  at: z.string(),
  rowCount: z.number().int(),
  added: z.number().int().describe('rows not in the previous refresh'),
  removed: z.number().int().describe('rows of the previous refresh no longer there'),
  changed: z.boolean(),
});
const DatasetWithHistory = Dataset.extend({ history: z.array(Refresh).describe('the newest 30 refreshes, newest first') });

/** 数据开放: public, no session read (`session: false`): everyone gets the same answer. */
export const openDataRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/public/open-data/datasets',
    {
      config: { session: false },
      schema: {
        tags,
        summary: 'Open datasets (DCAT-style metadata: title, publisher, licence, update frequency, fields, downloads)',
        querystring: pageQuerySchema,
        response: { 200: pageSchema(Dataset) },
      },
    },
    (req) => listDatasets(req.ctx, req.query),
  );
  app.get(
    '/api/public/open-data/datasets/:id',
    {
      config: { session: false },
      schema: { tags, summary: 'One open dataset with its update history', params: idParam, response: { 200: DatasetWithHistory } },
    },
    (req) => getDataset(req.ctx, req.params.id),
  );
  app.get(
    '/api/public/open-data/datasets/:id/history',
    {
      config: { session: false },
      schema: {
        tags,
        summary: 'The update history of a dataset (each refresh: time, row count, rows added and removed)',
        params: idParam,
        response: { 200: z.array(Refresh) },
      },
    },
    (req) => datasetHistory(req.ctx, req.params.id),
  );
  app.get(
    '/api/public/open-data/datasets/:id/records',
    {
      config: { session: false },
      schema: {
        tags,
        summary: "A page of the dataset's records (personal data removed by rule)",
        params: idParam,
        querystring: pageQuerySchema.omit({ q: true }),
        response: { 200: pageSchema(z.record(z.string(), z.unknown())) },
      },
    },
    (req) => datasetRecords(req.ctx, req.params.id, req.query),
  );
  app.get(
    '/api/public/open-data/datasets/:id/download',
    {
      config: { session: false },
      schema: {
        tags,
        summary: 'The whole dataset as CSV, JSON or xlsx',
        params: idParam,
        querystring: z.object({ format: z.enum(['csv', 'json', 'xlsx']).default('csv') }),
      },
    },
    async (req, reply) => {
      const file = await downloadDataset(req.ctx, req.params.id, req.query.format);
      return reply.type(file.type).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    },
  );
};
