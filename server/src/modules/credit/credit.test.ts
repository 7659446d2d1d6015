import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import { transact } from '../../platform/context.ts';
import { foodCaseKit } from '../../../test/food-case-kit.ts';
import { demoIdNumber, findLegalEntityByUscc } from '../identity/index.ts';
import { creditCheck } from './check.ts';
import { fileRecords } from './records.ts';
import { DEMO_DISHONEST, DEMO_HONOR } from './seed.ts';
import { entitySubject } from './subjects.ts';
import { creditChecks, creditRecords } from './tables.ts';

let t: TestApp;
let openBeforeListing = '';
const kit = foodCaseKit(() => t);
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const wb = '/api/workbench/credit';
async function ok<T = Record<string, unknown>>(user: string | null, method: 'GET' | 'POST', url: string, payload?: unknown, status = 200): Promise<T> {
  const res = await kit.call(user, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json() as T;
}
async function problem(user: string, url: string, payload: unknown) {
  const res = await kit.call(user, 'POST', url, payload);
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  return { status: res.statusCode, ...(res.json() as { code: string }) };
}

describe('双公示: licence and penalty disclosure', () => {
  it('is due 7 working days after the decision, across the National Day holiday, and shows on the board until published', async () => {
    const csv = [
      'subjectKind,uscc,idNumber,name,kind,title,legalBasis,decidedOn,department,sourceRef',
      `entity,${DEMO_HONOR},,示范市明湖餐饮管理有限公司,penalty,测试处罚,《行政处罚法》,2026-09-29,示范市市场监督管理局,TEST-1`,
      `person,,${demoIdNumber(0)},张明,penalty,测试个人处罚,《行政处罚法》,2026-09-29,示范市市场监督管理局,TEST-2`,
    ].join('\n');
    const res = await kit.call('credit.officer', 'POST', `${wb}/records/import`, csv, { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2, skipped: 0 });
    const rows = await t.database.db.select().from(creditRecords).where(like(creditRecords.sourceRef, 'TEST-%'));
    // 9-30, then 10-01…10-07 off, 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13, 10-14.
    expect(rows.map((r) => r.disclosureDue)).toEqual(['2026-10-14', '2026-10-14']);
    // The ID number is never stored: the person is filed under a digest, shown masked.
    const person = rows.find((r) => r.subjectKind === 'person')!;
    expect(JSON.stringify(person)).not.toContain(demoIdNumber(0));
    expect(person.idMasked).toMatch(/^9901\*+\d{3}[\dX]$/);

    // The seeded board: one late, one due soon (unpublished penalties decided 14 and 8 days ago).
    const board = await ok<{ items: { sourceRef: string; disclosure: string }[] }>('credit.officer', 'GET', `${wb}/disclosure-board`);
    expect(board.items.find((i) => i.sourceRef === '示市监罚〔2026〕135号')?.disclosure).toMatch(/late|due_soon/);

    await ok('credit.officer', 'POST', `${wb}/records/${person.id}/publish`);
    expect((await problem('credit.officer', `${wb}/records/${person.id}/publish`, {})).code).toBe('credit.already_published');
    const pub = await kit.call(null, 'GET', '/api/public/credit/disclosures?pageSize=100');
    expect(pub.statusCode).toBe(200);
    const item = pub.json().items.find((i: { id: string }) => i.id === person.id);
    expect(item).toMatchObject({ subjectName: '张*', uscc: null, kind: 'penalty' });
    // Newest publication first; no personal data anywhere in the public answer.
    expect(pub.json().items[0].publishedOn >= pub.json().items.at(-1).publishedOn).toBe(true);
    expect(pub.body).not.toContain(demoIdNumber(0));
    expect(pub.body).not.toContain('张明');
    expect(pub.body).not.toContain('李秀英');
  });
});

describe('records from the other modules', () => {
  it('files a licence when a case concludes and checks credit before the decision', async () => {
    const caseNo = await kit.concludedCase();
    const [licence] = await t.database.db.select().from(creditRecords).where(eq(creditRecords.sourceRef, caseNo));
    expect(licence).toMatchObject({ source: 'cases', kind: 'licence', disclose: true, subjectKind: 'person', idMasked: expect.stringMatching(/\*/) });
    const checks = await t.database.db.select().from(creditChecks).where(eq(creditChecks.caseNo, caseNo));
    expect(checks.map((c) => [c.stage, c.lists])).toEqual([
      ['submit', []],
      ['accept', []],
      ['decide', []],
    ]);
    // A case of 张明 accepted before he is listed: its decision comes after (next describe).
    openBeforeListing = await kit.openCase();
    // A record filed twice from the same source reference is filed once.
    const s = entitySubject(DEMO_HONOR, '示范市明湖餐饮管理有限公司')!;
    const input = {
      subject: s,
      source: 'inspection' as const,
      sourceRef: 'TEST-R',
      kind: 'inspection' as const,
      title: 't',
      legalBasis: 'b',
      decidedOn: '2026-11-02',
      departmentName: 'd',
      regionPath: '',
    };
    const twice = await transact(t.ctx, async (tx) => [...(await fileRecords(tx, [input])), ...(await fileRecords(tx, [input]))]);
    expect(twice).toHaveLength(1);
  });
});

describe('the dishonesty list', () => {
  it('needs the notice served and the objection decided by someone other than the proposer before listing', async () => {
    const entry = await ok<{ id: string; status: string; version: number }>(
      'credit.officer',
      'POST',
      `${wb}/lists`,
      {
        list: 'dishonesty',
        subjectKind: 'person',
        idNumber: demoIdNumber(0),
        name: '张明',
        reason: '虚假承诺',
        legalBasis: '国办发〔2020〕42号',
        validFrom: '2026-01-01',
      },
      201,
    );
    expect(entry.status).toBe('proposed');
    const step = (user: string, action: string, body: Record<string, unknown> = {}) => kit.call(user, 'POST', `${wb}/lists/${entry.id}/${action}`, body);
    expect((await problem('supervisor', `${wb}/lists/${entry.id}/approve`, {})).code).toBe('credit.notice_required');
    const noticed = (await step('credit.officer', 'serve_notice')).json();
    expect(noticed).toMatchObject({ status: 'noticed', allowedActions: ['object', 'approve', 'withdraw'] });
    expect(noticed.objectionDue > noticed.noticeServedOn).toBe(true);
    expect((await problem('supervisor', `${wb}/lists/${entry.id}/approve`, {})).code).toBe('credit.objection_period_open');
    expect((await step('credit.officer', 'object', { objection: '承诺材料属实，申请复核' })).json().status).toBe('objected');
    // The proposer cannot decide the objection; the supervising office does.
    expect((await problem('credit.officer', `${wb}/lists/${entry.id}/reject_objection`, { note: '不成立' })).code).toBe('credit.same_person');
    expect((await step('supervisor', 'reject_objection', { note: '经核查承诺不实，异议不成立' })).json().status).toBe('noticed');
    expect((await step('supervisor', 'approve')).json().status).toBe('listed');
    // A citizen cannot step an entry at all.
    expect((await step('citizen1', 'propose_removal', { note: 'x' })).statusCode).toBe(403);
    const actions = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.objectType, 'credit_list_entry'), eq(auditEvents.objectId, entry.id)));
    expect(actions.map((a) => a.action)).toEqual([
      'credit.list.propose',
      'credit.list.serve_notice',
      'credit.list.object',
      'credit.list.reject_objection',
      'credit.list.approve',
    ]);
  });

  it('lets the notified subject object online within the period, and nobody else', async () => {
    const entry = await ok<{ id: string }>(
      'credit.officer',
      'POST',
      `${wb}/lists`,
      {
        list: 'dishonesty',
        subjectKind: 'entity',
        uscc: DEMO_HONOR,
        name: '示范市明湖餐饮管理有限公司',
        reason: '测试',
        legalBasis: '测试依据',
        validFrom: '2026-01-01',
      },
      201,
    );
    await ok('credit.officer', 'POST', `${wb}/lists/${entry.id}/serve_notice`, {});
    const mine = await ok<{ entries: { id: string; status: string; objectionDue: string }[] }>('enterprise1', 'GET', '/api/credit/mine');
    expect(mine.entries.find((e) => e.id === entry.id)).toMatchObject({ status: 'noticed' });
    expect((await kit.call('enterprise2', 'POST', `/api/credit/lists/${entry.id}/objection`, { objection: '不是我们' })).statusCode).toBe(404);
    const objected = await ok<{ status: string; objection: string }>('enterprise1', 'POST', `/api/credit/lists/${entry.id}/objection`, {
      objection: '消毒记录已补齐，申请复核',
    });
    expect(objected).toMatchObject({ status: 'objected', objection: '消毒记录已补齐，申请复核' });
    // Withdrawn again so that the honor enterprise stays off the dishonesty list for the other tests.
    await ok('supervisor', 'POST', `${wb}/lists/${entry.id}/uphold_objection`, { note: '异议成立' });
  });

  it('applies its measures in a case: no 告知承诺, no 容缺, on-site check; recorded at submit, acceptance and decision', async () => {
    // 张明 (citizen1) is on the dishonesty list since the test above: a new application with a 告知承诺 is refused.
    await expect(kit.openCase()).rejects.toThrow(/commitment_refused_credit/);
    // His case accepted before the listing is checked again before the decision, with the sanctions recorded.
    await kit.call('scjg.reviewer', 'POST', `/api/cases/${openBeforeListing}/actions/approve`, {});
    // 现场核查: no approval before an on-site check (special procedure 现场勘验) has been completed on the case.
    const early = await kit.call('scjg.approver', 'POST', `/api/cases/${openBeforeListing}/actions/approve`, {});
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json()).toMatchObject({ code: 'cases.onsite_check_required', source: 'credit:dishonesty' });
    const onsite = (action: string, body: Record<string, unknown>) =>
      kit.call('scjg.approver', 'POST', `/api/cases/${openBeforeListing}/actions/${action}`, body);
    expect((await onsite('start_special_procedure', { procedure: 'inspection', note: '失信主体：现场核查经营场所' })).statusCode).toBe(200);
    expect((await onsite('end_special_procedure', { note: '现场核查：场所与申报一致' })).statusCode).toBe(200);
    const decided = await kit.call('scjg.approver', 'POST', `/api/cases/${openBeforeListing}/actions/approve`, {});
    expect(decided.statusCode, decided.body).toBe(200);
    const checks = await ok<{ stage: string; lists: string[]; measures: string[] }[]>('credit.officer', 'GET', `${wb}/checks/${openBeforeListing}`);
    expect(checks.at(-1)).toMatchObject({
      stage: 'decide',
      lists: ['dishonesty'],
      measures: ['no_commitment', 'no_deferral', 'onsite_check', 'priority_inspection'],
    });
    // 西江建设 (demo: dishonesty list) is refused 容缺受理 of its pending case.
    const mine = await ok<{ items: { caseNo: string; status: string }[] }>('enterprise2', 'GET', '/api/cases?mine=1');
    const pending = mine.items.find((c) => c.status === 'pending_acceptance')!;
    const deferral = await kit.call('scjg.clerk', 'POST', `/api/cases/${pending.caseNo}/actions/accept`, { pendingMaterials: ['任意材料'] });
    expect(deferral.statusCode, deferral.body).toBe(409);
    expect(deferral.json()).toMatchObject({ code: 'cases.deferral_refused', source: 'credit:dishonesty' });
  });
});

describe('joint incentives and sanctions in a case', () => {
  it('records each measure of the honor and dishonesty lists on the case', async () => {
    const honor = (await findLegalEntityByUscc(t.ctx, DEMO_HONOR))!;
    const dishonest = (await findLegalEntityByUscc(t.ctx, DEMO_DISHONEST))!;
    const checkAs = (id: string, caseNo: string) =>
      transact(t.ctx, (tx) => creditCheck(tx, { kind: 'entity', id }, { caseNo, stage: 'accept' }), {
        unaudited: 'test: the check is recorded by the case action',
      });
    expect(await checkAs(honor.id, 'TEST-HONOR')).toMatchObject({ dishonest: false, measures: ['fast_lane', 'deferral_allowed'] });
    expect(await checkAs(dishonest.id, 'TEST-DISHONEST')).toMatchObject({
      dishonest: true,
      lists: ['dishonesty'],
      measures: ['no_commitment', 'no_deferral', 'onsite_check', 'priority_inspection'],
    });
    expect(await ok('credit.officer', 'GET', `${wb}/checks/TEST-DISHONEST`)).toMatchObject([
      { stage: 'accept', measures: expect.arrayContaining(['onsite_check']) },
    ]);
  });
});

describe('credit repair', () => {
  it('hides the repaired record from the public but keeps it in the file and the audit trail', async () => {
    const file = await ok<{ records: { id: string; sourceRef: string; publishedOn: string | null }[] }>('enterprise2', 'GET', '/api/credit/mine');
    const target = file.records.find((r) => r.sourceRef === '示市监罚〔2026〕118号')!;
    expect(target.publishedOn).not.toBeNull();
    const before = await ok<{ disclosures: { id: string }[]; lists: { list: string }[] }>(null, 'GET', `/api/public/credit/${DEMO_DISHONEST}`);
    expect(before.disclosures.map((d) => d.id)).toContain(target.id);
    expect(before.lists.map((l) => l.list)).toEqual(['dishonesty']);

    const repair = await ok<{ id: string; status: string }>(
      'enterprise2',
      'POST',
      '/api/credit/repairs',
      { recordId: target.id, statement: '已缴清', evidence: '缴款凭证' },
      201,
    );
    expect(repair.status).toBe('applied');
    expect((await problem('enterprise1', '/api/credit/repairs', { recordId: target.id, statement: 'x', evidence: 'y' })).code).toBe('credit.not_subject');
    await ok('credit.officer', 'POST', `${wb}/repairs/${repair.id}/decision`, { decision: 'repaired', note: '已纠正失信行为' });

    const after = await ok<{ disclosures: { id: string }[] }>(null, 'GET', `/api/public/credit/${DEMO_DISHONEST}`);
    expect(after.disclosures.map((d) => d.id)).not.toContain(target.id);
    const all = await kit.call(null, 'GET', '/api/public/credit/disclosures?pageSize=100');
    expect(all.body).not.toContain(target.id);
    const staff = await ok<{ items: { id: string; repairedOn: string | null; disclosure: string }[] }>(
      'credit.officer',
      'GET',
      `${wb}/records?q=${DEMO_DISHONEST}&pageSize=100`,
    );
    expect(staff.items.find((r) => r.id === target.id)).toMatchObject({ disclosure: 'withdrawn' });
    expect(staff.items.find((r) => r.id === target.id)!.repairedOn).not.toBeNull();
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, repair.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['credit.repair.apply', 'credit.repair.grant']);
  });
});
