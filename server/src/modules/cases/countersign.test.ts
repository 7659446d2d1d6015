// 会签 (countersign): a review step with parallel branches — fan-out, the join, a disagreement sending the case back,
// double signing, who signs which branch (a co-signing department too), the to-do lists, and an old case unaffected.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/tables.ts';
import { bindWorkflow, saveWorkflow } from './service.ts';
import { casesTestFile } from './cases-test-kit.ts';
import { jointReviewCode, jointReviewWorkflow as jointReview } from './countersign-demo.ts';
import { deriveState } from './workflow/engine.ts';
import { WorkflowDefinition } from './workflow/definition.ts';

// 受理 → 联合审查 (会签: the bureau's reviewer, and the health commission's inspector as a co-signing department) → 决定 → 制证 → 送达: the demo's.
const kit = casesTestFile();
const { call, submit, act } = kit;

const todoOf = async (user: string) =>
  ((await call(user, 'GET', '/api/workbench/todo?pageSize=100')).json().items as { caseNo: string }[]).map((i) => i.caseNo);

describe('a countersign step', () => {
  let oldCase: string;
  beforeAll(async () => {
    // A case on the default workflow, filed before the item moves to the joint review.
    oldCase = (await submit()).caseNo;
    await act('scjg.clerk', oldCase, 'accept');
    const admin = await kit.t.as('it.admin');
    await saveWorkflow(admin, jointReview());
    await bindWorkflow(admin, kit.foodCode, jointReviewCode);
  });

  it('opens every branch at once; each is signed by its role (a co-signing department too); the join moves the case on', async () => {
    const no = (await submit()).caseNo;
    const accepted = (await act('scjg.clerk', no, 'accept')).json();
    expect(accepted).toMatchObject({ status: 'under_review', step: { key: 'joint_review' } });
    expect(accepted.countersign.map((b: { key: string; status: string }) => [b.key, b.status])).toEqual([
      ['market', 'open'],
      ['health', 'open'],
    ]);
    // The step's clock and light run as at any step.
    expect(accepted.deadlines.step.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(accepted.light).not.toBeNull();
    // Both branches' holders have it to do, the co-signing department's inspector too; an inspector of another department not.
    expect(await todoOf('scjg.reviewer')).toContain(no);
    expect(await todoOf('wjw.inspector')).toContain(no);
    expect(await todoOf('scjg.inspector1')).not.toContain(no);
    const asInspector = (await call('wjw.inspector', 'GET', `/api/cases/${no}`)).json();
    expect(asInspector.allowedActions).toEqual(['countersign']);
    // No approve at a countersign step: the signatures move the case.
    const asReviewer = (await call('scjg.reviewer', 'GET', `/api/cases/${no}`)).json();
    expect(asReviewer.allowedActions).toContain('countersign');
    expect(asReviewer.allowedActions).not.toContain('approve');
    expect((await act('scjg.reviewer', no, 'approve')).statusCode).toBe(409);

    // Who signs which branch: the reviewer not the health branch, the approver none.
    const wrongBranch = await act('scjg.reviewer', no, 'countersign', { branch: 'health', result: 'agree', opinion: '同意' });
    expect([wrongBranch.statusCode, wrongBranch.json().code]).toEqual([403, 'cases.not_your_step']);
    expect((await act('scjg.approver', no, 'countersign', { branch: 'market', result: 'agree', opinion: '同意' })).statusCode).toBe(403);
    expect((await act('scjg.reviewer', no, 'countersign', { branch: 'nope', result: 'agree', opinion: '同意' })).statusCode).toBe(400);
    expect((await act('scjg.reviewer', no, 'countersign', { branch: 'market', result: 'agree' })).statusCode).toBe(400);

    const one = await act('scjg.reviewer', no, 'countersign', { branch: 'market', result: 'agree', opinion: '经营场所符合要求' });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ status: 'under_review', step: { key: 'joint_review' } });
    expect(one.json().countersign[0]).toMatchObject({ key: 'market', status: 'agreed', signedBy: '赵审查', opinion: '经营场所符合要求' });
    // Signed once: a second signing is refused with a stable code, and the signer's to-do list drops the case.
    const again = await act('scjg.reviewer', no, 'countersign', { branch: 'market', result: 'agree', opinion: '同意' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'cases.branch_signed']);
    expect(await todoOf('scjg.reviewer')).not.toContain(no);
    expect(await todoOf('wjw.inspector')).toContain(no);

    const joined = await act('wjw.inspector', no, 'countersign', { branch: 'health', result: 'agree', opinion: '卫生条件合格' });
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json()).toMatchObject({ status: 'pending_decision', step: { key: 'decide' }, countersign: null });
    expect(await todoOf('wjw.inspector')).not.toContain(no);
    expect(await todoOf('scjg.approver')).toContain(no);
    // Each signing is its own entry on the timeline (who, which branch, the opinion), and audited.
    const timeline = (await call('scjg.approver', 'GET', `/api/cases/${no}`)).json().timeline as {
      action: string;
      actorName: string;
      details: Record<string, unknown>;
    }[];
    expect(timeline.filter((e) => e.action === 'countersign').map((e) => [e.actorName, e.details.branch, e.details.opinion])).toEqual([
      ['赵审查', 'market', '经营场所符合要求'],
      ['蒋卫监', 'health', '卫生条件合格'],
    ]);
    const audit = await kit.t.database.db
      .select({ summary: auditEvents.summary })
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, no), eq(auditEvents.action, 'case.countersign')));
    expect(audit.map((a) => (a.summary as { branch: string }).branch).sort()).toEqual(['health', 'market']);
    // The applicant does not see the internal signings.
    const mine = (await call('citizen1', 'GET', `/api/cases/${no}`)).json();
    expect(mine.timeline.some((e: { action: string }) => e.action === 'countersign')).toBe(false);
  });

  it('a disagreement sends the whole case back and closes the other branches; they open afresh on return', async () => {
    const no = (await submit()).caseNo;
    await act('scjg.clerk', no, 'accept');
    await act('scjg.reviewer', no, 'countersign', { branch: 'market', result: 'agree', opinion: '同意' });
    const back = await act('wjw.inspector', no, 'countersign', { branch: 'health', result: 'disagree', opinion: '后厨布局不符合卫生要求' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'pending_acceptance', step: { key: 'accept' }, countersign: null });
    expect(await todoOf('wjw.inspector')).not.toContain(no);
    const again = (await act('scjg.clerk', no, 'accept')).json();
    expect(again.countersign.map((b: { status: string }) => b.status)).toEqual(['open', 'open']);
    expect(await todoOf('scjg.reviewer')).toContain(no);
  });

  it('leaves a case on an older definition as it was', async () => {
    const view = (await call('scjg.reviewer', 'GET', `/api/cases/${oldCase}`)).json();
    expect(view).toMatchObject({ step: { key: 'review' }, countersign: null });
    expect(view.allowedActions).toContain('approve');
    expect(view.allowedActions).not.toContain('countersign');
    expect((await act('scjg.reviewer', oldCase, 'approve')).json().step.key).toBe('decide');
  });
});

describe('countersign definitions', () => {
  it('validate branches: 2–10, unique keys, on review steps only', () => {
    const def = jointReview();
    expect(WorkflowDefinition.safeParse(def).success).toBe(true);
    const codes = (d: unknown) =>
      (WorkflowDefinition.safeParse(d).error?.issues ?? []).map((i) => (i as { params?: { code?: string } }).params?.code ?? i.code);
    const review = def.steps[1]!;
    expect(codes({ ...def, steps: [def.steps[0], { ...review, branches: [review.branches![0], review.branches![0]] }, def.steps[2]] })).toContain('duplicate');
    expect(codes({ ...def, steps: [def.steps[0], { ...review, branches: [review.branches![0]] }, def.steps[2]] })).toContain('too_small');
    expect(codes({ ...def, steps: [def.steps[0], { ...review, branches: undefined }, { ...def.steps[2], branches: review.branches }] })).toContain(
      'branches_only_on_review',
    );
  });

  it('fold: a signing by one branch does not move the case; the last one does', () => {
    const def = WorkflowDefinition.parse(jointReview());
    const at = (action: string, payload: Record<string, unknown> = {}, actorId = 'a') =>
      ({ action, date: '2026-03-02', actorId, stepKey: '', payload }) as never;
    const log = [at('accept'), at('countersign', { branch: 'health', result: 'agree', opinion: 'ok' }, 'b')];
    expect(deriveState(def, '2026-03-02', log)).toMatchObject({ status: 'under_review', branches: [{ status: 'open' }, { status: 'agreed', signedBy: 'b' }] });
    const done = deriveState(def, '2026-03-02', [...log, at('countersign', { branch: 'market', result: 'agree', opinion: 'ok' }, 'c')]);
    expect(done).toMatchObject({ status: 'pending_decision', branches: null });
  });
});
