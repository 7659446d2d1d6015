import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { verifyAuditChain } from '../../platform/audit/index.ts';
import { eq } from 'drizzle-orm';
import { demoCases, stagedDay } from './demo-cases.ts';
import { deadline } from './workflow/clock.ts';
import { caseSettings } from './case-state.ts';
import { casePaymentRules, cases } from './tables.ts';
import { seedDemoBundle } from './bundles-demo.ts';
import { paymentsModule } from '../payments/index.ts';

let t: TestApp;
const get = async (user: string, url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: await t.login(user) } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo cases (seeded through the real services)', () => {
  it('give 张明 a concluded case with a valid certificate in his wallet, dated in the past', async () => {
    const mine = await get('citizen1', '/api/cases?mine=1');
    const licence = mine.items.find((c: { itemName: string }) => c.itemName === '个体工商户设立登记');
    expect(licence).toMatchObject({ status: 'concluded' });
    const detail = await get('citizen1', `/api/cases/${licence.caseNo}`);
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept', 'approve', 'approve', 'issue', 'deliver']);
    expect(detail.submittedAt < new Date(Date.now() - 7 * 86_400_000).toISOString()).toBe(true);
    const wallet = await get('citizen1', '/api/certificates');
    expect(wallet.items.some((c: { status: string; name?: string }) => c.status === 'valid')).toBe(true);
  });

  it('put an overdue case (red) before the housing and the market bureau approvers and a yellow one before the market reviewer', async () => {
    const red = await get('zjj.approver', '/api/workbench/todo?light=red');
    expect(red.items.map((c: { itemName: string }) => c.itemName)).toContain('建筑工程施工许可证核发');
    // The market bureau's red case waits for its approver's decision.
    const marketRed = await get('scjg.approver', '/api/workbench/todo?light=red');
    expect(marketRed.items.map((c: { itemName: string }) => c.itemName)).toContain('特种设备使用登记');
    const yellow = await get('scjg.reviewer', '/api/workbench/todo?light=yellow');
    expect(yellow.items.map((c: { itemName: string }) => c.itemName)).toContain('食品生产许可');
  });

  it('put a 会签 case before the co-signing health commission, its market branch signed', async () => {
    const todo = await get('wjw.inspector', '/api/workbench/todo?pageSize=100');
    const found = todo.items.find((c: { itemName: string }) => c.itemName === '食品经营许可');
    expect(found).toBeDefined();
    const detail = await get('wjw.inspector', `/api/cases/${found.caseNo}`);
    expect(detail.step.key).toBe('joint_review');
    expect(detail.countersign.map((b: { key: string; status: string; signedBy: string | null }) => [b.key, b.status, b.signedBy])).toEqual([
      ['market', 'agreed', '赵审查'],
      ['health', 'open', null],
    ]);
    expect(detail.allowedActions).toEqual(['countersign']);
    // The item itself is back on the default workflow.
    const reviewer = await get('scjg.reviewer', '/api/workbench/todo?pageSize=100');
    expect(reviewer.items.map((c: { caseNo: string }) => c.caseNo)).not.toContain(found.caseNo);
  });

  it('stage the red and the yellow case so that they are red and yellow on every day of 2026 and 2027', async () => {
    const promised = async (item: string) => (await t.database.db.select({ days: cases.promisedDays }).from(cases).where(eq(cases.itemName, item)))[0]!.days;
    const staged = [
      { item: '建筑工程施工许可证核发', light: 'red' },
      { item: '特种设备使用登记', light: 'red' },
      { item: '食品生产许可', light: 'yellow' },
    ] as const;
    const wrong: string[] = [];
    for (const { item, light } of staged) {
      const demo = demoCases.find((d) => d.item === item)!;
      const days = await promised(item);
      for (let d = new Date('2026-01-01T12:00:00Z'); d < new Date('2028-01-01T12:00:00Z'); d.setUTCDate(d.getUTCDate() + 1)) {
        const today = d.toISOString().slice(0, 10);
        const submittedOn = stagedDay(t.calendar, today, demo.ago);
        const got = deadline(t.calendar, submittedOn, days, [], today, { yellowDays: caseSettings(t.config).yellowDays }).light;
        if (got !== light) wrong.push(`${today} ${item}: ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('leave 王建国 a correction to make, 李秀英 a new application, and a refusal with its legal basis', async () => {
    const wang = await get('citizen3', '/api/cases?mine=1');
    expect(wang.items).toEqual([expect.objectContaining({ itemName: '失业保险金申领', status: 'awaiting_correction' })]);
    const li = await get('citizen2', '/api/cases?mine=1');
    expect(li.items).toEqual([expect.objectContaining({ itemName: '灵活就业人员参保登记', status: 'pending_acceptance' })]);
    const ent = await get('enterprise2', '/api/cases?mine=1');
    expect(ent.items.map((c: { status: string }) => c.status).sort()).toEqual(['pending_acceptance', 'pending_decision', 'refused']);
  });

  it('show concluded cases on the public disclosure list and keep the audit chain intact', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/cases' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.length).toBeGreaterThanOrEqual(2);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('give 普通护照签发 a payment rule: wait for payment before acceptance, the clock not paused', async () => {
    const rules = await t.database.db.select().from(casePaymentRules);
    expect(rules.map((r) => [r.beforeStep, r.pauseClock])).toEqual([['accept', false]]);
    const rule = await get('admin', `/api/admin/payment-rules/${rules[0]!.implementationCode}`);
    expect(rule.rule.beforeStep).toBe('accept');
  });

  it('leave 张明 a 普通护照签发 waiting for its fee (待缴费) with the unpaid order on his payment page', async () => {
    const mine = await get('citizen1', '/api/cases?mine=1');
    const passport = mine.items.find((c: { itemName: string }) => c.itemName === '普通护照签发');
    expect(passport).toMatchObject({ status: 'awaiting_payment' });
    const orders = await get('citizen1', '/api/payments/orders/mine');
    expect(orders.find((o: { caseNo: string }) => o.caseNo === passport.caseNo)).toMatchObject({ status: 'unpaid', amountFen: 12_000 });
  });

  it('leave 张明 a 新生儿出生 一件事 in progress: on 我的, its 出生医学证明 in wjw.clerk’s workbench; seeding again adds nothing', async () => {
    const mine = await get('citizen1', '/api/life-events/applications');
    expect(mine).toEqual([expect.objectContaining({ lifeEventCode: 'newborn', status: 'in_progress' })]);
    const b = await get('citizen1', `/api/life-events/applications/${mine[0].bundleNo}`);
    expect(b.members.map((m: { key: string; status: string }) => [m.key, m.status])).toEqual([
      ['birthCert', 'filed'],
      ['hukou', 'waiting'],
      ['insurance', 'waiting'],
      ['ssCard', 'waiting'],
    ]);
    const birthCert = b.members[0].caseNo;
    const todo = await get('wjw.clerk', '/api/workbench/todo?pageSize=100');
    expect(todo.items.find((c: { caseNo: string }) => c.caseNo === birthCert)).toMatchObject({ status: 'under_review' });
    // The department's staff read the parent through its child.
    await get('wjw.clerk', `/api/life-events/applications/${mine[0].bundleNo}`);
    const before = (await get('citizen1', '/api/cases?mine=1')).total;
    expect(await seedDemoBundle(t.ctx)).toBeNull();
    await paymentsModule.seedDemo!(t.ctx);
    expect((await get('citizen1', '/api/cases?mine=1')).total).toBe(before);
    expect(await get('citizen1', '/api/life-events/applications')).toHaveLength(1);
  });
});
