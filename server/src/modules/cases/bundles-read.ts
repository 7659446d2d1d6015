import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { bundleRepo } from './bundles-repository.ts';
import { caseLight, mayRead } from './case-state.ts';
import { bundleDeliveryView } from './bundles-delivery.ts';

/** The parent of a 一件事 application as the applicant follows it: every child, one timeline, the parent's deadline and light. */
export const BundleView = z.object({
  bundleNo: z.string(),
  lifeEventCode: z.string(),
  lifeEventVersion: z.number().int(),
  name: z.string(),
  applicantName: z.string(),
  channel: z.enum(['online', 'window']),
  status: z.enum(['in_progress', 'concluded', 'partially_concluded', 'refused']),
  submittedAt: z.string(),
  submittedOn: z.string(),
  promisedDays: z.number().int(),
  dueDate: z.string().describe('the bundle’s promised limit in working days from submission (platform calendar)'),
  light: z.enum(['green', 'yellow', 'red']).nullable(),
  concludedOn: z.string().nullable(),
  members: z.array(
    z.object({
      key: z.string(),
      itemName: z.string(),
      departmentName: z.string(),
      dependsOn: z.array(z.string()),
      status: z.enum(['waiting', 'filed', 'concluded', 'refused', 'stopped', 'start_failed']),
      note: z.string().nullable(),
      caseNo: z.string().nullable(),
      caseStatus: z.string().nullable(),
      dueDate: z.string().nullable().describe('the child’s own deadline (its item’s promised limit from its start)'),
      light: z.enum(['green', 'yellow', 'red']).nullable(),
      startedOn: z.string().nullable(),
      issuedOn: z.string().nullable().describe('when its result was issued'),
      endedOn: z.string().nullable(),
      attached: z.array(z.object({ from: z.string(), caseNo: z.string(), resultName: z.string(), certificateIdentifier: z.string().nullable() })),
    }),
  ),
  timeline: z.array(z.object({ member: z.string(), caseNo: z.string(), action: z.string(), actorName: z.string(), occurredAt: z.string() })),
  delivery: z
    .object({
      method: z.enum(['post', 'pickup']),
      resultsReadyOn: z.string().nullable().describe('when every member had been issued or had ended'),
      note: z.string().nullable().describe('nothing_to_deliver; address_missing (choose again)'),
      pickupCode: z.string().nullable().describe('the applicant only, until the results are picked up'),
      order: z
        .object({
          id: z.string(),
          method: z.enum(['post', 'pickup']),
          status: z.string(),
          carrier: z.string().nullable(),
          trackingNumber: z.string().nullable(),
          recipientName: z.string().nullable().describe('masked'),
          address: z.string().nullable().describe('masked'),
          pickupPlace: z.string().nullable(),
          signedAt: z.string().nullable(),
          contents: z.array(z.object({ caseNo: z.string(), itemName: z.string(), resultName: z.string(), certificateIdentifier: z.string().nullable() })),
        })
        .nullable()
        .describe('the one result order, once every member has been issued or has ended'),
    })
    .nullable()
    .describe('one delivery of every result, when the applicant asked for it (null: each child is delivered on its own)'),
});
export type BundleView = z.infer<typeof BundleView>;

/** One application; 404 unless the actor is its applicant, its filer, or may read one of its children. */
export async function getBundle(ctx: Ctx, bundleNo: string): Promise<BundleView> {
  const db = ctx.database.db;
  const b = await bundleRepo.byNo(db, bundleNo);
  if (!b) throw notFound('life event application', bundleNo);
  const members = await bundleRepo.members(db, [b.id]);
  const children = await bundleRepo.cases(
    db,
    members.flatMap((m) => (m.caseNo ? [m.caseNo] : [])),
  );
  const a = ctx.actor;
  const isApplicant = (a.kind === 'person' || a.kind === 'entity') && a.kind === b.applicantKind && a.subjectId === b.applicantId;
  if (!isApplicant && !(a.id && a.id === b.filedBy) && !children.some((c) => mayRead(a, c))) throw notFound('life event application', bundleNo);
  const log = await bundleRepo.actions(
    db,
    children.map((c) => c.id),
  );
  const today = ctx.calendar.today();
  const byNo = new Map(children.map((c) => [c.caseNo, c]));
  const byId = new Map(children.map((c) => [c.id, c]));
  const memberOf = new Map(members.map((m) => [m.caseNo, m.memberKey]));
  return {
    bundleNo: b.bundleNo,
    lifeEventCode: b.lifeEventCode,
    lifeEventVersion: b.lifeEventVersion,
    name: b.name,
    applicantName: b.applicantName,
    channel: b.channel,
    status: b.status,
    submittedAt: b.submittedAt.toISOString(),
    submittedOn: b.submittedOn,
    promisedDays: b.promisedDays,
    dueDate: b.dueDate,
    light:
      b.status === 'in_progress'
        ? caseLight(ctx, { status: 'accepted', paused: false, light: null, dueDate: b.dueDate, regionPath: b.regionPath }, today)
        : null,
    concludedOn: b.concludedOn,
    members: members.map((m) => {
      const c = m.caseNo ? byNo.get(m.caseNo) : undefined;
      return {
        key: m.memberKey,
        itemName: m.itemName,
        departmentName: m.departmentName,
        dependsOn: m.dependsOn,
        status: m.status,
        note: m.note,
        caseNo: m.caseNo,
        caseStatus: c?.status ?? null,
        dueDate: c?.dueDate ?? null,
        light: c ? caseLight(ctx, c, today) : null,
        startedOn: m.startedOn,
        issuedOn: m.issuedOn,
        endedOn: m.endedOn,
        attached: m.attached,
      };
    }),
    timeline: log.map((x) => {
      const c = byId.get(x.caseId)!;
      return { member: memberOf.get(c.caseNo) ?? '', caseNo: c.caseNo, action: x.action, actorName: x.actorName, occurredAt: x.occurredAt.toISOString() };
    }),
    delivery: await bundleDeliveryView(ctx, b, isApplicant),
  };
}

/** The signed-in applicant's 一件事 applications, newest first. */
export async function listMyBundles(ctx: Ctx) {
  const a = ctx.actor;
  if ((a.kind !== 'person' && a.kind !== 'entity') || !a.subjectId) return [];
  const rows = await bundleRepo.ofApplicant(ctx.database.db, a.kind, a.subjectId, 100);
  return rows.map((b) => ({
    bundleNo: b.bundleNo,
    lifeEventCode: b.lifeEventCode,
    name: b.name,
    status: b.status,
    submittedOn: b.submittedOn,
    dueDate: b.dueDate,
  }));
}
