import { randomInt } from 'node:crypto';
import { asActor, type TxCtx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { systemActor } from '../../../platform/auth/index.ts';
import { getStaff } from '../../identity/index.ts';
import { issueCertificate } from '../certificate-service.ts';
import { checkCredit } from '../credit.ts';
import type { ActionPayload, CaseAction } from '../workflow/engine.ts';
import { accept } from './accept.ts';
import { submitCorrection, supplementMaterials } from './supply.ts';
import { assertNotDeliveredWithBundle } from '../bundles-guard.ts';
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

declare module '../../../platform/context.ts' {
  interface DomainEvents {
    /**
     * 出件: a case's result was issued (the `issue` action), published in the issuing transaction;
     * `awaitsDelivery`: the case's workflow has a deliver step after it (else the issue concludes it).
     */
    'cases.case.result_issued': {
      caseNo: string;
      itemName: string;
      resultName: string;
      certificateIdentifier: string | null;
      awaitsDelivery: boolean;
      applicantKind: 'person' | 'entity';
      applicantId: string;
    };
  }
}

/** 制证: a certificate result is issued (signed) now and named in the record; `cases.case.result_issued` is published. */
const issue: ActionHandler<'issue'> = {
  async prepare(t, { row, def, today }, payload) {
    const cert = row.resultType === 'certificate' ? await issueCertificate(t, row, today) : undefined;
    await t.publish('cases.case.result_issued', {
      caseNo: row.caseNo,
      itemName: row.itemName,
      resultName: row.resultName,
      certificateIdentifier: cert?.identifier ?? null,
      awaitsDelivery: def.steps.some((s) => s.kind === 'deliver'),
      applicantKind: row.applicantKind,
      applicantId: row.applicantId,
    });
    return { payload: cert ? { ...payload, certificateIdentifier: cert.identifier } : { ...payload } };
  },
  notify: 'cases.issued',
};

/** A new deliver payload: a pickup gets a 6-digit code unless given one or delivered by the platform. */
export function withPickupCode(payload: Readonly<ActionPayload<'deliver'>>, byPlatform: boolean): ActionPayload<'deliver'> {
  const code = payload.method === 'pickup' && !payload.pickupCode && !byPlatform;
  return code ? { ...payload, pickupCode: String(randomInt(0, 1_000_000)).padStart(6, '0') } : { ...payload };
}

/**
 * 送达: a pickup gets a 6-digit pickup code unless the clerk gave one. A child of a 一件事 application
 * whose results come in one delivery is delivered by the platform when that delivery is signed for
 * (bundles-delivery.ts): a clerk's deliver is refused (409 cases.bundle_delivers_once), and the
 * platform's carries no code of its own (the bundle's order has it).
 */
const deliver: ActionHandler<'deliver'> = {
  async prepare(t, { row }, payload) {
    if (t.actor.kind !== 'system') await assertNotDeliveredWithBundle(t, row.caseNo);
    return { payload: withPickupCode(payload, t.actor.kind === 'system') };
  },
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
  countersign: {},
};

export function handlerFor<A extends CaseAction>(action: A): ActionHandler<A> {
  return actionHandlers[action];
}
