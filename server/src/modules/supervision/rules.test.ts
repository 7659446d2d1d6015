// 电子监察 rules (issue 17): each rule fires on its example and not on a clean case; the job is
// idempotent; rules are edited in scope; hits are confirmed or dismissed over HTTP with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { CaseRuleAction, CaseRuleFacts } from '../cases/index.ts';
import type { CaseChargeFact } from '../payments/index.ts';
import { evaluateRules } from './rules-evaluate.ts';
import { ruleDefinition, type FeeLookups, type RuleLookups } from './rules-catalog.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function call(user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, lang = 'zh-CN'): Promise<LightMyRequestResponse> {
  cookies[user] ??= await t.login(user);
  return t.app.inject({ method, url, payload: payload as object, headers: { cookie: cookies[user], 'accept-language': lang } });
}

type Hit = { id: string; ruleCode: string; caseNo: string | null; status: string; version: number; evidence: Record<string, unknown> };
const hits = async (query = '') => (await call('supervisor', 'GET', `/api/supervision/rule-hits?pageSize=100${query}`)).json().items as Hit[];

let seq = 0;
/** The role each step of the default workflow asks for; an action is taken through it unless `actorRole` says otherwise. */
const stepRoles: Record<string, string> = { accept: 'window_clerk', review: 'reviewer', decide: 'approver' };
const act = (action: string, minute: number, payload: Record<string, unknown> = {}, stepKey = 'accept', actorRole = stepRoles[stepKey]!): CaseRuleAction => ({
  seq: ++seq,
  action,
  stepKey,
  actorId: null,
  actorName: '李受理',
  actorRole,
  stepRole: stepRoles[stepKey]!,
  occurredAt: new Date(Date.UTC(2026, 10, 2, 1, minute)).toISOString(),
  payload,
});
const facts = (actions: CaseRuleAction[]): CaseRuleFacts => ({
  id: '00000000-0000-0000-0000-000000000001',
  caseNo: 'C1',
  implementationCode: 'IMP',
  guideVersion: 1,
  itemName: '食品经营许可',
  departmentId: 'd',
  departmentName: '市场监管局',
  regionPath: '99/9901',
  status: 'concluded',
  outcome: 'approved',
  workflowCode: 'default',
  workflowVersion: 1,
  submittedAt: '2026-11-02T01:00:00.000Z',
  concludedOn: '2026-11-20',
  actions,
});
/** The proof list stub: 食品经营许可 keeps 健康证明 and has dropped 失业证明; any other proof is not on it. */
const proofList: Record<string, string> = { '食品经营许可\u0000健康证明': 'kept', '食品经营许可\u0000失业证明': 'dropped' };
const lookups: RuleLookups = {
  sharedMaterials: async () => ['营业执照'],
  proofs: async (pairs) =>
    pairs.map((p) => {
      const d = proofList[`${p.itemName}\u0000${p.proofName}`];
      return { ...p, problem: d === undefined ? 'not_listed' : d === 'dropped' ? 'dropped' : null };
    }),
};
/** A clean case: one correction of an applicant's material, accepted, reviewed and decided over days, two special procedures. */
const clean = facts([
  act('request_correction', 0, { items: [{ material: '申请书', problem: '未签字' }] }),
  act('accept', 10),
  act('start_special_procedure', 20, { procedure: 'inspection' }, 'review'),
  act('start_special_procedure', 30, { procedure: 'testing' }, 'review'),
  act('approve', 40, {}, 'review'),
  { ...act('approve', 0, {}, 'decide'), occurredAt: '2026-11-05T01:00:00.000Z' },
]);
const examples: Record<string, CaseRuleFacts> = {
  'correction.repeated': facts([
    act('request_correction', 0, { items: [{ material: '申请书' }] }),
    act('request_correction', 5, { items: [{ material: '图纸' }] }),
  ]),
  'materials.shared_demanded': facts([act('request_correction', 0, { items: [{ material: '营业执照', problem: '请提供复印件' }] })]),
  // A correction request asking for a proof the item's list lacks (居住证明).
  'proof.not_listed': facts([act('request_correction', 0, { items: [{ material: '居住证明（原件）', problem: '请补充' }] })]),
  'refusal.no_legal_basis': facts([act('refuse', 0, { reason: '材料不符合要求', legalBasis: '不符合受理条件' })]),
  'decision.too_fast': facts([act('accept', 0), act('approve', 2, {}, 'review'), act('approve', 4, {}, 'decide')]),
  'suspension.repeated': facts([0, 1, 2].map((m) => act('start_special_procedure', m, { procedure: 'inspection' }, 'review'))),
  // Approved at the decision step by a window clerk (only rows written around the cases module's checks can say so).
  'decision.outside_role': facts([
    act('accept', 0),
    act('approve', 100, {}, 'review'),
    { ...act('approve', 0, {}, 'decide', 'window_clerk'), occurredAt: '2026-11-05T01:00:00.000Z' },
  ]),
};
/** The rules the demo's three irregular cases break (rules-demo.ts). */
const demoRules = ['correction.repeated', 'materials.shared_demanded', 'refusal.no_legal_basis', 'decision.too_fast', 'suspension.repeated'];

/** A payment order charged on a case; the catalog stub knows FEE-A (120 元, in force) and FEE-OLD (retired). */
const charge = (lines: { feeCode: string; unitFen: number }[]): CaseChargeFact => ({
  id: '00000000-0000-0000-0000-000000000002',
  orderNo: 'JF1',
  caseNo: 'C1',
  itemName: '不动产抵押登记',
  departmentId: 'd',
  departmentName: '自然资源局',
  regionPath: '99/9901',
  status: 'paid',
  amountFen: lines.reduce((n, l) => n + l.unitFen, 0),
  issuedOn: '2026-11-02',
  lines: lines.map((l) => ({ ...l, name: l.feeCode, kind: 'administrative_fee' as const, standard: '', quantity: 1, amountFen: l.unitFen })),
});
const feeLookups: FeeLookups = {
  fees: async (codes) =>
    [
      { code: 'FEE-A', name: '登记费', inForce: true, unitFen: 12000 },
      { code: 'FEE-OLD', name: '已取消的收费', inForce: false, unitFen: 500 },
    ].filter((f) => codes.includes(f.code)),
};

describe('e-supervision rules', () => {
  it('each case rule fires on its example with evidence, and not on a clean case', async () => {
    for (const [code, example] of Object.entries(examples)) {
      const def = ruleDefinition(code)!;
      expect(await def.evaluate!(clean, def.threshold, lookups), code).toBeNull();
      expect(await def.evaluate!(example, def.threshold, lookups), code).toBeTruthy();
    }
    expect(await ruleDefinition('correction.repeated')!.evaluate!(examples['correction.repeated']!, 1, lookups)).toMatchObject({ corrections: 2, allowed: 1 });
    expect(await ruleDefinition('decision.too_fast')!.evaluate!(examples['decision.too_fast']!, 10, lookups)).toMatchObject({ minutes: 4, minimum: 10 });
    // Fees: charged as the catalog says is clean; a fee not in it, one no longer in force, or a different amount is a hit.
    const fee = ruleDefinition('fee.not_in_catalog')!;
    expect(await fee.evaluateCharge!(charge([{ feeCode: 'FEE-A', unitFen: 12000 }]), feeLookups)).toBeNull();
    const feeHit = await fee.evaluateCharge!(
      charge([
        { feeCode: 'FEE-A', unitFen: 15000 },
        { feeCode: 'FEE-X', unitFen: 3000 },
        { feeCode: 'FEE-OLD', unitFen: 500 },
      ]),
      feeLookups,
    );
    expect((feeHit!.lines as { problem: string }[]).map((l) => l.problem)).toEqual(['amount_differs', 'not_in_catalog', 'not_in_force']);
    expect(await ruleDefinition('decision.outside_role')!.evaluate!(examples['decision.outside_role']!, null, lookups)).toMatchObject({
      decisions: [{ action: 'approve', step: 'decide', stepRole: 'approver', actorRole: 'window_clerk' }],
    });
    // Actions recorded before the roles were (null) are not judged.
    const unrecorded = facts([{ ...act('approve', 0, {}, 'decide', 'window_clerk'), actorRole: null, stepRole: null }]);
    expect(await ruleDefinition('decision.outside_role')!.evaluate!(unrecorded, null, lookups)).toBeNull();
    // Proofs: a listed one is clean; one listed as dropped (取消) is a hit as well as one not listed.
    const proof = ruleDefinition('proof.not_listed')!;
    expect(await proof.evaluate!(examples['proof.not_listed']!, null, lookups)).toMatchObject({
      itemName: '食品经营许可',
      demanded: [{ material: '居住证明（原件）', proofName: '居住证明', problem: 'not_listed' }],
    });
    expect(await proof.evaluate!(facts([act('request_correction', 0, { items: [{ material: '健康证明' }] })]), null, lookups)).toBeNull();
    expect(
      await proof.evaluate!(facts([act('request_correction', 0, { items: [{ material: '健康证明' }, { material: '失业证明' }] })]), null, lookups),
    ).toMatchObject({
      demanded: [{ proofName: '失业证明', problem: 'dropped' }],
    });
    // A refusal that names the law is clean.
    const cited = facts([act('deny', 0, { reason: 'x', legalBasis: '《中华人民共和国食品安全法》第三十五条' })]);
    expect(await ruleDefinition('refusal.no_legal_basis')!.evaluate!(cited, null, lookups)).toBeNull();
  });

  it('the demo cases hit their rules once each; the job finds nothing new when run again; a result with no case is 体外循环', async () => {
    const found = await hits();
    const byRule = (code: string) => found.filter((h) => h.ruleCode === code);
    for (const code of demoRules) expect(byRule(code).length, code).toBe(1);
    // The demo's decisions were all taken through the step's role, its fees charged as the catalog says.
    expect(byRule('decision.outside_role')).toHaveLength(0);
    expect(byRule('fee.not_in_catalog')).toHaveLength(0);
    expect(byRule('proof.not_listed')).toHaveLength(0);
    expect(byRule('correction.repeated')[0]!.evidence).toMatchObject({ corrections: 2, caseNo: byRule('correction.repeated')[0]!.caseNo });
    expect(byRule('refusal.no_legal_basis')[0]!.status).toBe('confirmed');
    expect(byRule('result.without_case')).toHaveLength(0);
    expect((await evaluateRules(t.ctx, { days: 36_500 })).hits).toBe(0);

    // A certificate whose case is gone (SQL straight at the table: no service can do this).
    await t.ctx.database.db.execute(
      sql`update certificates set case_id = '00000000-0000-4000-8000-000000000099' where id = (select id from certificates order by issued_at limit 1)`,
    );
    expect((await evaluateRules(t.ctx, { days: 36_500 })).hits).toBe(1);
    const orphan = (await hits('&rule=result.without_case'))[0]!;
    expect(orphan.evidence).toMatchObject({ caseFound: false });
    expect((await evaluateRules(t.ctx, { days: 36_500 })).hits).toBe(0);
  });

  it('every staff action records the role it was taken through; a decision recorded through another role and a fee outside the catalog are hits', async () => {
    const roles = (await t.ctx.database.db.execute(
      sql`select actor_kind, actor_role, step_role from case_actions where actor_role is not null or step_role is not null or actor_kind = 'staff'`,
    )) as unknown as { rows: { actor_kind: string; actor_role: string | null; step_role: string | null }[] };
    const staff = roles.rows.filter((r) => r.actor_kind === 'staff');
    expect(staff.length).toBeGreaterThan(10);
    for (const r of staff) expect(r.actor_role, JSON.stringify(r)).toBe(r.step_role);
    expect(roles.rows.every((r) => r.actor_kind === 'staff')).toBe(true);

    // Written around the services (SQL straight at the tables): a decision by a window clerk, a fee the catalog does not list.
    await t.ctx.database.db.execute(
      sql`update case_actions set actor_role = 'window_clerk' where id = (select id from case_actions where action = 'approve' and step_role = 'approver' order by occurred_at limit 1)`,
    );
    await t.ctx.database.db.execute(
      sql`update cases set updated_at = now() where id = (select case_id from case_actions where actor_role = 'window_clerk' and step_role = 'approver')`,
    );
    const orders = (await t.ctx.database.db.execute(sql`select order_no, lines from payment_orders where status <> 'closed' order by order_no`)) as unknown as {
      rows: { order_no: string; lines: { feeCode: string }[] }[];
    };
    expect(orders.rows.length).toBeGreaterThan(0);
    const order = orders.rows[0]!;
    const lines = [
      ...order.lines,
      { feeCode: 'FEE-NONE-001', name: '资料工本费', kind: 'administrative_fee', standard: '每份 10 元', unitFen: 1000, quantity: 1, amountFen: 1000 },
    ];
    await t.ctx.database.db.execute(
      sql`update payment_orders set lines = ${JSON.stringify(lines)}::jsonb, updated_at = now() where order_no = ${order.order_no}`,
    );
    expect((await evaluateRules(t.ctx, { days: 36_500 })).hits).toBe(2);
    const outside = (await hits('&rule=decision.outside_role'))[0]!;
    expect(outside.evidence).toMatchObject({ decisions: [{ action: 'approve', stepRole: 'approver', actorRole: 'window_clerk' }] });
    const fee = (await hits('&rule=fee.not_in_catalog'))[0]!;
    expect(fee.evidence).toMatchObject({ orderNo: order.order_no, lines: [{ feeCode: 'FEE-NONE-001', problem: 'not_in_catalog' }] });
    expect((await evaluateRules(t.ctx, { days: 36_500 })).hits).toBe(0);
  });

  it('a correction request asking for a proof not on the real proof list (data module) is a hit, once', async () => {
    // Written around the services: the demo's first correction request also asks for 无业证明, which no item's list has.
    await t.ctx.database.db.execute(
      sql`update case_actions set payload = jsonb_set(payload, '{items}', (payload->'items') || '[{"material":"无业证明（原件）","problem":"请补充"}]'::jsonb)
          where id = (select id from case_actions where action = 'request_correction' order by occurred_at limit 1)`,
    );
    await t.ctx.database.db.execute(
      sql`update cases set updated_at = now() where id = (select case_id from case_actions where payload::text like '%无业证明%')`,
    );
    expect((await evaluateRules(t.ctx, { days: 36_500 })).hits).toBe(1);
    const proof = (await hits('&rule=proof.not_listed'))[0]!;
    expect(proof.evidence).toMatchObject({ demanded: [{ material: '无业证明（原件）', proofName: '无业证明', problem: 'not_listed' }] });
    expect((await evaluateRules(t.ctx, { days: 36_500 })).hits).toBe(0);
  });

  it('a supervisor tunes a rule of the city; others cannot; every rule is evaluable', async () => {
    const rules = (await call('supervisor', 'GET', '/api/supervision/rules')).json() as { code: string; version: number; openHits: number; mayEdit: boolean }[];
    const rule = rules.find((r) => r.code === 'correction.repeated')!;
    expect(rule).toMatchObject({ openHits: 1, mayEdit: true });
    const ok = await call('supervisor', 'PATCH', '/api/supervision/rules/correction.repeated', { threshold: 2, severity: 'medium', version: rule.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ threshold: 2, severity: 'medium', version: rule.version + 1 });
    // (A district supervisor's 403 is a row of the scope matrix.)
    expect((await call('scjg.approver', 'PATCH', '/api/supervision/rules/correction.repeated', { enabled: false, version: rule.version + 1 })).statusCode).toBe(
      403,
    );
    // Every rule is evaluable now, so each can be switched on and off.
    expect(rules.every((r) => (r as unknown as { evaluable: boolean }).evaluable)).toBe(true);
    expect((await call('scjg.clerk', 'GET', '/api/supervision/rules')).statusCode).toBe(403);
  });

  it('a hit is confirmed or dismissed once, with a reason; refusals are problem+json', async () => {
    const [first, second] = await hits('&status=open');
    const noReason = await call('supervisor', 'POST', `/api/supervision/rule-hits/${first!.id}/dismiss`, { reason: '', version: first!.version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.headers['content-type']).toContain('application/problem+json');
    const dismissed = await call('supervisor', 'POST', `/api/supervision/rule-hits/${first!.id}/dismiss`, {
      reason: '补正经申请人同意分两次提交',
      version: first!.version,
    });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', reason: '补正经申请人同意分两次提交', decidedByName: '杨监察' });
    const again = await call(
      'supervisor',
      'POST',
      `/api/supervision/rule-hits/${first!.id}/confirm`,
      { reason: '改为确认问题', version: first!.version + 1 },
      'en',
    );
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({ code: 'workflow.action_not_allowed', currentStatus: 'dismissed' });
    const confirmed = await call('supervisor', 'POST', `/api/supervision/rule-hits/${second!.id}/confirm`, {
      reason: '确属违规，已责令整改',
      version: second!.version,
    });
    expect(confirmed.json()).toMatchObject({ status: 'confirmed' });
    // Staff without the permission neither list nor decide (a district supervisor's 404 is a row of the scope matrix).
    expect((await call('scjg.approver', 'GET', '/api/supervision/rule-hits')).statusCode).toBe(403);
  });
});
