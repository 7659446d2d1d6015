import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { deliverOutbox, outboxMessages } from '../../platform/outbox/index.ts';
import { defaultAdapter } from '../../platform/outbox/index.ts';
import { searchItems } from '../catalog/index.ts';

let t: TestApp;
let gateway: Server;
let gatewayUrl: string;
let gatewayStatus = 200;
const received: { to: string; text: string; id: string }[] = [];
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

beforeAll(async () => {
  t = await createTestApp();
  gateway = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (gatewayStatus === 200 && req.headers.authorization === 'Bearer gw-token') received.push(JSON.parse(body));
      res.statusCode = req.headers.authorization === 'Bearer gw-token' ? gatewayStatus : 401;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
});
afterAll(async () => {
  gateway.close();
  await t.close();
});

async function submitAsCitizen1(): Promise<string> {
  const cookie = await t.login('citizen1');
  const page = await searchItems(t.ctx, { q: '灵活就业人员参保登记', region: '990100', page: 1, pageSize: 20 } as never);
  const code = (page.items as { name: string; implementationCode: string }[]).find((i) => i.name === '灵活就业人员参保登记')!.implementationCode;
  const up = await t.app.inject({
    method: 'POST',
    url: '/api/cases/uploads?name=form.pdf',
    payload: pdf,
    headers: { cookie, 'content-type': 'application/octet-stream' },
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie },
    payload: {
      implementationCode: code,
      formData: { insurances: 'pension', baseLevel: 100, startMonth: '2027-01-01', contactPhone: '13800001111', contactAddress: '示范市明湖区湖滨路 8 号' },
      materials: [{ name: '灵活就业人员参保登记表', fileIds: [up.json().id] }],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().caseNo;
}

const smsOf = async (caseNo: string) =>
  (
    await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.channel, 'sms'), eq(outboxMessages.template, 'cases.submitted')))
  ).filter((m) => (m.params as { caseNo: string }).caseNo === caseNo);

describe('applicant notifications by SMS', () => {
  it('a person with a mobile number on file gets an SMS beside the in-site message; the gateway is retried until it takes it', async () => {
    const caseNo = await submitAsCitizen1();
    const [sms] = await smsOf(caseNo);
    expect(sms).toMatchObject({ status: 'pending', address: '13800001111' });
    expect((sms!.params as { text: string }).text).toBe(
      `【一网通办】您的办件${caseNo}（灵活就业人员参保登记）已提交，承诺办结日期${(sms!.params as { dueDate: string }).dueDate}。`,
    );

    const ctx = { ...t.ctx, config: { ...t.ctx.config, SMS_GATEWAY_URL: gatewayUrl, SMS_GATEWAY_TOKEN: 'gw-token', SMTP_URL: undefined } };
    gatewayStatus = 503;
    await deliverOutbox(ctx, defaultAdapter(ctx), 500);
    const [failed] = await smsOf(caseNo);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, address: '13800001111' });
    expect(failed!.lastError).toContain('503');

    gatewayStatus = 200;
    await t.database.db
      .update(outboxMessages)
      .set({ nextAttemptAt: new Date(0) })
      .where(eq(outboxMessages.id, sms!.id));
    await deliverOutbox(ctx, defaultAdapter(ctx), 500);
    expect(received.filter((r) => r.id === sms!.id)).toEqual([expect.objectContaining({ to: '13800001111', text: expect.stringContaining(caseNo) })]);
    const [sent] = await smsOf(caseNo);
    expect(sent).toMatchObject({ status: 'sent', address: null });
  });

  it('an enterprise (no personal mobile) gets the in-site message only', async () => {
    const rows = await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.channel, 'sms'), eq(outboxMessages.recipientKind, 'entity')));
    expect(rows).toHaveLength(0);
    const site = await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.channel, 'site'), eq(outboxMessages.recipientKind, 'entity')));
    expect(site.length).toBeGreaterThan(0);
  });
});
