import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { findFile, readStoredFile, storeFile } from '../../platform/files/index.ts';
import { AppError, registerErrors, type FieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/db/index.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { getLifeEvent, splitFormData, type LifeEventDocument } from '../catalog/index.ts';
import { submitCase } from './submit.ts';
import type { CaseSubmit } from './schemas.ts';
import { caseRepo } from './repository.ts';
import { takeSerial } from './serials.ts';
import type { caseBundleMembers } from './bundles-tables.ts';
import { bundleRepo } from './bundles-repository.ts';
import { checkDeliveryChoice, type ResultDeliveryChoice } from './bundles-delivery.ts';

/**
 * 一件事 applications (docs/life-events.md): one submit of a life-event bundle files a parent and, in
 * one transaction, a child case per member that waits for nothing, through the ordinary submit
 * (`submitCase`), in each member department's workbench. A member that waits for another's result
 * is filed when that result is issued, with the result attached (bundles-progress.ts); the results may
 * come in one delivery (bundles-delivery.ts).
 */

registerErrors({
  'cases.bundle_subject_mismatch': { status: 409, zh: '该“一件事”不适用于此类申请人', en: 'This life event is not for this kind of applicant' },
});

type MaterialInput = CaseSubmit['materials'][number];
export interface BundleSubmit {
  formData: Record<string, unknown>;
  materials: (Omit<MaterialInput, 'fileIds'> & { fileIds?: string[] })[];
  delivery?: CaseSubmit['delivery'];
  applicant?: CaseSubmit['applicant'];
  /** One delivery of every result (null/absent: each child is delivered on its own). */
  resultDelivery?: ResultDeliveryChoice;
}

/** A member's submit: its part of the combined form, and the combined materials under its own material names. */
function memberSubmit(
  doc: LifeEventDocument,
  key: string,
  perMember: Record<string, Record<string, unknown>>,
  input: BundleSubmit,
): Omit<CaseSubmit, 'applicant'> {
  const materials: MaterialInput[] = [];
  for (const entry of doc.materials) {
    if (!entry.asked) continue;
    const given = input.materials.find((m) => m.name === entry.name);
    if (!given) continue;
    for (const ref of entry.members) if (ref.member === key) materials.push({ ...given, fileIds: given.fileIds ?? [], name: ref.material });
  }
  const code = doc.members.find((m) => m.key === key)!.implementationCode;
  return { implementationCode: code, formData: perMember[key] ?? {}, materials, ...(input.delivery ? { delivery: input.delivery } : {}) };
}

/**
 * One upload given to several members (a material two members ask for, e.g. 场所使用证明): a case
 * takes its files over when filed (submit.ts), so every member after the first gets its own copy
 * of the file, still the uploader's until its own case is filed (at once, or when it starts).
 */
async function ownCopies(t: TxCtx, submit: Omit<CaseSubmit, 'applicant'>, given: Set<string>): Promise<Omit<CaseSubmit, 'applicant'>> {
  const materials: MaterialInput[] = [];
  for (const m of submit.materials) {
    const fileIds: string[] = [];
    for (const id of m.fileIds) {
      const file = given.has(id) ? await findFile(t.tx, id) : undefined;
      if (!file) {
        given.add(id);
        fileIds.push(id);
        continue;
      }
      const copy = await storeFile(t, {
        ownerKind: file.ownerKind,
        ownerId: file.ownerId,
        data: await readStoredFile(t, file),
        originalName: file.originalName ?? undefined,
      });
      fileIds.push(copy.id);
    }
    materials.push({ ...m, fileIds });
  }
  return { ...submit, materials };
}

/** A child's refusal in the combined form's terms: `formData.<member field>` → the combined field; materials by the combined name. */
function inCombinedTerms(doc: LifeEventDocument, key: string, e: AppError): AppError {
  const combinedOf = new Map<string, string>();
  for (const [combined, targets] of Object.entries(doc.fieldMap)) for (const x of targets) if (x.member === key) combinedOf.set(x.field, combined);
  const fields: FieldError[] = e.fields.map((f) => {
    const m = /^formData\.([^.]+)(.*)$/.exec(f.field);
    if (m && combinedOf.has(m[1]!)) return { ...f, field: `formData.${combinedOf.get(m[1]!)}${m[2]}` };
    return { ...f, field: `members.${key}.${f.field}` };
  });
  return new AppError(e.code, { fields, extra: { ...e.extra, member: key } });
}

/**
 * Submits a life-event bundle: online by the applicant, or at a window (一窗受理) by a clerk with
 * `applicant`. All or nothing: a refused child refuses the whole submit, with its fields in the
 * combined form's terms.
 */
export async function submitLifeEvent(ctx: Ctx, code: string, input: BundleSubmit) {
  await ctx.calendar.refresh();
  const doc = await getLifeEvent(ctx, code);
  if (ctx.actor.kind !== 'staff' && ctx.actor.kind !== 'system' && !doc.subjectTypes.includes(ctx.actor.kind as 'person' | 'entity'))
    throw new AppError('cases.bundle_subject_mismatch');
  const perMember = splitFormData(doc, input.formData);
  const now = ctx.now?.() ?? new Date();
  const today = shanghaiDate(now);
  const bundleNo = await transact(ctx, async (t) => {
    // One series for every bundle: YJS + yyyymmdd + the day's serial.
    const serial = await takeSerial(t, 'YJS', today);
    const no = `YJS${today.replaceAll('-', '')}${String(serial.value).padStart(5, '0')}`;
    const bundleId = newId();
    const rows: (typeof caseBundleMembers.$inferInsert)[] = [];
    let first: Awaited<ReturnType<typeof caseRepo.byNo>> | undefined;
    const given = new Set<string>();
    for (const [seq, m] of doc.members.entries()) {
      const submit = await ownCopies(t, memberSubmit(doc, m.key, perMember, input), given);
      const base = { bundleId, memberKey: m.key, seq, implementationCode: m.implementationCode, itemName: m.name, departmentName: m.departmentName };
      const deps = { dependsOn: m.dependsOn, onRefusedStop: m.onRefusedStop };
      if (m.dependsOn.length) {
        rows.push({ ...base, ...deps, status: 'waiting', pendingSubmit: submit });
        continue;
      }
      const view = await submitCase(t, { ...submit, ...(input.applicant ? { applicant: input.applicant } : {}) }).catch((e: unknown) => {
        throw e instanceof AppError ? inCombinedTerms(doc, m.key, e) : e;
      });
      first ??= await caseRepo.byNo(t.tx, view.caseNo);
      rows.push({ ...base, ...deps, status: 'filed', caseNo: view.caseNo, startedOn: today });
    }
    if (!first) throw new Error(`life event ${code} has no member that waits for nothing`);
    const choice = input.resultDelivery;
    if (choice) await checkDeliveryChoice(t, { applicantKind: first.applicantKind, applicantId: first.applicantId, channel: first.channel }, choice);
    const bundle = {
      id: bundleId,
      bundleNo: no,
      lifeEventCode: code,
      lifeEventVersion: doc.version,
      name: doc.name,
      applicantKind: first.applicantKind,
      applicantId: first.applicantId,
      applicantName: first.applicantName,
      channel: first.channel,
      filedBy: t.actor.id,
      regionPath: doc.regionPath,
      submittedAt: now,
      submittedOn: today,
      promisedDays: doc.promisedLimitDays,
      dueDate: t.calendar.addWorkingDays(today, doc.promisedLimitDays, doc.regionPath).date,
      deliveryMethod: choice?.method ?? null,
      deliveryAddressId: choice?.method === 'post' ? choice.addressId : null,
    };
    await bundleRepo.insert(t.tx, bundle, rows);
    t.audit({
      action: 'case_bundle.submit',
      objectType: 'case_bundle',
      objectId: no,
      summary: {
        lifeEvent: code,
        version: doc.version,
        filed: rows.filter((r) => r.status === 'filed').map((r) => r.caseNo),
        waiting: rows.filter((r) => r.status === 'waiting').map((r) => r.memberKey),
        resultDelivery: choice?.method ?? null,
      },
    });
    return no;
  });
  return bundleNo;
}
