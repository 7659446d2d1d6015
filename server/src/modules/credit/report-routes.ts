import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { fileResponse } from '../../platform/http/openapi-bodies.ts';
import { issueCreditReport, verifyCreditReport } from './report.ts';

const tags = ['credit'];
/** Reports per client address (rendering a PDF costs; anyone may ask). */
const reportLimit = { bucket: 'credit.report', max: 20, windowSeconds: 600, anonymousOnly: true };
/** Verification attempts per client address: the 60-bit code makes guessing hopeless anyway. */
const verifyLimit = { bucket: 'credit.report_verify', max: 30, windowSeconds: 600 };

export const ReportVerification = z.object({
  genuine: z.boolean().describe('the code belongs to a report this platform issued'),
  report: z
    .object({
      reportNo: z.string(),
      uscc: z.string(),
      name: z.string().describe("the entity's name (reports are issued for entities only)"),
      issuedOn: z.string(),
      level: z.enum(['A', 'B', 'C', 'D']).nullable(),
      lists: z.array(z.string()).describe('the lists the entity was on that day'),
      recordCount: z.number().int().describe('how many published decisions the report listed'),
      contentDigest: z.string().describe('SM3 of the certified content, as printed on the report'),
    })
    .nullable(),
});

const pdf = (reply: FastifyReply, r: { data: Buffer; fileName: string }) =>
  reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${r.fileName}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(r.data);

/** The credit report (信用报告) with its verification code: issue (public by USCC, or the entity itself) and verify. */
export const creditReportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/public/credit/reports',
    {
      config: { rateLimit: reportLimit },
      schema: {
        tags,
        summary: "An entity's credit report (PDF): its public credit information and credit level, with a verification code (entities only)",
        body: z.object({ uscc: z.string().max(18) }),
        response: { 200: fileResponse('The credit report (attachment)', ['application/pdf']) },
      },
    },
    async (req, reply) => pdf(reply, await issueCreditReport(req.ctx, 'public', req.body.uscc)),
  );
  app.post(
    '/api/credit/mine/report',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'Your enterprise’s credit report (PDF) with a verification code (403 credit.report_entities_only for a person)',
        response: { 200: fileResponse('The credit report (attachment)', ['application/pdf']) },
      },
    },
    async (req, reply) => pdf(reply, await issueCreditReport(req.ctx, 'subject')),
  );
  // The code travels in the body (never in a URL or its logs).
  app.post(
    '/api/public/credit/reports/verify',
    {
      config: { rateLimit: verifyLimit },
      schema: {
        tags,
        summary: 'Verify a credit report by its verification code: genuine or not, and what it certifies (no personal data)',
        body: z.object({ code: z.string().min(1).max(40) }),
        response: { 200: ReportVerification },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return verifyCreditReport(req.ctx, req.body.code);
    },
  );
};
