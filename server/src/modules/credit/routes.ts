import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageSchema } from '../../platform/db/paging.ts';
import { problemResponse, rawFileBody, rawFileOnly } from '../../platform/http/openapi-bodies.ts';
import { checksOfCase, listMeasureRules } from './check.ts';
import { creditLevelRoutes } from './levels-routes.ts';
import { creditReportRoutes } from './report-routes.ts';
import { actOnEntry, importListEntries, listEntries, objectAsSubject, proposeEntry } from './lists.ts';
import { creditPermissions as P } from './policy.ts';
import { publicCreditOf, publicDisclosures } from './public.ts';
import { latestDisclosureAlerts } from './disclosure-alerts.ts';
import { disclosureBoard, importRecords, listRecords, publishRecord, submitRecords } from './records.ts';
import { applyForRepair, decideRepair, listRepairs, myCreditFile } from './repair.ts';
import {
  BadRow,
  CreditCheckView,
  CreditRecord,
  Disclosure,
  DisclosureAlerts,
  DisclosureBoard,
  DisclosureQuery,
  EntryActionBody,
  EntryActionParams,
  EntryCreate,
  EntryListQuery,
  ImportReport,
  ListEntry,
  MeasureRule,
  MyCreditFile,
  ObjectionBody,
  PublicCredit,
  RecordListQuery,
  Repair,
  RepairCreate,
  RepairDecision,
  RepairListQuery,
} from './schemas.ts';

const tags = ['credit'];
const wb = '/api/workbench/credit';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const idParam = z.object({ id: z.string().uuid() });
const formatOf = (type: unknown) => (String(type ?? '').startsWith('text/csv') ? 'csv' : 'xlsx');
const importResponses = {
  200: ImportReport,
  422: problemResponse('credit.import_invalid: nothing was imported', {
    badRows: z.array(BadRow).optional().describe('the first 1,000 bad rows'),
    badRowCount: z.number().int().optional(),
  }),
};

export const creditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser([XLSX, 'text/csv'], { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  // ----- public (portal): 双公示 and the credit lookup; no personal data -----
  app.get(
    '/api/public/credit/disclosures',
    {
      schema: {
        tags,
        summary: '双公示: published licence and penalty decisions, newest first',
        querystring: DisclosureQuery,
        response: { 200: pageSchema(Disclosure) },
      },
    },
    (req) => publicDisclosures(req.ctx, req.query),
  );
  app.get(
    '/api/public/credit/:uscc',
    {
      schema: {
        tags,
        summary: "An entity's public credit record: lists in force, measures, published decisions (no personal data)",
        params: z.object({ uscc: z.string().max(18) }),
        response: { 200: PublicCredit },
      },
    },
    (req) => publicCreditOf(req.ctx, req.params.uscc),
  );

  // ----- the subject (portal, signed in) -----
  app.get(
    '/api/credit/mine',
    { config: { auth: 'signed-in' }, schema: { tags, summary: 'Your own credit file and repair applications', response: { 200: MyCreditFile } } },
    (req) => myCreditFile(req.ctx),
  );
  app.post(
    '/api/credit/repairs',
    {
      config: { auth: 'signed-in', idempotent: true },
      schema: { tags, summary: 'Apply to repair one of your credit records (信用修复)', body: RepairCreate, response: { 201: Repair } },
    },
    async (req, reply) => reply.status(201).send(await applyForRepair(req.ctx, req.body)),
  );

  app.post(
    '/api/credit/lists/:id/objection',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'Object to a dishonesty listing you were notified of, within the objection period',
        params: idParam,
        body: ObjectionBody,
        response: { 200: ListEntry },
      },
    },
    (req) => objectAsSubject(req.ctx, req.params.id, req.body.objection),
  );

  // ----- the credit office (workbench) -----
  app.get(
    `${wb}/records`,
    {
      config: { permission: P.read },
      schema: { tags, summary: 'Credit records by source and kind', querystring: RecordListQuery, response: { 200: pageSchema(CreditRecord) } },
    },
    (req) => listRecords(req.ctx, req.query),
  );
  app.post(
    `${wb}/records/import`,
    {
      config: { permission: P.manage },
      preValidation: rawFileOnly([XLSX, 'text/csv']),
      schema: {
        tags,
        summary: 'Import records from a department system (CSV or xlsx): all or nothing; a 422 lists every bad row',
        consumes: [XLSX, 'text/csv'],
        body: rawFileBody,
        response: importResponses,
      },
    },
    (req) => importRecords(req.ctx, req.body, formatOf(req.headers['content-type'])),
  );
  // ----- department systems (client credentials, scope api:credit.records) -----
  app.post(
    '/api/credit/records/import',
    {
      config: { permission: P.submit },
      schema: {
        tags,
        summary:
          'File records from a department system by API (scope api:credit.records): rows as in the file import, all or nothing (a 422 lists every bad row), idempotent by sourceRef',
        body: z.object({ records: z.array(z.record(z.string(), z.unknown())).min(1).max(5000) }),
        response: importResponses,
      },
    },
    (req) => submitRecords(req.ctx, req.body),
  );
  app.post(
    `${wb}/records/:id/publish`,
    {
      config: { permission: P.manage },
      schema: { tags, summary: 'Publish a licence or penalty decision (双公示)', params: idParam, response: { 200: CreditRecord } },
    },
    (req) => publishRecord(req.ctx, req.params.id),
  );
  app.get(
    `${wb}/disclosure-board`,
    {
      config: { permission: P.read },
      schema: { tags, summary: '双公示 deadline board: late and due within two working days', response: { 200: DisclosureBoard } },
    },
    (req) => disclosureBoard(req.ctx),
  );
  app.get(
    `${wb}/disclosure-alerts`,
    {
      config: { permission: P.read },
      schema: { tags, summary: '双公示 deadline digests: the last day one was sent (最近提醒)', response: { 200: DisclosureAlerts } },
    },
    (req) => latestDisclosureAlerts(req.ctx),
  );
  app.get(
    `${wb}/lists`,
    { config: { permission: P.read }, schema: { tags, summary: 'Credit list entries', querystring: EntryListQuery, response: { 200: pageSchema(ListEntry) } } },
    (req) => listEntries(req.ctx, req.query),
  );
  app.post(
    `${wb}/lists`,
    {
      config: { permission: P.propose, idempotent: true },
      schema: { tags, summary: 'Propose an honor or dishonesty list entry', body: EntryCreate, response: { 201: ListEntry } },
    },
    async (req, reply) => reply.status(201).send(await proposeEntry(req.ctx, req.body)),
  );
  app.post(
    `${wb}/lists/import`,
    {
      config: { permission: P.manage },
      preValidation: rawFileOnly([XLSX, 'text/csv']),
      schema: {
        tags,
        summary: 'Import abnormal-operation and judgment-defaulter entries (CSV or xlsx): all or nothing',
        consumes: [XLSX, 'text/csv'],
        body: rawFileBody,
        response: importResponses,
      },
    },
    (req) => importListEntries(req.ctx, req.body, formatOf(req.headers['content-type'])),
  );
  app.post(
    `${wb}/lists/:id/:action`,
    {
      // Proposing and approving steps need different permissions: the service checks which.
      config: { auth: 'staff' },
      schema: {
        tags,
        summary:
          'A step of a list entry: serve_notice, object, withdraw, propose_removal; approve, uphold_objection, reject_objection, approve_removal, reject_removal (credit.list.approve, not the proposer)',
        params: EntryActionParams,
        body: EntryActionBody,
        response: { 200: ListEntry },
      },
    },
    (req) => actOnEntry(req.ctx, req.params.id, req.params.action, req.body),
  );
  app.get(
    `${wb}/measures`,
    {
      config: { permission: P.read },
      schema: { tags, summary: 'Joint incentives and sanctions: list × measure × legal basis', response: { 200: z.array(MeasureRule) } },
    },
    () => listMeasureRules(),
  );
  app.get(
    `${wb}/checks/:caseNo`,
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: "A case's credit checks and the measures applied",
        params: z.object({ caseNo: z.string().max(60) }),
        response: { 200: z.array(CreditCheckView) },
      },
    },
    (req) => checksOfCase(req.ctx, req.params.caseNo),
  );
  app.get(
    `${wb}/repairs`,
    {
      config: { permission: P.read },
      schema: { tags, summary: 'Credit repair applications, earliest due first', querystring: RepairListQuery, response: { 200: pageSchema(Repair) } },
    },
    (req) => listRepairs(req.ctx, req.query),
  );
  app.post(
    `${wb}/repairs/:id/decision`,
    {
      config: { permission: P.repair },
      schema: { tags, summary: 'Decide a credit repair application', params: idParam, body: RepairDecision, response: { 200: Repair } },
    },
    (req) => decideRepair(req.ctx, req.params.id, req.body),
  );
  // Credit reports with a verification code, and credit levels (report-routes.ts, levels-routes.ts).
  await creditReportRoutes(app, {});
  await creditLevelRoutes(app, {});
};
