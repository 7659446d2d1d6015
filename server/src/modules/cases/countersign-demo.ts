/**
 * The demo's 会签 (countersign): the workflow `joint-review` — 受理 → 联合审查 (the market bureau's
 * reviewer and, as a co-signing department, the health commission's inspector) → 决定 → 制证 → 送达.
 * One demo case of 食品经营许可 runs on it (demo-cases.ts): accepted, the market branch signed, the
 * health branch open, on 蒋卫监's (wjw.inspector) to-do list. The item is bound to it only while that
 * case is filed: every other case of the item (tests, e2e journeys) stays on the default workflow.
 */
import { asActor, type Ctx } from '../../platform/context.ts';
import { actorForUsername } from '../identity/index.ts';
import { demoDepartmentId } from '../org/index.ts';
import { bindWorkflow, saveWorkflow } from './workflows.ts';
import { defaultWorkflow, type WorkflowDefinition } from './workflow/definition.ts';

export const jointReviewCode = 'joint-review';

export const jointReviewWorkflow = (): Omit<WorkflowDefinition, 'version'> & { version: number } => ({
  code: jointReviewCode,
  version: 1,
  name: { zh: '联合审查（会签）', en: 'Joint review (countersign)' },
  steps: [
    { key: 'accept', kind: 'accept', name: { zh: '受理', en: 'Acceptance' }, role: 'window_clerk', share: 20 },
    {
      key: 'joint_review',
      kind: 'review',
      name: { zh: '联合审查', en: 'Joint review' },
      role: 'reviewer',
      share: 40,
      branches: [
        { key: 'market', name: { zh: '市场监管审查', en: 'Market regulation review' }, role: 'reviewer' },
        { key: 'health', name: { zh: '卫生健康会签', en: 'Health commission' }, role: 'inspector', departmentId: demoDepartmentId('wjw', '990100') },
      ],
    },
    ...defaultWorkflow.steps.filter((s) => s.kind !== 'accept' && s.kind !== 'review'),
  ],
});

/** Saves the demo workflow (as it.admin, through the admin service) and runs `fn` while `implementationCode` is bound to it. */
export async function withJointReview<T>(ctx: Ctx, implementationCode: string, fn: () => Promise<T>): Promise<T> {
  const admin = asActor(ctx, await actorForUsername(ctx, 'it.admin'));
  await saveWorkflow(admin, jointReviewWorkflow());
  await bindWorkflow(admin, implementationCode, jointReviewCode);
  try {
    return await fn();
  } finally {
    await bindWorkflow(admin, implementationCode, defaultWorkflow.code);
  }
}
