import { asActor, onDomainEvent, transact, type TxCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { getLifeEvent } from '../catalog/index.ts';
import { submitCase } from './submit.ts';
import type { CaseSubmit } from './schemas.ts';
import { caseRepo } from './repository.ts';
import type { BundleAttachment } from './bundles-tables.ts';
import { bundleRepo, type BundleRow, type MemberRow } from './bundles-repository.ts';
import { arrangeDeliveryIfReady } from './bundles-delivery.ts';
import { notifyApplicant } from './notify.ts';

/**
 * How a 一件事 application moves (docs/life-events.md): a member that waits is filed when every
 * prerequisite's result is issued (`cases.case.result_issued`) or, for a prerequisite with no issue
 * step, when it concludes (`cases.case.ended`), with the results attached; a refusal stops the
 * members the bundle says; once every member has been issued or has ended the one delivery is
 * arranged (bundles-delivery.ts); the parent concludes when every member has ended.
 */

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

export const ENDED_MEMBER = ['concluded', 'refused', 'stopped', 'start_failed'];

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
    // A savepoint: a refused filing leaves the prerequisite's issue (or conclusion) standing.
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

/** Starts every waiting member whose prerequisites all have their result (issued, or concluded without an issue step). */
async function startReady(t: TxCtx, b: BundleRow, members: MemberRow[], today: string): Promise<string[]> {
  const done = new Set(members.filter((m) => m.status === 'concluded' || (m.status === 'filed' && m.issuedOn)).map((m) => m.memberKey));
  const started: string[] = [];
  for (const m of members)
    if (m.status === 'waiting' && m.dependsOn.every((d) => done.has(d))) {
      await startMember(t, b, m, members, today);
      started.push(m.memberKey);
    }
  return started;
}

/** The member's own result, attached once (at issue, or at its conclusion when it had no issue step). */
async function attachOwnResult(t: TxCtx, me: MemberRow, caseNo: string, certificateIdentifier?: string | null): Promise<void> {
  if (me.attached.some((a) => a.from === me.memberKey)) return;
  const row = await caseRepo.byNo(t.tx, caseNo);
  const cert = certificateIdentifier !== undefined ? certificateIdentifier : await bundleRepo.certificateOfCase(t.tx, caseNo);
  const result: BundleAttachment = { from: me.memberKey, caseNo, resultName: row!.resultName, certificateIdentifier: cert ?? null };
  me.attached = [...me.attached, result];
}

async function loadBundle(t: TxCtx, caseNo: string) {
  const hit = await bundleRepo.memberOfCase(t.tx, caseNo);
  if (!hit) return null;
  const b = (await bundleRepo.byId(t.tx, hit.bundleId, true))!;
  const members = await bundleRepo.members(t.tx, [b.id]);
  return { b, members, me: members.find((m) => m.memberKey === hit.memberKey)!, today: shanghaiDate(t.now?.() ?? new Date()) };
}

/**
 * A child's result was issued: recorded on its member with the result attached; the members that
 * waited only for results now issued start; the one delivery is arranged if every member is now
 * issued or ended (not for a child whose issue concludes it: its `cases.case.ended` follows).
 */
async function onResultIssued(t: TxCtx, e: { caseNo: string; certificateIdentifier: string | null; awaitsDelivery: boolean }): Promise<void> {
  const hit = await loadBundle(t, e.caseNo);
  if (!hit) return;
  const { b, members, me, today } = hit;
  await attachOwnResult(t, me, e.caseNo, e.certificateIdentifier);
  me.issuedOn = today;
  await bundleRepo.updateMember(t.tx, b.id, me.memberKey, { issuedOn: today, attached: me.attached });
  const started = await startReady(t, b, members, today);
  const delivery = e.awaitsDelivery ? await arrangeDeliveryIfReady(t, b, members, today) : null;
  await bundleRepo.update(t.tx, b.id, { version: b.version + 1, updatedAt: t.now?.() ?? new Date() });
  t.audit({
    action: 'case_bundle.member_issued',
    objectType: 'case_bundle',
    objectId: b.bundleNo,
    summary: { member: me.memberKey, caseNo: e.caseNo, certificate: e.certificateIdentifier, started, delivery },
  });
}

/**
 * A child ended (concluded, refused at acceptance or denied): record it on its member; a conclusion
 * starts the members that waited only for results now in, a refusal stops the members the bundle
 * says; the one delivery is arranged once every member is issued or ended; the parent concludes
 * when every member has ended (and the applicant is told once).
 */
async function onChildEnded(t: TxCtx, e: { caseNo: string; status: string }): Promise<void> {
  const hit = await loadBundle(t, e.caseNo);
  if (!hit) return;
  const { b, members, me, today } = hit;
  const set = (m: MemberRow, v: Partial<MemberRow>) => bundleRepo.updateMember(t.tx, b.id, m.memberKey, v);
  const stopped: string[] = [];
  let started: string[] = [];
  if (e.status === 'concluded') {
    await attachOwnResult(t, me, e.caseNo);
    me.status = 'concluded';
    await set(me, { status: 'concluded', endedOn: today, attached: me.attached });
    started = await startReady(t, b, members, today);
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
  const delivery = await arrangeDeliveryIfReady(t, b, members, today);
  const allEnded = members.every((m) => ENDED_MEMBER.includes(m.status));
  const status = !allEnded
    ? 'in_progress'
    : members.every((m) => m.status === 'concluded')
      ? 'concluded'
      : members.some((m) => m.status === 'concluded')
        ? 'partially_concluded'
        : 'refused';
  await bundleRepo.update(t.tx, b.id, { status, concludedOn: allEnded ? today : null, version: b.version + 1, updatedAt: t.now?.() ?? new Date() });
  t.audit({
    action: 'case_bundle.member_ended',
    objectType: 'case_bundle',
    objectId: b.bundleNo,
    summary: { member: me.memberKey, caseNo: e.caseNo, outcome: e.status, started, stopped, delivery, bundleStatus: status },
  });
  if (allEnded && b.status === 'in_progress')
    await notifyApplicant(t, { kind: b.applicantKind, id: b.applicantId }, 'cases.bundle_concluded', {
      bundleNo: b.bundleNo,
      name: b.name,
      status,
      concluded: members.filter((m) => m.status === 'concluded').length,
      members: members.length,
    });
}

export function subscribeBundleProgress(): void {
  onDomainEvent('cases.case.result_issued', onResultIssued);
  onDomainEvent('cases.case.ended', onChildEnded);
}
