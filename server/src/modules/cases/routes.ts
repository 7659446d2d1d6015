import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cappedPageSchema, pageSchema } from '../../platform/db/paging.ts';
import { AppError } from '../../platform/errors.ts';
import { fileResponse, rawFileBody, rawFileOnly } from '../../platform/http/openapi-bodies.ts';
import * as cases from './service.ts';
import { lookupProgress } from './progress-service.ts';
import { applicationFormFor } from './forms-service.ts';
import {
  certificatePdf,
  certificateQrSvg,
  changeCertificateStatus,
  myCertificates,
  publicKeyInfo,
  renewVerificationCode,
  verifyCertificate,
} from './certificate-service.ts';
import { casePermissions, systemActions } from './policy.ts';
import { pageQuerySchema } from '../../platform/db/paging.ts';
import {
  WorkflowView,
  DeferralList,
  DeferralListUpdate,
  FormView,
  DraftSave,
  DraftView,
  DisclosedCase,
  CertificateStatusChange,
  CertificateView,
  CertificateCodeBody,
  CertificateCodeView,
  CaseListQuery,
  CaseSubmit,
  CaseSummary,
  CaseView,
  CertificateVerification,
  ProgressQuery,
  ProgressView,
  PublicKeyView,
  TodoQuery,
  TransferCandidates,
  SharedRefetch,
} from './schemas.ts';
import { refetchSharedMaterial } from './shared-materials.ts';
import { actionPayloads, caseActions } from './workflow/engine.ts';
import { getDeferralList, setDeferralList } from './deferral-service.ts';
import { paymentWaitRoutes } from './payment-wait.ts';
import { caseSettings } from './case-state.ts';

const tags = ['cases'];
const caseNoParam = z.object({ caseNo: z.string().max(60) });
const versionField = z.object({ version: z.number().int().min(0).optional().describe('the case version you read; a stale one gets 409 resource.stale') });

/** Verification-code attempts per client address: a verifier's office checks a few dozen an hour; the 60-bit code makes guessing hopeless anyway. */
const certificateCodeLimit = { bucket: 'cases.certificate_code', max: 30, windowSeconds: 600 };

const uploadTypes = ['application/octet-stream', 'application/pdf', 'image/jpeg', 'image/png', 'application/ofd'];

export const UploadView = z.object({ id: z.string(), contentType: z.string(), size: z.number().int(), sm3: z.string(), originalName: z.string().nullable() });

/**
 * Collects a raw body of at most `max` bytes; past it (declared or received) a 413
 * `request.too_large`, as Fastify's own body limit answers, and the rest is not read.
 */
function readBodyUpTo(body: IncomingMessage, max: number, declared: string | undefined, done: (err: Error | null, body?: Buffer) => void): void {
  if (declared !== undefined && Number(declared) > max) return done(new AppError('request.too_large'));
  const chunks: Buffer[] = [];
  let size = 0;
  const finish = (err: Error | null, result?: Buffer) => {
    body.removeListener('data', onData);
    body.removeListener('end', onEnd);
    body.removeListener('error', onError);
    done(err, result);
  };
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > max) finish(new AppError('request.too_large'));
    else chunks.push(chunk);
  };
  const onEnd = () => finish(null, Buffer.concat(chunks, size));
  const onError = (err: Error) => finish(err);
  body.on('data', onData);
  body.on('end', onEnd);
  body.on('error', onError);
}

export const casesRoutes: FastifyPluginAsyncZod = async (app) => {
  // Uploads are the raw file as the body (fetch(url, { body: file })); the declared type is ignored, the content decides.
  // The limit is the installation's (CASES_MAX_UPLOAD_MB, platform config), read per request: a body past it is refused (413) without being read whole.
  app.addContentTypeParser(uploadTypes, (req, body, done) =>
    readBodyUpTo(body, caseSettings(req.ctx.config).maxUploadBytes, req.headers['content-length'], done),
  );
  app.post(
    '/api/cases/uploads',
    {
      config: { auth: 'signed-in' },
      preValidation: rawFileOnly(uploadTypes),
      schema: {
        tags,
        summary: 'Upload one material file (raw body; PDF, JPEG, PNG or OFD, checked by content)',
        querystring: z.object({ name: z.string().max(200).optional() }),
        consumes: uploadTypes,
        body: rawFileBody,
        response: { 201: UploadView },
      },
    },
    async (req, reply) => reply.status(201).send(await cases.uploadMaterial(req.ctx, req.body, req.query.name)),
  );
  app.post(
    '/api/cases',
    {
      config: { auth: 'signed-in', idempotent: true },
      schema: { tags, summary: 'Submit a case (online, or 一窗受理 with `applicant`)', body: CaseSubmit, response: { 201: CaseView } },
    },
    async (req, reply) => reply.status(201).send(await cases.submitCase(req.ctx, req.body)),
  );
  app.get(
    '/api/cases',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'My cases (mine=1) or the cases of my departments',
        querystring: CaseListQuery,
        response: { 200: cappedPageSchema(CaseSummary) },
      },
    },
    (req) => cases.listCases(req.ctx, req.query),
  );
  app.get(
    '/api/cases/:caseNo',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'A case with its timeline, deadlines and the actions you may take', params: caseNoParam, response: { 200: CaseView } },
    },
    (req) => cases.getCase(req.ctx, req.params.caseNo),
  );
  app.get(
    '/api/cases/:caseNo/transfer-candidates',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: '转办: colleagues the case may be transferred to at its current step (same department, active, holding the step’s role)',
        params: caseNoParam,
        response: { 200: TransferCandidates },
      },
    },
    (req) => cases.transferCandidates(req.ctx, req.params.caseNo),
  );
  // One route per workflow action: each documents its own body.
  for (const action of caseActions.filter((a) => !systemActions.includes(a))) {
    app.post(
      `/api/cases/:caseNo/actions/${action}`,
      {
        config: { auth: 'signed-in' },
        schema: {
          tags,
          summary: `Workflow action: ${action} (409 workflow.action_not_allowed lists the allowed ones)`,
          params: caseNoParam,
          body: z.intersection(versionField, actionPayloads[action]),
          response: { 200: CaseView },
        },
      },
      (req) => cases.actOnCase(req.ctx, req.params.caseNo, action, (req.body ?? {}) as Record<string, unknown>),
    );
  }
  app.post(
    '/api/cases/:caseNo/shared-materials/refetch',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Fetch a failed material from shared data again (whoever may accept the case; 409 cases.shared_material_not_failed)',
        params: caseNoParam,
        body: SharedRefetch,
        response: { 200: CaseView },
      },
    },
    (req) => refetchSharedMaterial(req.ctx, req.params.caseNo, req.body),
  );
  app.get(
    '/api/workbench/todo',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'My to-do list: my roles, my departments, most urgent first (the total stops counting at 1,000: totalCapped)',
        querystring: TodoQuery,
        response: { 200: cappedPageSchema(CaseSummary) },
      },
    },
    (req) => cases.todo(req.ctx, req.query),
  );

  app.get(
    '/api/cases/:caseNo/files/:fileId',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'A material file of the case (its type was detected at upload)',
        params: z.object({ caseNo: z.string().max(60), fileId: z.string().uuid() }),
      },
    },
    async (req, reply) => {
      const { file, data } = await cases.caseFile(req.ctx, req.params.caseNo, req.params.fileId);
      const name = file.originalName ?? file.id;
      return reply
        .type(file.contentType)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(data);
    },
  );
  const implParam = z.object({ implementationCode: z.string().min(20).max(36) });
  app.get(
    '/api/cases/forms/:implementationCode',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'The application form of an item (published guide, or ?version=) with values prefilled from your identity',
        params: implParam,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: FormView },
      },
    },
    (req) => applicationFormFor(req.ctx, req.params.implementationCode, req.query.version),
  );
  app.get('/api/cases/drafts', { config: { auth: 'signed-in' }, schema: { tags, summary: 'My saved drafts', response: { 200: z.array(DraftView) } } }, (req) =>
    cases.listDrafts(req.ctx),
  );
  app.get(
    '/api/cases/drafts/:implementationCode',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'Resume a draft (null when there is none)', params: implParam, response: { 200: DraftView.nullable() } },
    },
    (req) => cases.getDraft(req.ctx, req.params.implementationCode),
  );
  app.put(
    '/api/cases/drafts/:implementationCode',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'Save a draft (send the version you read)', params: implParam, body: DraftSave, response: { 200: DraftView } },
    },
    (req) => cases.saveDraft(req.ctx, req.params.implementationCode, req.body),
  );
  app.delete(
    '/api/cases/drafts/:implementationCode',
    { config: { auth: 'signed-in' }, schema: { tags, summary: 'Discard a draft', params: implParam, response: { 204: z.null() } } },
    async (req, reply) => {
      await cases.deleteDraft(req.ctx, req.params.implementationCode);
      return reply.status(204).send(null);
    },
  );
  // ----- certificates -----
  app.get(
    '/api/certificates',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'My certificate wallet (证照库)', querystring: pageQuerySchema, response: { 200: pageSchema(CertificateView) } },
    },
    (req) => myCertificates(req.ctx, req.query),
  );
  app.post(
    '/api/certificates/:identifier/status',
    {
      config: { permission: casePermissions.certificates },
      schema: {
        tags,
        summary: 'Cancel, revoke, withdraw, void or expire a valid certificate',
        params: z.object({ identifier: z.string().max(200) }),
        body: CertificateStatusChange,
        response: { 200: CertificateView },
      },
    },
    (req) => changeCertificateStatus(req.ctx, req.params.identifier, req.body),
  );
  app.post(
    '/api/certificates/:identifier/verification-code',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'A new verification code (holder, or staff of the issuing department managing certificates); the old one stops working',
        params: z.object({ identifier: z.string().max(200) }),
        response: { 200: CertificateCodeView },
      },
    },
    (req) => renewVerificationCode(req.ctx, req.params.identifier),
  );

  // ----- workflows -----
  app.post(
    '/api/admin/workflows',
    {
      config: { permission: casePermissions.workflows, idempotent: true },
      schema: {
        tags,
        summary:
          'Save a new version of a workflow definition (optional `owner` of a new code: { departmentId } or { regionPath }; default: your scope). Only the owner scope changes it; the built-in default is city-wide',
        body: z.unknown(),
        response: { 201: WorkflowView },
      },
    },
    async (req, reply) => reply.status(201).send(await cases.saveWorkflow(req.ctx, req.body)),
  );
  app.get(
    '/api/admin/workflows/:code',
    {
      config: { permission: casePermissions.workflows },
      schema: {
        tags,
        summary: 'The latest version of a workflow (or ?version=), with its owner scope',
        params: z.object({ code: z.string().max(60) }),
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: WorkflowView },
      },
    },
    (req) => cases.workflowView(req.ctx, req.params.code, req.query.version),
  );
  app.get(
    '/api/admin/deferrals/:implementationCode',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: '容缺清单 of an implementation (staff who read or configure the item’s cases in its scope)',
        params: z.object({ implementationCode: z.string().max(36) }),
        response: { 200: DeferralList },
      },
    },
    (req) => getDeferralList(req.ctx, req.params.implementationCode),
  );
  app.put(
    '/api/admin/deferrals/:implementationCode',
    {
      config: { permission: casePermissions.workflows },
      schema: {
        tags,
        summary: 'Set the 容缺清单: materials a case may be accepted without (supplied before issue)',
        params: z.object({ implementationCode: z.string().max(36) }),
        body: DeferralListUpdate,
        response: { 200: DeferralList },
      },
    },
    (req) => setDeferralList(req.ctx, req.params.implementationCode, req.body.materials),
  );
  app.put(
    '/api/admin/workflows/bindings/:implementationCode',
    {
      config: { permission: casePermissions.workflows },
      schema: {
        tags,
        summary:
          'New cases of this implementation start on this workflow (cases.workflow.manage over the item’s department and region; the workflow’s owner scope must take the item in)',
        params: z.object({ implementationCode: z.string().max(36) }),
        body: z.object({ workflowCode: z.string().max(60) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await cases.bindWorkflow(req.ctx, req.params.implementationCode, req.body.workflowCode);
      return reply.status(204).send(null);
    },
  );

  // ----- public -----
  app.get(
    '/api/certificates/:identifier/pdf',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'The certificate as a PDF (holder, or staff who may read the issuing department’s cases); the signed JSON stays the offline-verifiable form',
        params: z.object({ identifier: z.string().max(200) }),
        response: { 200: fileResponse('The certificate (attachment)', ['application/pdf']) },
      },
    },
    async (req, reply) => {
      const { identifier, pdf } = await certificatePdf(req.ctx, req.params.identifier);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${identifier}.pdf"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
  app.get(
    '/api/public/cases',
    {
      schema: {
        tags,
        summary: '办件公示: concluded cases, personal data removed',
        querystring: pageQuerySchema,
        response: { 200: cappedPageSchema(DisclosedCase) },
      },
    },
    (req) => cases.publicDisclosure(req.ctx, req.query),
  );
  app.get(
    '/api/public/certificates/:identifier/qr.svg',
    {
      schema: {
        tags,
        summary: 'QR code (SVG) of the certificate’s verification address (with the verification code for the holder and staff in scope)',
        params: z.object({ identifier: z.string().max(200) }),
      },
    },
    async (req, reply) =>
      reply
        .type('image/svg+xml')
        .header('cache-control', 'private, no-store')
        .send(await certificateQrSvg(req.ctx, req.params.identifier)),
  );
  app.get(
    '/api/public/progress',
    {
      schema: {
        tags,
        summary: 'Progress of a case by number and applicant name (or last 4 of ID/USCC); wrong guesses are throttled',
        querystring: ProgressQuery,
        response: { 200: ProgressView },
      },
    },
    (req) => lookupProgress(req.ctx, req.query),
  );
  app.get(
    '/api/public/certificates/public-key',
    { schema: { tags, summary: 'The SM2 public key certificates are signed with', response: { 200: PublicKeyView } } },
    (req) => publicKeyInfo(req.ctx),
  );
  app.get(
    '/api/public/certificates/:identifier/verify',
    {
      schema: {
        tags,
        summary:
          'Verify an electronic certificate: authentic, status, type, issuer, masked holder, dates (the signed content only for the holder and staff in scope)',
        params: z.object({ identifier: z.string().max(200) }),
        response: { 200: CertificateVerification },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return verifyCertificate(req.ctx, req.params.identifier);
    },
  );
  // The code travels in the body (the QR code's #code= fragment never reaches the server or its logs); guesses are limited per address.
  app.post(
    '/api/public/certificates/:identifier/verify',
    {
      config: { rateLimit: certificateCodeLimit },
      schema: {
        tags,
        summary: 'Verify with the verification code printed on the certificate: the full signed content (403 cases.certificate_code_wrong)',
        params: z.object({ identifier: z.string().max(200) }),
        body: CertificateCodeBody,
        response: { 200: CertificateVerification },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return verifyCertificate(req.ctx, req.params.identifier, req.body.code);
    },
  );
  await paymentWaitRoutes(app, {});
};
