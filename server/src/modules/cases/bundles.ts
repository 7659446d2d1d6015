import { asActor, onDomainEvent, transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, registerErrors, type FieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/db/index.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { getLifeEvent, splitFormData, type LifeEventDocument } from '../catalog/index.ts';
import { submitCase } from './submit.ts';
import type { CaseSubmit } from './schemas.ts';
import { caseRepo } from './repository.ts';
import { takeSerial } from './serials.ts';
import type { caseBundleMembers } from './bundles-tables.ts';
import type { BundleAttachment } from './bundles-tables.ts';
import { bundleRepo, type BundleRow, type MemberRow } from './bundles-repository.ts';

/**
 * 一件事 applications (docs/life-events.md): one submit of a life-event bundle files a parent and, in
 * one transaction, a child case per member that waits for nothing, through the ordinary submit
 * (`submitCase`), in each member department's workbench. A member that waits for another's result
 * is filed when that result is issued (the `cases.case.ended` event), with the result attached.
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
    for (const [seq, m] of doc.members.entries()) {
      const submit = memberSubmit(doc, m.key, perMember, input);
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
      },
    });
    return no;
  });
  return bundleNo;
}

/** The members a refusal of `key` stops: those it names, and every member waiting (directly or not) for it. */
function stoppedBy(members: MemberRow[], key: string): Set<string> {
  const out = new Set(members.find((m) => m.memberKey === key)?.onRefusedStop ?? []);
  const queue = [key, ...out];
  while (queue.length) {
    const k = queue.shift()!;
    for (const m of members) if (m.dependsOn.includes(k) && !out.has(m.memberKey)) (out.add(m.memberKey), queue.push(m.memberKey));
  }
  return out;
}

/** The applicant, acting through the bundle: a dependent child is filed as they would file it online. */
function applicantActor(b: BundleRow): Actor {
  return {
    id: b.channel === 'online' ? b.filedBy : null,
    kind: b.applicantKind,
    name: `${b.applicantName}（一件事联办）`,
    grants: [],
    subjectId: b.applicantId,
  };
}

const ENDED_MEMBER = ['concluded', 'refused', 'stopped', 'start_failed'];

/** Starts a waiting member: files its child case with its prerequisites' results attached; a refusal is recorded on the member, not thrown. */
async function startMember(t: TxCtx, b: BundleRow, m: MemberRow, members: MemberRow[], today: string): Promise<void> {
  const attached = members.filter((x) => m.dependsOn.includes(x.memberKey)).flatMap((x) => x.attached.filter((a) => a.from === x.memberKey));
  const doc = await getLifeEvent(t, b.lifeEventCode, b.lifeEventVersion);
  const fromResults = doc.materialsFromResults.filter((r) => r.member === m.memberKey);
  const submit = m.pendingSubmit as Omit<CaseSubmit, 'applicant'>;
  const materials = [
    ...submit.materials,
    ...fromResults.flatMap((r) => {
      const a = attached.find((x) => x.from === r.from);
      return a?.certificateIdentifier ? [{ name: r.material, fileIds: [], certificateIdentifier: a.certificateIdentifier }] : [];
    }),
  ];
  try {
    // A savepoint: a refused filing leaves the prerequisite's conclusion standing.
    const view = await transact(asActor(t, applicantActor(b)), (s) => submitCase(s, { ...submit, materials }));
    await bundleRepo.updateMember(t.tx, b.id, m.memberKey, { status: 'filed', caseNo: view.caseNo, startedOn: today, attached, pendingSubmit: null });
    m.status = 'filed';
    m.caseNo = view.caseNo;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    await bundleRepo.updateMember(t.tx, b.id, m.memberKey, { status: 'start_failed', endedOn: today, attached, note: e.code });
    m.status = 'start_failed';
  }
}

/**
 * A child ended (concluded, refused at acceptance or denied): record it on its member; a conclusion
 * starts the members that waited only for results now issued, a refusal stops the members the
 * bundle says; the parent concludes when every member has ended.
 */
async function onChildEnded(t: TxCtx, e: { caseNo: string; status: string }): Promise<void> {
  const hit = await bundleRepo.memberOfCase(t.tx, e.caseNo);
  if (!hit) return;
  const b = await bundleRepo.byId(t.tx, hit.bundleId);
  const members = await bundleRepo.members(t.tx, [b!.id]);
  const me = members.find((m) => m.memberKey === hit.memberKey)!;
  const today = shanghaiDate(t.now?.() ?? new Date());
  const set = (m: MemberRow, v: Partial<MemberRow>) => bundleRepo.updateMember(t.tx, b!.id, m.memberKey, v);
  const stopped: string[] = [];
  const started: string[] = [];
  if (e.status === 'concluded') {
    const row = await caseRepo.byNo(t.tx, e.caseNo);
    const cert = await bundleRepo.certificateOfCase(t.tx, e.caseNo);
    const result: BundleAttachment = { from: me.memberKey, caseNo: e.caseNo, resultName: row!.resultName, certificateIdentifier: cert ?? null };
    me.status = 'concluded';
    me.attached = [...me.attached, result];
    await set(me, { status: 'concluded', endedOn: today, attached: me.attached });
    const concluded = new Set(members.filter((m) => m.status === 'concluded').map((m) => m.memberKey));
    for (const m of members)
      if (m.status === 'waiting' && m.dependsOn.every((d) => concluded.has(d))) {
        await startMember(t, b!, m, members, today);
        started.push(m.memberKey);
      }
  } else {
    me.status = 'refused';
    await set(me, { status: 'refused', endedOn: today, note: e.status });
    for (const k of stoppedBy(members, me.memberKey)) {
      const m = members.find((x) => x.memberKey === k)!;
      // A child already filed continues in its department (recorded, not withdrawn); one not started stops.
      if (m.status === 'waiting') {
        m.status = 'stopped';
        await set(m, { status: 'stopped', endedOn: today, note: `refused:${me.memberKey}`, pendingSubmit: null });
        stopped.push(k);
      } else if (m.status === 'filed') await set(m, { note: `stop_requested:${me.memberKey}` });
    }
  }
  const allEnded = members.every((m) => ENDED_MEMBER.includes(m.status));
  const status = !allEnded
    ? 'in_progress'
    : members.every((m) => m.status === 'concluded')
      ? 'concluded'
      : members.some((m) => m.status === 'concluded')
        ? 'partially_concluded'
        : 'refused';
  await bundleRepo.update(t.tx, b!.id, { status, concludedOn: allEnded ? today : null, version: b!.version + 1, updatedAt: t.now?.() ?? new Date() });
  t.audit({
    action: 'case_bundle.member_ended',
    objectType: 'case_bundle',
    objectId: b!.bundleNo,
    summary: { member: me.memberKey, caseNo: e.caseNo, outcome: e.status, started, stopped, bundleStatus: status },
  });
}

onDomainEvent('cases.case.ended', onChildEnded);
