// Certificates a case issues: the holder’s wallet, QR code, printable PDF, reuse in a later application, and revocation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { certificateFont } from './certificates/pdf.ts';
import { casesApi, implementationOf } from './cases-test-kit.ts';

let t: TestApp;
let foodCode: string; // 食品经营许可, city market regulation bureau
beforeAll(async () => {
  t = await createTestApp();
  foodCode = await implementationOf(t, '食品经营许可', '990100');
});
afterAll(() => t.close());
const { call, foodApplication, submit, act } = casesApi(() => ({ t, foodCode }));

describe('certificates: wallet, QR code, status', () => {
  async function issued() {
    const c = await submit();
    await act('scjg.clerk', c.caseNo, 'accept');
    await act('scjg.reviewer', c.caseNo, 'approve');
    await act('scjg.approver', c.caseNo, 'approve');
    const res = (await act('scjg.clerk', c.caseNo, 'issue')).json();
    return res.certificate.identifier as string;
  }

  it('lands in the holder’s wallet, has a QR code and a PDF, and can be attached to a later application', async () => {
    const id = await issued();
    const wallet = (await call('citizen1', 'GET', '/api/certificates?pageSize=100')).json();
    expect(wallet.items.find((c: { identifier: string }) => c.identifier === id)).toMatchObject({ status: 'valid', statusCode: '10', name: '食品经营许可证' });
    expect((await call('citizen2', 'GET', '/api/certificates')).json().items.map((c: { identifier: string }) => c.identifier)).not.toContain(id);
    const qr = await call(null, 'GET', `/api/public/certificates/${id}/qr.svg`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(qr.body).toContain('<svg');
    // A wrong check character (identifiers are random: never replace it by itself).
    expect((await call(null, 'GET', `/api/public/certificates/${id.slice(0, -1)}${id.endsWith('Z') ? 'Y' : 'Z'}/qr.svg`)).statusCode).toBe(400);
    // The printable PDF: for the holder and the issuing department's staff only. It needs a CJK
    // font (fonts-noto-cjk, which .ci/run installs); on a machine without one `npm test` checks the 503.
    const file = await call('citizen1', 'GET', `/api/certificates/${id}/pdf`);
    if (certificateFont(t.config)) {
      expect(file.statusCode, file.body.slice(0, 300)).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toBe(`attachment; filename="${id}.pdf"`);
      expect(file.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(file.rawPayload.includes(id)).toBe(true); // in the document's metadata (title, subject)
      expect(file.rawPayload.length).toBeGreaterThan(10_000); // the embedded CJK subset, the QR code
      expect((await call('scjg.approver', 'GET', `/api/certificates/${id.toLowerCase()}/pdf`)).statusCode).toBe(200);
    } else {
      expect(file.statusCode).toBe(503);
      expect(file.json().code).toBe('cases.certificate_pdf_unavailable');
    }
    expect((await call('citizen2', 'GET', `/api/certificates/${id}/pdf`)).statusCode).toBe(404);
    expect((await call('rsj.clerk', 'GET', `/api/certificates/${id}/pdf`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/certificates/${id}/pdf`)).statusCode).toBe(401);
    // No CJK font on the server: a clear 503, not a PDF with missing characters.
    t.config.CERTIFICATE_FONT = '/nonexistent/font.ttc';
    try {
      const missing = await call('citizen1', 'GET', `/api/certificates/${id}/pdf`);
      expect(missing.statusCode).toBe(503);
      expect(missing.json().code).toBe('cases.certificate_pdf_unavailable');
    } finally {
      delete t.config.CERTIFICATE_FONT;
    }
    const body = await foodApplication();
    body.materials[0] = { name: '食品经营许可申请书', certificateIdentifier: id.toLowerCase() } as never;
    const res = await call('citizen1', 'POST', '/api/cases', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().materials[0]).toMatchObject({ provision: 'wallet', certificateIdentifier: id });
    const other = { ...(await foodApplication('citizen2')) };
    other.materials[0] = { name: '食品经营许可申请书', certificateIdentifier: id } as never;
    expect((await call('citizen2', 'POST', '/api/cases', other)).json().errors).toEqual([expect.objectContaining({ code: 'not_in_wallet' })]);
  });

  it('an approver of the issuing department revokes it once; verification then says revoked', async () => {
    const id = await issued();
    const change = { status: 'revoked', reason: '以欺骗手段取得许可', legalBasis: '《行政许可法》第六十九条第二款' };
    expect((await call('scjg.reviewer', 'POST', `/api/certificates/${id}/status`, change)).statusCode).toBe(403);
    const res = await call('scjg.approver', 'POST', `/api/certificates/${id}/status`, change);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'revoked', statusCode: '70' });
    const again = await call('scjg.approver', 'POST', `/api/certificates/${id}/status`, { status: 'void', reason: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'workflow.action_not_allowed', allowed: [] });
    expect((await call(null, 'GET', `/api/public/certificates/${id}/verify`)).json()).toMatchObject({ status: 'revoked', signatureValid: true });
  });
});
