import { randomInt } from 'node:crypto';
import { asActor, type TxCtx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { systemActor } from '../../../platform/auth/index.ts';
import { getStaff } from '../../identity/index.ts';
import { issueCertificate } from '../certificate-service.ts';
import { checkCredit } from '../credit.ts';
import type { CaseAction } from '../workflow/engine.ts';
import { accept } from './accept.ts';
import { submitCorrection, supplementMaterials } from './supply.ts';
import type { ActingCase, ActionHandler, Prepared } from './types.ts';

/** 转办: to an active colleague of the same department who holds the step's role. */
const transfer: ActionHandler<'transfer'> = {
  async prepare(t, { row, state }, payload) {
    // Identity shows staff records to staff managers only: the eligibility check reads as the platform.
    const staff = await getStaff(asActor(t, systemActor), payload.toStaffId).catch(() => undefined);
    if (!staff || !staff.active || staff.departmentId !== row.departmentId || !staff.roles.some((r) => r.roleCode === state.step.role)) {
      throw new AppError('request.invalid', { fields: [{ field: 'toStaffId', code: 'not_eligible' }] });
    }
    return { payload: { ...payload, toStaffName: staff.name } };
  },
};

/** 认领: the step is the claimer's until it moves on. */
const claim: ActionHandler<'claim'> = {
  prepare: async (t, _c, payload) => ({ payload: { ...payload, staffId: t.actor.subjectId } }),
};

/** 制证: a certificate result is issued (signed) now and named in the record. */
const issue: ActionHandler<'issue'> = {
  async prepare(t, { row, today }, payload) {
    if (row.resultType !== 'certificate') return { payload: { ...payload } };
    const cert = await issueCertificate(t, row, today);
    return { payload: { ...payload, certificateIdentifier: cert.identifier } };
  },
  notify: 'cases.issued',
};

/** 送达: a pickup gets a 6-digit pickup code unless the clerk gave one. */
const deliver: ActionHandler<'deliver'> = {
  prepare: async (_t, _c, payload) => ({
    payload: payload.method === 'pickup' && !payload.pickupCode ? { ...payload, pickupCode: String(randomInt(0, 1_000_000)).padStart(6, '0') } : { ...payload },
  }),
  notify: 'cases.delivered',
};

/** Before the decision (approving at the decide step) the applicant's credit is checked again; the credit module records it. */
async function checkBeforeDecision(t: TxCtx, { row, state }: ActingCase, payload: Readonly<Record<string, unknown>>): Promise<Prepared> {
  if (state.step.kind === 'decide') await checkCredit(t, { kind: row.applicantKind, id: row.applicantId }, { caseNo: row.caseNo, stage: 'decide' });
  return { payload: { ...payload } };
}

/**
 * Each action's own part (types.ts): the checks and additions it needs beyond the common path,
 * and the message the applicant gets. Where a case may go is the state machine's
 * (workflow/machine.ts); who may take an action is policy.ts.
 */
export const actionHandlers: { [A in CaseAction]: ActionHandler<A> } = {
  accept,
  refuse: { notify: 'cases.refused' },
  request_correction: { notify: 'cases.correction_requested' },
  submit_correction: submitCorrection,
  // Approving at the decide step is the decision the applicant hears of; at a review step it only passes the case on.
  approve: { prepare: checkBeforeDecision, notify: ({ state }) => (state.step.kind === 'decide' ? 'cases.approved' : undefined) },
  deny: { notify: 'cases.denied' },
  return_to_previous: {},
  transfer,
  start_special_procedure: { notify: 'cases.special_procedure_started' },
  end_special_procedure: { notify: 'cases.special_procedure_ended' },
  issue,
  deliver,
  withdraw: { notify: 'cases.withdrawn' },
  claim,
  supplement_materials: supplementMaterials,
  expire: { notify: 'cases.expired' },
  await_payment: { notify: 'cases.awaiting_payment' },
  payment_received: { notify: 'cases.payment_received' },
};

export function handlerFor<A extends CaseAction>(action: A): ActionHandler<A> {
  return actionHandlers[action];
}
