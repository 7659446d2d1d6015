import type { Ctx } from '../../platform/context.ts';
import { isApplicantOf, offeredActions } from './policy.ts';
import { certificateRepo, type CaseActionRow, type CaseRow, type CertificateRow } from './repository.ts';
import type { CaseView } from './schemas.ts';
import type { WorkflowDefinition } from './workflow/definition.ts';
import { deriveState, type CaseAction, type CaseState } from './workflow/engine.ts';
import { caseDeadlines } from './workflow/clock.ts';
import { caseLight, caseSettings, isTerminal, standingOf, toRecorded } from './case-state.ts';

export function stepName(ctx: Ctx, def: WorkflowDefinition, key: string): string {
  const step = def.steps.find((s) => s.key === key);
  if (!step) return key;
  return ctx.locale.startsWith('en') ? step.name.en : step.name.zh;
}

/** What the applicant sees of each action's details (null: not the entry at all); staff see everything. */
export const publicDetails: Record<CaseAction, readonly string[] | null> = {
  accept: ['pendingMaterials', 'supplyBy'],
  refuse: ['reason', 'legalBasis'],
  request_correction: ['items', 'note'],
  submit_correction: ['note'],
  approve: [],
  deny: ['reason', 'legalBasis'],
  return_to_previous: null,
  transfer: null,
  start_special_procedure: ['procedure', 'note'],
  end_special_procedure: [],
  issue: ['certificateIdentifier'],
  deliver: ['method', 'pickupCode', 'carrier', 'trackingNumber'],
  withdraw: ['reason'],
  claim: null,
  supplement_materials: ['materials', 'note'],
  expire: ['reason', 'due'],
  await_payment: ['orderNo', 'amountFen', 'pauseClock', 'legalBasis'],
  payment_received: ['orderNo'],
  countersign: null,
};

/** 会签: the current step's branches with who signed each (the latest signing of the branch in the log) and the opinion. */
function countersignView(ctx: Ctx, def: WorkflowDefinition, state: CaseState, log: CaseActionRow[]): CaseView['countersign'] {
  if (!state.branches) return null;
  const branches = def.steps[state.stepIndex]?.branches ?? [];
  return state.branches.map((b) => {
    const named = branches.find((x) => x.key === b.key);
    const signing = b.status === 'agreed' ? log.findLast((a) => a.action === 'countersign' && a.payload.branch === b.key) : undefined;
    return {
      key: b.key,
      name: named ? (ctx.locale.startsWith('en') ? named.name.en : named.name.zh) : b.key,
      role: b.role,
      departmentId: b.departmentId,
      status: b.status,
      signedBy: signing?.actorName ?? null,
      signedAt: signing?.occurredAt.toISOString() ?? null,
      opinion: b.opinion,
    };
  });
}

/** Who a sign-for's entry names (the delivery module keeps the signer's name on its order). */
const signedBy = { carrier: '寄递企业', manual: '窗口登记', pickup_code: '窗口取件' } as const;

/** The details of an action the applicant may see. */
export function publicPart(action: CaseAction, payload: Record<string, unknown>): Record<string, unknown> {
  const keys = publicDetails[action];
  return keys ? Object.fromEntries(Object.entries(payload).filter(([k]) => keys.includes(k))) : {};
}

/**
 * A case as the actor sees it: state, deadlines, timeline (the applicant's without internal
 * entries), and the actions offered to this actor. `certificate`: when the caller knows it (null:
 * none), else it is looked up.
 */
export async function present(ctx: Ctx, row: CaseRow, log: CaseActionRow[], def: WorkflowDefinition, certificate?: CertificateRow | null): Promise<CaseView> {
  const state = deriveState(def, row.submittedOn, log.map(toRecorded));
  const staffView = !isApplicantOf(ctx.actor, row);
  const today = ctx.calendar.today();
  const d = isTerminal(state.status)
    ? null
    : caseDeadlines(ctx.calendar, def, state, row.submittedOn, row.promisedDays, today, {
        region: row.regionPath,
        yellowDays: caseSettings(ctx.config).yellowDays,
      });
  const mine = offeredActions(ctx.actor, standingOf(row, def, state));
  const timeline = [
    {
      seq: 0,
      action: 'submit',
      stepKey: def.steps[0]!.key,
      stepName: stepName(ctx, def, def.steps[0]!.key),
      actorName: row.channel === 'window' ? '窗口代办' : row.applicantName,
      occurredAt: row.submittedAt.toISOString(),
      details: { channel: row.channel },
    },
    ...log.flatMap((a) => {
      const action = a.action as CaseAction;
      if (!staffView && publicDetails[action] === null) return [];
      const details = staffView ? a.payload : publicPart(action, a.payload);
      return [
        {
          seq: a.seq,
          action: a.action,
          stepKey: a.stepKey,
          stepName: stepName(ctx, def, a.stepKey),
          actorName: a.actorName,
          occurredAt: a.occurredAt.toISOString(),
          details,
        },
      ];
    }),
    // 签收 of the case's deliveries (sign-for.ts): after the actions, not workflow actions themselves.
    ...row.signFors.map((s, i) => ({
      seq: -(i + 1),
      action: 'sign_for',
      stepKey: state.step.key,
      stepName: stepName(ctx, def, state.step.key),
      actorName: signedBy[s.method],
      occurredAt: s.signedAt,
      details: { direction: s.direction, method: s.method },
    })),
  ];
  // A certificate is made only by the 'issue' action (actions/handlers.ts, certificate-service.ts): a case whose
  // record holds none has none, and its page costs one statement less.
  const issued = log.some((a) => a.action === 'issue');
  const cert = certificate !== undefined ? certificate : issued ? await certificateRepo.byCase(ctx.database.db, row.id) : undefined;
  return {
    caseNo: row.caseNo,
    implementationCode: row.implementationCode,
    itemName: row.itemName,
    guideVersion: row.guideVersion,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    channel: row.channel,
    window: row.windowId ? { id: row.windowId, label: row.windowLabel ?? '' } : null,
    applicant: { kind: row.applicantKind, id: row.applicantId, name: row.applicantName },
    submittedAt: row.submittedAt.toISOString(),
    promisedDays: row.promisedDays,
    status: state.status,
    step: { key: state.step.key, name: stepName(ctx, def, state.step.key), role: state.step.role },
    outcome: state.outcome,
    assigneeId: staffView ? state.assigneeId : null,
    correctionItems: state.correctionItems,
    pendingMaterials: state.pendingMaterials,
    supplyBy: row.supplyBy,
    light: caseLight(ctx, row, today),
    paused: !isTerminal(row.status) && row.paused,
    deadlines: d,
    concludedOn: state.concludedOn,
    version: row.version,
    allowedActions: mine,
    countersign: staffView ? countersignView(ctx, def, state, log) : null,
    formData: row.formData,
    materials: row.materials,
    timeline,
    certificate: cert ? { identifier: cert.identifier, name: cert.name, status: cert.status } : null,
  };
}
