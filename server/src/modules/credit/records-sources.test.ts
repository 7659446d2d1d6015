import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { foodCaseKit } from '../../../test/food-case-kit.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import { demoId } from '../org/index.ts';
import { DEMO_HONOR } from './seed.ts';
import { creditListEntries, creditRecords, creditRepairs } from './tables.ts';

let t: TestApp;
const kit = foodCaseKit(() => t);
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const wb = '/api/workbench/credit';
const hl = '/api/workbench/hotline';
async function ok<T = Record<string, unknown>>(user: string | null, method: 'GET' | 'POST', url: string, payload?: unknown, status = 200): Promise<T> {
  const res = await kit.call(user, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json() as T;
}

/** A 12345 ticket of `kind` taken to the district's reply (the center dispatches, 明湖区 signs). */
async function ticketAwaitingReply(kind: string): Promise<string> {
  const created = await ok<{ ticket: { id: string } }>(
    'rx.operator',
    'POST',
    `${hl}/tickets`,
    {
      callerPhone: '13812345678',
      callerName: '张三丰',
      kind,
      categoryId: demoId('hotline-category', 'cg.zdjy'),
      text: '湖滨路餐馆油烟直排，多次反映未整改',
      address: '示范市明湖区湖滨街道湖滨路 8 号',
    },
    201,
  );
  const id = created.ticket.id;
  await ok('rx.dispatcher', 'POST', `${hl}/tickets/${id}/dispatch`, {});
  await ok('mh.handler', 'POST', `${hl}/tickets/${id}/sign`, {});
  return id;
}

describe('hotline complaints found true', () => {
  it('become a complaint record of the enterprise when the center concludes the ticket; other findings do not', async () => {
    const finding = { verdict: 'substantiated', respondentUscc: DEMO_HONOR, respondentName: '示范市明湖餐饮管理有限公司' };
    // A finding belongs to a complaint or report, with a valid USCC and the name beside it.
    const suggestion = await ticketAwaitingReply('suggestion');
    const bad = async (id: string, f: unknown) => {
      const res = await kit.call('mh.handler', 'POST', `${hl}/tickets/${id}/reply`, { text: '已核查', finding: f });
      expect(res.statusCode, res.body).toBe(400);
      return (res.json() as { errors: { field: string; code: string }[] }).errors;
    };
    expect(await bad(suggestion, finding)).toContainEqual(expect.objectContaining({ field: 'finding', code: 'not_a_complaint' }));
    const complaint = await ticketAwaitingReply('complaint');
    expect(await bad(complaint, { ...finding, respondentUscc: '91990102MA00000010' })).toContainEqual(
      expect.objectContaining({ field: 'finding.respondentUscc', code: 'invalid' }),
    );
    expect(await bad(complaint, { verdict: 'substantiated', respondentUscc: DEMO_HONOR })).toContainEqual(
      expect.objectContaining({ field: 'finding.respondentName', code: 'required' }),
    );

    const replied = await ok<{ status: string; finding: unknown }>('mh.handler', 'POST', `${hl}/tickets/${complaint}/reply`, {
      text: '经现场核查，该餐馆未安装油烟净化设施，投诉属实，已责令整改',
      finding,
    });
    expect(replied).toMatchObject({ status: 'replied', finding });
    // Nothing is filed before the center concludes it.
    const number = (await ok<{ number: string }>('rx.dispatcher', 'GET', `${hl}/tickets/${complaint}`)).number;
    const filed = () =>
      t.database.db
        .select()
        .from(creditRecords)
        .where(and(eq(creditRecords.source, 'hotline'), eq(creditRecords.sourceRef, number)));
    expect(await filed()).toEqual([]);
    await ok('rx.dispatcher', 'POST', `${hl}/tickets/${complaint}/review`, { pass: true });
    const [record] = await filed();
    expect(record).toMatchObject({
      subjectKind: 'entity',
      subjectKey: DEMO_HONOR,
      kind: 'complaint',
      disclose: false,
      legalBasis: expect.stringContaining('国办发〔2020〕53号'),
      decidedOn: t.calendar.today(),
      validUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(record!.validUntil! > record!.decidedOn).toBe(true);
    // The enterprise sees it in its own file (and may apply to repair it).
    const mine = await ok<{ records: { id: string; kind: string }[] }>('enterprise1', 'GET', '/api/credit/mine');
    expect(mine.records.find((r) => r.id === record!.id)).toMatchObject({ kind: 'complaint' });
    const audit = await t.database.db
      .select({ action: auditEvents.action, summary: auditEvents.summary })
      .from(auditEvents)
      .where(eq(auditEvents.objectId, complaint));
    expect(audit.find((a) => a.action === 'hotline.ticket.reply')?.summary).toMatchObject({ finding: 'substantiated', respondentUscc: DEMO_HONOR });

    // Found not true: concluded without a record.
    const other = await ticketAwaitingReply('complaint');
    await ok('mh.handler', 'POST', `${hl}/tickets/${other}/reply`, { text: '经核查投诉不属实', finding: { ...finding, verdict: 'unsubstantiated' } });
    await ok('rx.dispatcher', 'POST', `${hl}/tickets/${other}/review`, { pass: true });
    const otherNo = (await ok<{ number: string }>('rx.dispatcher', 'GET', `${hl}/tickets/${other}`)).number;
    expect(await t.database.db.select().from(creditRecords).where(eq(creditRecords.sourceRef, otherNo))).toEqual([]);
  });
});

describe('a penalty decided on an inspection result', () => {
  it('is filed as a penalty record due for 双公示, by the inspecting department only; a listing resting on it ends when it is repaired', async () => {
    const tasks = await ok<{ items: { id: string; title: string }[] }>('scjg.inspection', 'GET', '/api/workbench/inspection/tasks?pageSize=100');
    const task = tasks.items.find((x) => x.title === '2026 年广告发布行为专项抽查')!;
    const results = await ok<{ id: string; outcome: string }[]>('scjg.inspection', 'GET', `/api/workbench/inspection/tasks/${task.id}/results`);
    const found = results.find((r) => r.outcome === 'problems_found')!;
    const normal = results.find((r) => r.outcome === 'normal')!;
    const today = t.calendar.today();
    const body = {
      documentNo: '示市监罚〔2026〕901号',
      facts: '发布含有“最佳”等绝对化用语的广告，经责令改正拒不改正',
      penalty: '罚款人民币二十万元',
      legalBasis: '《中华人民共和国广告法》第五十七条',
      decidedOn: today,
      serious: true,
    };
    const decide = (user: string, resultId: string, b: unknown) => kit.call(user, 'POST', `/api/workbench/inspection/results/${resultId}/penalty`, b);
    // The credit office does not decide penalties, nor an inspector.
    expect((await decide('credit.officer', found.id, body)).statusCode).toBe(403);
    expect((await decide('scjg.inspector1', found.id, body)).statusCode).toBe(403);
    const noProblem = await decide('scjg.inspection', normal.id, body);
    expect(noProblem.statusCode).toBe(400);
    expect(noProblem.json().errors).toContainEqual(expect.objectContaining({ field: 'resultId', code: 'no_problems_found' }));
    const decided = await decide('scjg.inspection', found.id, body);
    expect(decided.statusCode, decided.body).toBe(201);
    expect((await decide('scjg.inspection', found.id, body)).statusCode).toBe(409);
    // The task's results say it after a reload (the page shows the document number, not the button again).
    const reloaded = await ok<{ id: string; penalty: { documentNo: string; decidedOn: string } | null }[]>(
      'scjg.inspection',
      'GET',
      `/api/workbench/inspection/tasks/${task.id}/results`,
    );
    expect(reloaded.find((r) => r.id === found.id)?.penalty).toEqual({ documentNo: body.documentNo, decidedOn: today });
    expect(reloaded.find((r) => r.id === normal.id)?.penalty).toBeNull();
    const records = await ok<{
      items: { id: string; uscc: string; kind: string; source: string; sourceRef: string; disclosure: string; disclosureDue: string; subjectName: string }[];
    }>('credit.officer', 'GET', `${wb}/records?kind=penalty&source=inspection&pageSize=100`);
    const record = records.items.find((r) => r.sourceRef === `penalty:${body.documentNo}`)!;
    expect(record).toMatchObject({ kind: 'penalty', source: 'inspection', uscc: decided.json().uscc, disclosure: 'pending' });
    expect(record.disclosureDue).toBe(t.calendar.addWorkingDays(today, 7).date);
    const audit = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.objectId, record.id));
    expect(audit.map((a) => a.action)).toEqual(['credit.record.file']);
    const decisionAudit = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.objectId, found.id));
    expect(decisionAudit.map((a) => a.action)).toContain('inspection.penalty.decide');

    // The office proposes the dishonesty list on that record; only the subject's own records qualify.
    const proposal = {
      list: 'dishonesty',
      subjectKind: 'entity',
      uscc: record.uscc,
      name: record.subjectName,
      reason: '严重违法广告，拒不改正',
      legalBasis: '《市场监督管理严重违法失信名单管理办法》第九条',
      validFrom: today,
      recordId: record.id,
    };
    const wrong = await kit.call('credit.officer', 'POST', `${wb}/lists`, { ...proposal, uscc: DEMO_HONOR, name: '示范市明湖餐饮管理有限公司' });
    expect(wrong.statusCode).toBe(400);
    const entry = await ok<{ id: string; recordId: string }>('credit.officer', 'POST', `${wb}/lists`, proposal, 201);
    expect(entry.recordId).toBe(record.id);
    await ok('credit.officer', 'POST', `${wb}/lists/${entry.id}/serve_notice`, {});
    await ok('credit.officer', 'POST', `${wb}/lists/${entry.id}/object`, { objection: '已整改' });
    await ok('supervisor', 'POST', `${wb}/lists/${entry.id}/reject_objection`, { note: '拒不改正属实' });
    expect((await ok<{ status: string }>('supervisor', 'POST', `${wb}/lists/${entry.id}/approve`, {})).status).toBe('listed');

    // Repairing the penalty ends the listing that rests on it, audited (the entity has no account here: its application is filed directly).
    expect((await ok<{ lists: { list: string }[] }>(null, 'GET', `/api/public/credit/${record.uscc}`)).lists.map((l) => l.list)).toContain('dishonesty');
    const repairId = randomUUID();
    await t.database.db.insert(creditRepairs).values({
      id: repairId,
      recordId: record.id,
      subjectKind: 'entity',
      subjectKey: record.uscc,
      applicantAccountId: null,
      statement: '已改正违法广告并缴清罚款',
      evidence: '整改报告、缴款凭证',
      appliedOn: today,
      dueOn: today,
      dueEstimated: false,
      status: 'applied',
      createdAt: new Date(),
    });
    await ok('credit.officer', 'POST', `${wb}/repairs/${repairId}/decision`, { decision: 'repaired', note: '已纠正失信行为' });
    const [ended] = await t.database.db.select().from(creditListEntries).where(eq(creditListEntries.id, entry.id));
    expect(ended).toMatchObject({ status: 'removed', removalReason: '信用修复' });
    expect((await ok<{ lists: { list: string }[] }>(null, 'GET', `/api/public/credit/${record.uscc}`)).lists.map((l) => l.list)).not.toContain('dishonesty');
    const entryAudit = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.objectId, entry.id));
    expect(entryAudit.map((a) => a.action)).toContain('credit.list.end_repaired');
  });
});
