import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/db/index.ts';
import { can } from '../../platform/auth/index.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { reassignFiles } from '../../platform/files/index.ts';
import type { IdentityFacts } from '../../platform/forms/index.ts';
import { getApplicableVersion } from '../catalog/index.ts';
import { assertAgentMayApply, assertAssuranceLevel, ensureLegalEntity, ensurePerson, getPersonWithContactPhone } from '../identity/index.ts';
import { getDepartment } from '../org/index.ts';
import { notifyApplicant } from './notify.ts';
import { casePermissions } from './policy.ts';
import { caseRepo, certificateRepo, type CaseMaterial, type NewCaseRow } from './repository.ts';
import type { CaseSubmit, CaseView } from './schemas.ts';
import { initialState } from './workflow/engine.ts';
import { checkFormData, formOfGuide, identityFacts } from './forms-service.ts';
import { checkCredit, deferrableWithCredit, fastLaneOf } from './credit.ts';
import { deferrableMaterials } from './deferral-service.ts';
import { cacheOf } from './case-state.ts';
import { present } from './present.ts';
import { workflowForNewCase } from './workflows.ts';
import { takeSerial } from './serials.ts';
import { fetchForSubmit, sharedCaseMaterial, type GuideSharedMaterial } from './shared-materials.ts';
import type { SharedMaterial } from './tables.ts';
import { waitForPaymentIfDue } from './payment-wait.ts';
import { filingWindow } from './window.ts';

interface Applicant {
  kind: 'person' | 'entity';
  id: string;
  name: string;
  codeTail: string;
  /** For the form: what the identity module knows (masks only). */
  facts: IdentityFacts;
  /** A person's number for the notification, when read with the facts (notify.ts reads it otherwise). */
  contactPhone?: string;
}

async function resolveApplicant(
  t: TxCtx,
  input: CaseSubmit,
  impl: { regionPath: string; departmentId: string },
): Promise<{ applicant: Applicant; channel: 'online' | 'window' }> {
  if (input.applicant) {
    if (t.actor.kind !== 'staff' || !can(t.actor, casePermissions.fileForApplicant, { regionPath: impl.regionPath, departmentId: impl.departmentId })) {
      throw new AppError('auth.forbidden', { extra: { permission: casePermissions.fileForApplicant } });
    }
    const a = input.applicant;
    if (a.kind === 'person') {
      const p = await ensurePerson(t, { name: a.name, idNumber: a.idNumber, phone: a.phone });
      return {
        applicant: {
          kind: 'person',
          id: p.id,
          name: p.name,
          codeTail: p.idNumberMasked.slice(-4).toUpperCase(),
          facts: await identityFacts(t, 'person', p.id),
        },
        channel: 'window',
      };
    }
    const e = await ensureLegalEntity(t, { name: a.name, uscc: a.uscc, entityType: a.entityType, legalRepresentative: a.legalRepresentative });
    return {
      applicant: { kind: 'entity', id: e.id, name: e.name, codeTail: e.uscc.slice(-4), facts: await identityFacts(t, 'entity', e.id) },
      channel: 'window',
    };
  }
  const { kind, subjectId } = t.actor;
  if (kind === 'person' && subjectId) {
    // One read for the form's facts and the notification's number.
    const { person, contactPhone } = await getPersonWithContactPhone(t, subjectId);
    const facts: IdentityFacts = { kind, name: person.name, idNumberMasked: person.idNumberMasked, address: person.address };
    return {
      applicant: { kind, id: subjectId, name: facts.name, codeTail: person.idNumberMasked.slice(-4).toUpperCase(), facts, contactPhone },
      channel: 'online',
    };
  }
  if (kind === 'entity' && subjectId) {
    const facts = await identityFacts(t, kind, subjectId);
    const codeTail = facts.uscc!.slice(-4).toUpperCase();
    return { applicant: { kind, id: subjectId, name: facts.name, codeTail, facts }, channel: 'online' };
  }
  // Staff file for someone else only with `applicant`.
  throw new AppError('request.invalid', { fields: [{ field: 'applicant', code: 'required' }] });
}

type GuideMaterial = GuideSharedMaterial & { required: boolean };

/**
 * The case's materials from the submit. A required material on the item's 容缺 list may be left
 * out (the clerk accepts it as pending); a dishonest applicant (credit seam) gets neither that
 * nor 告知承诺.
 */
async function resolveMaterials(
  t: TxCtx,
  guideMaterials: GuideMaterial[],
  input: CaseSubmit['materials'],
  applicant: Applicant,
  caseNo: string,
  opts: { deferrable: string[]; dishonest: boolean; shared: Map<string, SharedMaterial> },
): Promise<CaseMaterial[]> {
  const errors: FieldError[] = [];
  input.forEach((m, i) => {
    if (!guideMaterials.some((g) => g.name === m.name)) errors.push({ field: `materials.${i}.name`, code: 'unknown_material' });
  });
  const wallet = await certificateRepo.byIdentifiers(
    t.tx,
    input.flatMap((m) => (m.certificateIdentifier ? [m.certificateIdentifier.toUpperCase()] : [])),
  );
  const uploads = input.flatMap((m) => m.fileIds);
  const moved = new Set(await reassignFiles(t, uploads, { kind: 'upload', id: t.actor.id ?? '-' }, { kind: 'case', id: caseNo }));
  const result = guideMaterials.map((g): CaseMaterial => {
    const i = input.findIndex((m) => m.name === g.name);
    const m = input[i];
    const base = { name: g.name, required: g.required, fileIds: [] as string[] };
    if (m?.fileIds.length) {
      m.fileIds.forEach((id, j) => {
        if (!moved.has(id)) errors.push({ field: `materials.${i}.fileIds.${j}`, code: 'not_found' });
      });
      return { ...base, provision: 'upload', fileIds: m.fileIds };
    }
    if (m?.certificateIdentifier) {
      const c = wallet.find((w) => w.identifier === m.certificateIdentifier!.toUpperCase());
      if (!c || c.status !== 'valid' || c.holderKind !== applicant.kind || c.holderId !== applicant.id)
        errors.push({ field: `materials.${i}.certificateIdentifier`, code: 'not_in_wallet' });
      return { ...base, provision: 'wallet', certificateIdentifier: m.certificateIdentifier.toUpperCase() };
    }
    if (m?.commitment) {
      if (g.source !== 'commitment') errors.push({ field: `materials.${i}.commitment`, code: 'commitment_not_allowed' });
      else if (opts.dishonest) errors.push({ field: `materials.${i}.commitment`, code: 'commitment_refused_credit' });
      return { ...base, provision: 'commitment' };
    }
    // Issued by the government: fetched through data sharing (before the transaction, shared-materials.ts), never asked of the applicant.
    const shared = opts.shared.get(g.name);
    if (shared) return sharedCaseMaterial(g, shared);
    if (g.source === 'government') return { ...base, provision: 'government' };
    if (g.required && !(opts.deferrable.includes(g.name) && !opts.dishonest))
      errors.push({ field: `materials.${i >= 0 ? i : guideMaterials.indexOf(g)}`, code: 'required' });
    return { ...base, provision: 'missing' };
  });
  if (errors.length) throw new AppError('cases.materials_missing', { fields: errors });
  return result;
}

/**
 * 办件编号: implementation code + yyyymmdd + the implementation's serial of that day, at least 4
 * digits (more after the 9,999th of a day; docs/decisions/0007-case-numbers.md).
 */
function caseNoOf(implementationCode: string, day: string, serial: number): string {
  return `${implementationCode}${day.replaceAll('-', '')}${String(serial).padStart(4, '0')}`;
}

/**
 * Submits a case: online by the signed-in applicant, or at a window by a clerk for a walk-in
 * applicant (`applicant` given). One transaction: case number, case row, audit event, notification.
 */
export async function submitCase(ctx: Ctx, input: CaseSubmit): Promise<CaseView> {
  await ctx.calendar.refresh();
  const code = input.implementationCode;
  // Reference data before the transaction: from the caches, which a transaction bypasses.
  const applicable = await getApplicableVersion(ctx, code);
  const [def, department, deferrable] = await Promise.all([
    workflowForNewCase(ctx, code),
    getDepartment(ctx, applicable.departmentId),
    deferrableMaterials(ctx, code),
  ]);
  // An item may require a level of assurance of the online applicant's account (at a window the clerk sees the person).
  // An agent acting for an enterprise needs an authorisation holding today for this item.
  if (!input.applicant) {
    await assertAgentMayApply(ctx, code);
    await assertAssuranceLevel(ctx, applicable.guide.requiredAssurance);
  }
  const now = ctx.now?.() ?? new Date();
  const today = shanghaiDate(now);
  // The number is taken outside the transaction (no row every submit waits on) and given back when the submit is refused.
  const serial = await takeSerial(ctx, code, today);
  const caseNo = caseNoOf(code, today, serial.value);
  // Materials from shared data: fetched in parallel before the transaction (none is open while providers answer).
  let shared = new Map<string, SharedMaterial>();
  try {
    shared = await fetchForSubmit(ctx, input, applicable.guide.materials, { departmentId: applicable.departmentId, caseNo, itemName: applicable.name });
    return await transact(ctx, (t) => fileCase(t, input, { applicable, def, department, deferrable, now, today, caseNo, shared }));
  } catch (e) {
    // Only a refusal of ours is known to have written nothing; after a database error the number may be in use.
    // A number shared data was read under stays used: the person's 数据使用记录 names it.
    if (e instanceof AppError && shared.size === 0) serial.release();
    throw e;
  }
}

interface Prepared {
  applicable: Awaited<ReturnType<typeof getApplicableVersion>>;
  def: Awaited<ReturnType<typeof workflowForNewCase>>;
  department: { name: string };
  deferrable: string[];
  now: Date;
  today: string;
  caseNo: string;
  shared: Map<string, SharedMaterial>;
}

/** The submit's transaction: the applicant, the checks, the case row, its audit event and the applicant's notification. */
async function fileCase(t: TxCtx, input: CaseSubmit, p: Prepared): Promise<CaseView> {
  const { applicable, def, department, deferrable, now, today, caseNo, shared } = p;
  const guide = applicable.guide;
  if (input.guideVersion !== undefined && input.guideVersion !== applicable.version)
    throw new AppError('cases.guide_changed', { extra: { guideVersion: applicable.version } });
  const { applicant, channel } = await resolveApplicant(t, input, applicable);
  if (channel === 'online' && !guide.doOnline && !guide.onlineDepth.includes(4)) throw new AppError('cases.not_online');
  const window = await filingWindow(t, input.windowId, channel, applicable.departmentId);
  const form = checkFormData(formOfGuide(guide).form, input.formData, applicant.facts);
  // Every bad field at once: the form's and the materials' (materials_missing if any material is wrong).
  const credit = await checkCredit(t, { kind: applicant.kind, id: applicant.id }, { caseNo, stage: 'submit' });
  const materials = await resolveMaterials(t, guide.materials, input.materials, applicant, caseNo, {
    // 容缺 of the honor list (credit measure deferral_allowed): any material the applicant provides.
    deferrable: deferrableWithCredit(
      credit,
      deferrable,
      guide.materials.filter((g) => g.source !== 'government').map((g) => g.name),
    ),
    dishonest: credit.dishonest,
    shared,
  }).catch((e: unknown) => {
    if (e instanceof AppError && form.errors.length) throw new AppError(e.code, { fields: [...form.errors, ...e.fields] });
    throw e;
  });
  if (form.errors.length) throw new AppError('cases.form_invalid', { fields: form.errors });
  const formData = form.value;
  const state = initialState(def, today);
  const base = { submittedOn: today, promisedDays: guide.promisedLimitDays, regionPath: applicable.regionPath };
  const row: NewCaseRow = {
    id: newId(),
    caseNo,
    implementationCode: input.implementationCode,
    implementationId: applicable.implementationId,
    itemName: applicable.name,
    guideVersion: applicable.version,
    departmentId: applicable.departmentId,
    departmentName: department.name,
    workflowCode: def.code,
    workflowVersion: def.version,
    applicantKind: applicant.kind,
    applicantId: applicant.id,
    applicantName: applicant.name,
    applicantCodeTail: applicant.codeTail,
    channel,
    filedBy: t.actor.id,
    windowId: window?.id ?? null,
    windowLabel: window?.label ?? null,
    formData,
    materials,
    deliveryPreference: input.delivery ?? null,
    resultName: guide.result.name,
    resultType: guide.result.type,
    submittedAt: now,
    statutoryDays: guide.statutoryLimitDays,
    // 绿色通道 (credit measure fast_lane): first in the to-do lists.
    fastLane: fastLaneOf(credit),
    ...base,
    // With the department: the open branches too (none unless the first step is a 会签), so every column is known
    // before the insert (caseRepo.insertDeferred).
    ...cacheOf(t, def, state, { ...base, departmentId: applicable.departmentId }, today),
    version: 0,
  };
  // An online submit ends the applicant's draft of the item, in the same statement.
  const draftOf = channel === 'online' ? { owner: { kind: applicant.kind, id: applicant.id }, implementationCode: input.implementationCode } : undefined;
  // An item whose fees are due before acceptance: the case waits for them (payment-wait.ts), which updates
  // the case in this transaction, so it is inserted at once. Any other: the case goes out with the audit
  // event and the notification in the transaction's last statement (nothing below reads it back).
  const inserted = guide.fees.length ? await caseRepo.insert(t.tx, row, draftOf) : await caseRepo.insertDeferred(t.tx, row, draftOf);
  t.audit({
    action: 'case.submit',
    objectType: 'case',
    objectId: caseNo,
    summary: {
      implementationCode: input.implementationCode,
      channel,
      applicantKind: applicant.kind,
      materials: materials.map((m) => m.provision),
      ...(shared.size
        ? { shared: [...shared].map(([name, s]) => ({ name, resource: s.resource, status: s.status, error: s.error, accessId: s.accessId })) }
        : {}),
    },
  });
  await notifyApplicant(t, applicant, 'cases.submitted', { caseNo, itemName: applicable.name, dueDate: row.dueDate });
  // A guide citing no fee: no payment rule to look up.
  const waiting = guide.fees.length ? await waitForPaymentIfDue(t, inserted) : null;
  // A new case has no log and no certificate yet.
  return waiting ?? present(t, inserted, [], def, null);
}
