import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { publicOrigin } from '../../platform/config/index.ts';
import { newId } from '../../platform/db/index.ts';
import { searchItems } from '../catalog/index.ts';
import { buildCertificateIdentifier, parseCertificateIdentifier } from './certificates/identifier.ts';
import { platformSigningKey, signContent, verifyContent } from './certificates/signing.ts';
import { certificateContentFields, certificateFieldAllowList } from './certificates/content.ts';
import { certificatePdfInput, certificateQrTarget } from './certificate-service.ts';
import { hardWrap } from './certificates/pdf.ts';
import { certificates as certificatesTable } from './tables.ts';
import { casesApi } from './cases-test-kit.ts';

/**
 * Issue 11 §3: a certificate's public verification answers only what a verifier needs; the full
 * signed content goes to the holder, staff in scope, or whoever presents the verification code.
 */

let t: TestApp;
let foodCode: string;
const cookies: Record<string, string> = {};
const { advance } = casesApi(() => ({ t, foodCode }));
const PHONE = '13800001111';
const PREMISES = '示范市明湖区湖滨路 8 号';

async function call(
  user: string | null,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  extra: { remoteAddress?: string } = {},
): Promise<LightMyRequestResponse> {
  if (user) cookies[user] ??= await t.login(user);
  return t.app.inject({ method, url, payload: payload as object, headers: user ? { cookie: cookies[user]! } : {}, ...extra });
}
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]);
async function upload(user: string, data: Buffer, name: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/cases/uploads?name=${encodeURIComponent(name)}`,
    payload: data,
    headers: { cookie: (cookies[user] ??= await t.login(user)), 'content-type': 'application/octet-stream' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
/** citizen1 (张明) applies for 食品经营许可 and the market regulation bureau issues the licence. */
async function issue(): Promise<{ caseNo: string; identifier: string }> {
  const body = {
    implementationCode: foodCode,
    formData: { legalRepresentative: '张明', premises: PREMISES, businessForm: '小餐饮', areaSqm: 60, safetyManager: '张明', contactPhone: PHONE },
    materials: [
      { name: '食品经营许可申请书', fileIds: [await upload('citizen1', pdf, '申请书.pdf')] },
      { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: [await upload('citizen1', png, '布局图.png')] },
      { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', commitment: true },
    ],
    delivery: 'pickup',
  };
  const c = await call('citizen1', 'POST', '/api/cases', body);
  expect(c.statusCode, c.body).toBe(201);
  const caseNo = c.json().caseNo as string;
  const issued = await advance(caseNo, 'issue');
  return { caseNo, identifier: issued.json().certificate.identifier };
}

beforeAll(async () => {
  t = await createTestApp();
  const page = await searchItems(t.ctx, { q: '食品经营许可', region: '990100', page: 1, pageSize: 50 } as never);
  foodCode = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find(
    (i) => i.name === '食品经营许可' && i.regionCode === '990100',
  )!.implementationCode;
});
afterAll(() => t.close());

describe('public verification (anyone with the identifier)', () => {
  it('answers authentic or not, status, issuer, type, masked holder and dates, and no phone, address or signed content', async () => {
    const { identifier } = await issue();
    const res = await call(null, 'GET', `/api/public/certificates/${identifier}/verify`);
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({
      identifier,
      checkCharacterValid: true,
      found: true,
      signatureValid: true,
      status: 'valid',
      statusCode: '10',
      access: 'public',
      name: '食品经营许可证',
      holder: { kind: 'person', name: '张*' },
      issuer: { name: expect.stringContaining('市场监督管理局') },
      issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      validUntil: null,
      content: null,
      signature: null,
      verificationCode: null,
    });
    expect(res.body).not.toContain(PHONE);
    expect(res.body).not.toContain('湖滨路');
    expect(res.body).not.toContain('张明');
    // A wrong check character or an unknown identifier: nothing but that.
    const bad = (await call(null, 'GET', `/api/public/certificates/${identifier.slice(0, -1)}${identifier.endsWith('0') ? '1' : '0'}/verify`)).json();
    expect(bad).toMatchObject({ checkCharacterValid: false, found: false, holder: null, issuer: null, content: null });
  });

  it('identifiers have a random serial part that the public case number does not give away', async () => {
    const a = await issue();
    const b = await issue();
    for (const { caseNo, identifier } of [a, b]) {
      const parsed = parseCertificateIdentifier(identifier);
      expect(parsed.ok).toBe(true);
      const serial = parsed.ok ? parsed.parts.serial : '';
      expect(serial).toMatch(/^\d{8}[0-9A-HJKMNP-TV-Z]{10}$/); // issue date + 10 random characters (Crockford base32)
      expect(serial).not.toContain(caseNo.slice(-12));
      expect(serial.slice(8)).not.toContain(caseNo.slice(-4));
    }
    expect(parseCertificateIdentifier(a.identifier).ok && parseCertificateIdentifier(b.identifier).ok).toBe(true);
    const serialOf = (id: string) => id.split('.').at(-3)!;
    expect(serialOf(a.identifier).slice(8)).not.toBe(serialOf(b.identifier).slice(8));
  });
});

describe('the full content: holder, staff in scope, or the verification code', () => {
  it('the holder and in-scope staff read it; out-of-scope staff and other citizens get the public answer', async () => {
    const { identifier } = await issue();
    const mine = (await call('citizen1', 'GET', `/api/public/certificates/${identifier}/verify`)).json();
    expect(mine).toMatchObject({
      access: 'holder',
      holder: { name: '张明' },
      verificationCode: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
    });
    expect(verifyContent(mine.content, mine.signature, mine.publicKey)).toBe(true);
    const staff = (await call('scjg.approver', 'GET', `/api/public/certificates/${identifier}/verify`)).json();
    expect(staff).toMatchObject({ access: 'staff', content: mine.content, verificationCode: mine.verificationCode });
    for (const who of ['rsj.clerk', 'citizen2']) {
      const other = (await call(who, 'GET', `/api/public/certificates/${identifier}/verify`)).json();
      expect(other).toMatchObject({ access: 'public', content: null, signature: null, verificationCode: null, holder: { name: '张*' } });
    }
    // 我的证照 shows the code too.
    const wallet = (await call('citizen1', 'GET', '/api/certificates?pageSize=100')).json();
    expect(wallet.items.find((c: { identifier: string }) => c.identifier === identifier)).toMatchObject({ verificationCode: mine.verificationCode });
  });

  it('anyone presenting the code reads it (any case, with or without hyphens); a wrong code is refused and audited nowhere', async () => {
    const { identifier } = await issue();
    const code = (await call('citizen1', 'GET', `/api/public/certificates/${identifier}/verify`)).json().verificationCode as string;
    const ok = await call(null, 'POST', `/api/public/certificates/${identifier}/verify`, { code: code.replaceAll('-', '').toLowerCase() });
    expect(ok.statusCode, ok.body).toBe(200);
    const v = ok.json();
    expect(v).toMatchObject({ access: 'code', found: true, signatureValid: true, holder: { name: '张明' }, verificationCode: null });
    expect(verifyContent(v.content, v.signature, v.publicKey)).toBe(true);
    const wrongCode = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
    const wrong = await call(null, 'POST', `/api/public/certificates/${identifier}/verify`, { code: wrongCode });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('cases.certificate_code_wrong');
    expect(wrong.body).not.toContain(PHONE);
    // Another certificate's code does not open this one.
    const other = await issue();
    const otherCode = (await call('citizen1', 'GET', `/api/public/certificates/${other.identifier}/verify`)).json().verificationCode as string;
    expect((await call(null, 'POST', `/api/public/certificates/${identifier}/verify`, { code: otherCode })).statusCode).toBe(403);
    expect((await call(null, 'POST', `/api/public/certificates/${identifier}/verify`, { code: 'x'.repeat(500) })).statusCode).toBe(400);
  });

  it('guesses are rate-limited per client address', async () => {
    const { identifier } = await issue();
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++)
      statuses.push(
        (await call(null, 'POST', `/api/public/certificates/${identifier}/verify`, { code: 'AAAA-BBBB-CCCC' }, { remoteAddress: '203.0.113.7' })).statusCode,
      );
    expect(statuses.slice(0, 30).every((s) => s === 403)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    // Another address is not affected.
    expect(
      (await call(null, 'POST', `/api/public/certificates/${identifier}/verify`, { code: 'AAAA-BBBB-CCCC' }, { remoteAddress: '203.0.113.8' })).statusCode,
    ).toBe(403);
  });

  it('the QR code carries the verification address with the code (for holder and staff), the PDF prints it', async () => {
    const { identifier } = await issue();
    const code = (await call('citizen1', 'GET', `/api/public/certificates/${identifier}/verify`)).json().verificationCode as string;
    const holder = await t.as('citizen1');
    expect(await certificateQrTarget(holder, identifier)).toBe(`${publicOrigin(t.config)}/certificates/${identifier}/verify#code=${code}`);
    expect(await certificateQrTarget(await t.as('scjg.approver'), identifier)).toBe(`${publicOrigin(t.config)}/certificates/${identifier}/verify#code=${code}`);
    // Anyone else: the address without the code (the identifier alone opens only the public answer).
    expect(await certificateQrTarget({ ...t.ctx, actor: { ...t.ctx.actor, kind: 'anonymous' } } as never, identifier)).toBe(
      `${publicOrigin(t.config)}/certificates/${identifier}/verify`,
    );
    expect(publicOrigin(t.config)).toMatch(/^https?:\/\/[^/]+$/); // absolute, even without PUBLIC_URL: the address is printed on paper
    const input = await certificatePdfInput(holder, identifier);
    expect(input).toMatchObject({ verificationCode: code, verifyUrl: `${publicOrigin(t.config)}/certificates/${identifier}/verify#code=${code}` });
  });

  it('the PDF breaks the identifier, the address and the signature into lines that fit the page', () => {
    const identifier = '1.2.156.3005.2.11100000000013127D001.11100000000013127D.20261206ABCDEFGHJK.001.X';
    const wrapped = hardWrap(identifier, 40);
    expect(wrapped.replace(/\n/g, '')).toBe(identifier);
    expect(wrapped.split('\n').every((line) => line.length <= 40)).toBe(true);
    expect(wrapped.split('\n').length).toBeGreaterThan(1);
    const signature = 'ab'.repeat(72);
    expect(
      hardWrap(signature, 60)
        .split('\n')
        .map((l) => l.length),
    ).toEqual([60, 60, 24]);
    expect(hardWrap('http://localhost:8080/certificates/X/verify', 52)).toBe('http://localhost:8080/certificates/X/verify');
  });

  it('the holder can replace the code (a leaked one stops working); the change is audited', async () => {
    const { identifier } = await issue();
    const before = (await call('citizen1', 'GET', `/api/public/certificates/${identifier}/verify`)).json().verificationCode as string;
    expect((await call('citizen2', 'POST', `/api/certificates/${identifier}/verification-code`)).statusCode).toBe(404);
    expect((await call('rsj.clerk', 'POST', `/api/certificates/${identifier}/verification-code`)).statusCode).toBe(404);
    const res = await call('citizen1', 'POST', `/api/certificates/${identifier}/verification-code`);
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json().verificationCode as string;
    expect(after).not.toBe(before);
    expect((await call(null, 'POST', `/api/public/certificates/${identifier}/verify`, { code: before })).statusCode).toBe(403);
    expect((await call(null, 'POST', `/api/public/certificates/${identifier}/verify`, { code: after })).statusCode).toBe(200);
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, identifier));
    expect(audit.map((a) => a.action)).toContain('certificate.verification_code');
    expect(JSON.stringify(audit)).not.toContain(after);
  });
});

describe('certificates issued before issue 11 (identifier from the case number, no code, phone in the content)', () => {
  async function oldCertificate() {
    const { caseNo, identifier: fresh } = await issue();
    const [row] = await t.database.db.select().from(certificatesTable).where(eq(certificatesTable.identifier, fresh));
    const parsed = parseCertificateIdentifier(fresh);
    if (!parsed.ok) throw new Error('bad identifier');
    const identifier = buildCertificateIdentifier({ ...parsed.parts, serial: caseNo.slice(-12) });
    const content = { ...(row!.content as Record<string, unknown>), identifier, fields: { 经营场所: PREMISES, 联系电话: PHONE, 食品安全管理人员: '张明' } };
    const key = platformSigningKey(t.config);
    await t.database.db
      .insert(certificatesTable)
      .values({ ...row!, id: newId(), identifier, caseId: newId(), content, signature: signContent(content, key.privateKey), verificationCodeSealed: null });
    return identifier;
  }

  it('still verify; the public answer is the minimal one; only holder and staff read the content until the holder makes a code', async () => {
    const identifier = await oldCertificate();
    const pub = await call(null, 'GET', `/api/public/certificates/${identifier}/verify`);
    expect(pub.json()).toMatchObject({ found: true, signatureValid: true, status: 'valid', access: 'public', content: null, holder: { name: '张*' } });
    expect(pub.body).not.toContain(PHONE);
    expect((await call(null, 'POST', `/api/public/certificates/${identifier}/verify`, { code: 'AAAA-BBBB-CCCC' })).statusCode).toBe(403);
    const mine = (await call('citizen1', 'GET', `/api/public/certificates/${identifier}/verify`)).json();
    expect(mine).toMatchObject({ access: 'holder', signatureValid: true, verificationCode: null });
    expect(mine.content.fields['联系电话']).toBe(PHONE);
    const made = (await call('citizen1', 'POST', `/api/certificates/${identifier}/verification-code`)).json().verificationCode as string;
    expect((await call(null, 'POST', `/api/public/certificates/${identifier}/verify`, { code: made })).json()).toMatchObject({
      access: 'code',
      signatureValid: true,
    });
  });
});

describe('the signed content keeps personal data out unless the certificate type needs it', () => {
  it('a new 食品经营许可证 carries the licensed premises but not the contact phone, the floor area or the safety manager', async () => {
    const { identifier } = await issue();
    const [row] = await t.database.db.select().from(certificatesTable).where(eq(certificatesTable.identifier, identifier));
    const fields = (row!.content as { fields: Record<string, unknown> }).fields;
    expect(fields).toEqual({ 经营者名称: '张明', '法定代表人（负责人）': '张明', 经营场所: PREMISES, 主体业态: '小餐饮' });
    expect(JSON.stringify(row!.content)).not.toContain(PHONE);
    expect(row!.verificationCodeSealed).toMatch(/^v1\./); // sealed, not in clear
  });

  it('per type, an allow-list of form fields; a type without one carries no form fields; no list names a phone, ID number or bank account', () => {
    const labels = {
      operatorName: '经营者姓名',
      idNumber: '身份证号码',
      tradeName: '个体工商户名称',
      businessScope: '经营范围',
      premises: '经营场所',
      contactPhone: '联系电话',
      capital: '资金数额（万元）',
    };
    const soleTrader = {
      operatorName: '李四',
      idNumber: '110101199003071234',
      tradeName: '李四小吃店',
      businessScope: '餐饮服务',
      premises: '示范市某路 1 号',
      contactPhone: '13900002222',
      capital: 5,
    };
    expect(certificateContentFields('营业执照', soleTrader, labels)).toEqual({
      个体工商户名称: '李四小吃店',
      经营者姓名: '李四',
      经营范围: '餐饮服务',
      经营场所: '示范市某路 1 号',
    });
    const marriage = {
      name: '王五',
      idNumber: '110101199003071234',
      partnerName: '赵六',
      partnerIdNumber: '110101199105082345',
      appointmentDate: '2026-12-01',
      contactPhone: '13900002222',
    };
    expect(certificateContentFields('结婚证', marriage, { name: '本人姓名', partnerName: '对方姓名', partnerIdNumber: '对方身份证号码' })).toEqual({
      本人姓名: '王五',
      对方姓名: '赵六',
    });
    expect(certificateContentFields('特种设备使用登记证', { applicantName: 'x', contactPhone: '13900002222', contactAddress: 'y' }, {})).toEqual({});
    for (const [type, keys] of Object.entries(certificateFieldAllowList)) {
      for (const k of keys) expect(k, `${type}.${k}`).not.toMatch(/phone|idnumber|bank|account|email|contact/i);
    }
  });
});

describe('办件公示 and 进度查询 publish nothing personal', () => {
  it('办件公示 names entities but not natural persons (not even a masked surname)', async () => {
    const { caseNo } = await issue();
    for (const user of ['scjg.clerk']) await call(user, 'POST', `/api/cases/${caseNo}/actions/deliver`, { method: 'pickup' });
    const list = await call(null, 'GET', `/api/public/cases?q=${caseNo}`);
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((i: { caseNo: string }) => i.caseNo === caseNo);
    expect(item).toMatchObject({ applicant: '个人', itemName: '食品经营许可' });
    expect(list.body).not.toContain('张');
    expect(list.body).not.toContain(PHONE);
  });

  it('进度查询 answers the case’s progress with no name, ID number, phone, address or form data', async () => {
    const { caseNo } = await issue();
    const res = await call(null, 'GET', `/api/public/progress?caseNo=${caseNo}&name=${encodeURIComponent('张明')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual([
      'caseNo',
      'concludedOn',
      'departmentName',
      'dueDate',
      'itemName',
      'status',
      'stepName',
      'submittedOn',
      'timeline',
    ]);
    for (const s of ['张明', PHONE, '湖滨路', 'pickupCode']) expect(res.body).not.toContain(s);
  });
});
