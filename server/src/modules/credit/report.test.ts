import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import { cjkFont } from '../../platform/pdf.ts';
import { completeUscc } from '../../platform/validators.ts';
import { DEMO_DISHONEST } from './seed.ts';
import { issueCreditReport } from './report.ts';
import { creditReports } from './tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const cookies: Record<string, string> = {};
async function call(user: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) {
  if (user) cookies[user] ??= await t.login(user);
  return t.app.inject({ method, url, payload: payload as object, headers: user ? { cookie: cookies[user]! } : {} });
}
/** Rendering needs Debian's fonts-noto-cjk (or CERTIFICATE_FONT). */
const hasFont = () => cjkFont(t.config) !== null;

describe('credit report with a verification code', () => {
  it.skipIf(!cjkFont({ CERTIFICATE_FONT: undefined, CERTIFICATE_FONT_NAME: undefined }))(
    'issues a PDF to the public by USCC and to the enterprise itself, audited; a person gets none',
    async () => {
      expect(hasFont()).toBe(true);
      const pub = await call(null, 'POST', '/api/public/credit/reports', { uscc: DEMO_DISHONEST.toLowerCase() });
      expect(pub.statusCode, pub.body).toBe(200);
      expect(pub.headers['content-type']).toBe('application/pdf');
      expect(pub.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const own = await call('enterprise2', 'POST', '/api/credit/mine/report');
      expect(own.statusCode, own.body).toBe(200);
      const rows = await t.database.db.select().from(creditReports).where(eq(creditReports.subjectKey, DEMO_DISHONEST));
      expect(rows.map((r) => r.requestedAs).sort()).toEqual(['public', 'subject']);
      const r = rows.find((x) => x.requestedAs === 'public')!;
      expect(r).toMatchObject({ subjectName: '示范市西江建设工程有限公司', level: 'D' });
      // What it certifies: the lists in force and the published, unrepaired decisions only.
      const content = r.content as { lists: { list: string }[]; records: { kind: string }[] };
      expect(content.lists.map((l) => l.list)).toContain('dishonesty');
      expect(content.records.every((x) => ['licence', 'penalty'].includes(x.kind))).toBe(true);
      const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, r.id));
      expect(audit.map((a) => a.action)).toEqual(['credit.report.issue']);

      const person = await call('citizen1', 'POST', '/api/credit/mine/report');
      expect(person.statusCode).toBe(403);
      expect(person.json().code).toBe('credit.report_entities_only');
      const bad = await call(null, 'POST', '/api/public/credit/reports', { uscc: '91990104MA00000020' });
      expect(bad.statusCode).toBe(400);
      const unknown = await call(null, 'POST', '/api/public/credit/reports', { uscc: completeUscc('91990103MA9NAMEX1') });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('credit.subject_unknown');
    },
  );

  it('verifies a genuine code (as typed, hyphens and lower case), refuses a tampered or unknown one, and tells nothing personal', async () => {
    if (!hasFont()) return;
    // The code exists only on the PDF (and as a digest here): the test issues through the service to learn it.
    const issued = await issueCreditReport(t.ctx, 'public', DEMO_DISHONEST);
    expect(issued.reportNo).toMatch(/^XYBG\d{8}[0-9A-Z]{8}$/);
    const row = (await t.database.db.select().from(creditReports).where(eq(creditReports.reportNo, issued.reportNo)))[0]!;
    expect(JSON.stringify(row)).not.toContain(issued.code);

    const typed = issued.code.toLowerCase().match(/.{4}/g)!.join('-');
    const ok = await call(null, 'POST', '/api/public/credit/reports/verify', { code: typed });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({
      genuine: true,
      report: {
        reportNo: issued.reportNo,
        uscc: DEMO_DISHONEST,
        name: '示范市西江建设工程有限公司',
        issuedOn: row.issuedOn,
        level: 'D',
        lists: expect.arrayContaining(['dishonesty']),
        recordCount: (row.content as { records: unknown[] }).records.length,
        contentDigest: row.contentDigest,
      },
    });
    // Nothing about who asked, nor any person's data: no account, no ID number, no representative.
    expect(ok.body).not.toMatch(/requested|account|idMasked|王建国|\*{4}/);

    const last = issued.code.at(-1)!;
    const tampered = issued.code.slice(0, -1) + (last === '0' ? '1' : '0');
    for (const code of [tampered, 'ABCD-EFGH-JKMN', 'x']) {
      const res = await call(null, 'POST', '/api/public/credit/reports/verify', { code });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ genuine: false, report: null });
    }
    expect((await call(null, 'POST', '/api/public/credit/reports/verify', { code: '' })).statusCode).toBe(400);
  });
});
