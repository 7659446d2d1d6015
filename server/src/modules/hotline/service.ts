import { randomInt } from 'node:crypto';
import { and, asc, count, desc, eq, gte, inArray, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/db/index.ts';
import { pageOf, offsetOf } from '../../platform/db/paging.ts';
import { blindIndex, openPersonal, randomToken, sealPersonal, sm3 } from '../../platform/crypto/index.ts';
import { shanghaiDate, addCalendarDays } from '../../platform/calendar/engine.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { getDepartment } from '../org/index.ts';
import { contactPhoneOf } from '../identity/index.ts';
import { hotlinePermissions as P, canOnTicket, isCenter, scopes } from './policy.ts';
import { categoryRepo, ticketRepo, ticketScopeSql, type CategoryRow, type EventRow, type TicketInsert, type TicketRow } from './repository.ts';
import { centerUnit, canDispatchTo, resolvePlace, suggestTarget, unitFor, districtUnit, type Place } from './routing.ts';
import { addWorkingMinutes, conclusionDue, limitFor, WORKING_DAY_MINUTES } from './limits.ts';
import { hotlineTicketEvents, hotlineTickets, type TicketUnit } from './tables.ts';
import { allowedActions, nextStatus, openStatuses, type TicketAction, type TicketStatus } from './workflow.ts';
import { attachPhotos, ticketPhoto } from './photos.ts';
import type { DispatchBody, FollowUpBody, PublicTicketCreate, TicketCreate, TicketListQuery } from './schemas.ts';

/** Days within which a ticket of the same category and street is offered as a duplicate. */
export const DUPLICATE_WINDOW_DAYS = 7;

export function maskPhone(p: string): string {
  return p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : '****';
}
export function maskName(n: string): string {
  const chars = [...n];
  return chars.length <= 1 ? '*' : chars.length === 2 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

export function ticketNumber(now: Date): string {
  return `RX${shanghaiDate(now).replaceAll('-', '')}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

const unitOf = (t: TicketRow): TicketUnit => ({
  departmentId: t.unitDepartmentId,
  regionCode: t.unitRegionCode,
  regionPath: t.unitRegionPath,
  level: t.unitLevel,
  name: t.unitName,
});
const unitColumns = (u: TicketUnit) => ({
  unitDepartmentId: u.departmentId,
  unitRegionCode: u.regionCode,
  unitRegionPath: u.regionPath,
  unitLevel: u.level,
  unitName: u.name,
});
const centerOf = (t: TicketRow): TicketUnit => t.unitChain[0] ?? unitOf(t);
const placeOf = (t: TicketRow): Place => ({ regionCode: t.regionCode, regionPath: t.regionPath, districtCode: t.districtCode, streetCode: t.streetCode });

/** Reporter privacy: reports and confidential tickets never carry the caller in general views. */
export function hidesCaller(t: Pick<TicketRow, 'kind' | 'confidential'>): boolean {
  return t.kind === 'report' || t.confidential;
}

async function categoriesById(ctx: Ctx) {
  return new Map((await categoryRepo.all(ctx.database.db)).map((c) => [c.id, c]));
}

export function presentTicket(ctx: Ctx, t: TicketRow, categories: Map<string, CategoryRow>) {
  return {
    id: t.id,
    number: t.number,
    channel: t.channel,
    kind: t.kind,
    urgency: t.urgency,
    categoryId: t.categoryId,
    categoryName: t.categoryId ? (categories.get(t.categoryId)?.name ?? null) : null,
    title: t.title,
    text: t.text,
    address: t.address,
    lng: t.lng,
    lat: t.lat,
    regionCode: t.regionCode,
    districtCode: t.districtCode,
    streetCode: t.streetCode,
    caller: hidesCaller(t) ? null : { phoneMasked: t.callerPhoneMasked, nameMasked: t.callerNameMasked },
    confidential: t.confidential || t.kind === 'report',
    publicConsent: t.publicConsent && !hidesCaller(t),
    publicText: t.publicText,
    status: t.status,
    unit: unitOf(t),
    signDueAt: t.signDueAt?.toISOString() ?? null,
    signedAt: t.signedAt?.toISOString() ?? null,
    dueDate: t.dueDate,
    dueEstimated: t.dueEstimated,
    dueAt: t.dueAt?.toISOString() ?? null,
    timeState: t.timeState,
    urgeCount: t.urgeCount,
    returnCount: t.returnCount,
    extensionCount: t.extensionCount,
    reopenCount: t.reopenCount,
    solved: t.solved,
    satisfaction: t.satisfaction,
    referredTo: t.referredTo,
    mergedInto: t.mergedInto,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    version: t.version,
    allowedActions: allowedActions(t.status).filter((a) => mayAct(ctx, t, a)),
  };
}

/** Who acts for an action: the center (scope = the center unit) or the unit holding the ticket. */
const centerActions: Partial<Record<TicketAction, string>> = {
  answer: P.dispatch,
  refer: P.dispatch,
  merge: P.dispatch,
  review_pass: P.review,
  send_back: P.review,
  approve_extension: P.review,
  reject_extension: P.review,
  follow_up: P.followUp,
  reopen: P.followUp,
  urge: P.urge,
  escalate: P.urge,
};
const unitActions: Partial<Record<TicketAction, string>> = {
  dispatch: P.dispatch,
  sign: P.handle,
  return: P.handle,
  request_extension: P.handle,
  reply: P.handle,
};

/** Conditions beyond the status: reopen once, only when unsatisfied or unsolved; return needs a unit to go back to. */
export function reopenable(
  t: Pick<TicketRow, 'reopenCount' | 'directAnswer' | 'solved' | 'satisfaction'>,
): 'ok' | 'hotline.reopen_limit' | 'hotline.reopen_not_unsatisfied' {
  if (t.reopenCount >= 1) return 'hotline.reopen_limit';
  if (t.directAnswer || !(t.solved === false || (t.satisfaction !== null && t.satisfaction <= 2))) return 'hotline.reopen_not_unsatisfied';
  return 'ok';
}

function mayAct(ctx: Ctx, t: TicketRow, action: TicketAction): boolean {
  if (action === 'reopen' && reopenable(t) !== 'ok') return false;
  if (action === 'return' && t.unitChain.length === 0) return false;
  if (action === 'escalate') return false; // the urging job escalates, not a person
  const center = centerOf(t);
  if (action === 'dispatch' && t.unitLevel === 'center')
    return canOnTicket(ctx.actor, P.dispatch, { unitRegionPath: center.regionPath, unitDepartmentId: center.departmentId });
  if (action === 'sign' && t.unitLevel === 'center') return false;
  const c = centerActions[action];
  if (c)
    return action === 'urge'
      ? canOnTicket(ctx.actor, c, t)
      : canOnTicket(ctx.actor, c, { unitRegionPath: center.regionPath, unitDepartmentId: center.departmentId });
  const u = unitActions[action];
  return u ? canOnTicket(ctx.actor, u, t) : false;
}

function assertMayAct(ctx: Ctx, t: TicketRow, action: TicketAction) {
  nextStatus(t.status, action);
  if (action === 'reopen' && reopenable(t) !== 'ok') throw new AppError(reopenable(t));
  if (action === 'return' && t.unitChain.length === 0)
    throw new AppError('workflow.action_not_allowed', {
      detail: 'nothing to return to',
      extra: { currentStatus: t.status, action, allowed: allowedActions(t.status).filter((a) => mayAct(ctx, t, a)) },
    });
  if (!mayAct(ctx, t, action)) throw new AppError('auth.out_of_scope', { extra: { action } });
}

/** May the reader see the ticket: its holding unit is in scope, the reader is the center, or a unit that dispatched it further down. */
function readable(ctx: Ctx, t: TicketRow): boolean {
  if (canOnTicket(ctx.actor, P.read, t)) return true;
  const center = centerOf(t);
  if (canOnTicket(ctx.actor, P.read, { unitRegionPath: center.regionPath, unitDepartmentId: center.departmentId }) && isCenter(ctx.actor)) return true;
  // A unit that dispatched the ticket further down keeps seeing it.
  return t.unitChain.some((u) => canOnTicket(ctx.actor, P.read, { unitRegionPath: u.regionPath, unitDepartmentId: u.departmentId }) && u.level !== 'center');
}

function assertReadable(ctx: Ctx, t: TicketRow) {
  if (!readable(ctx, t)) throw new AppError('auth.out_of_scope', { extra: { permission: P.read } });
}

// ---------- intake ----------

type IntakeInput = Omit<z.infer<typeof PublicTicketCreate>, 'callerPhone' | 'photos'> & {
  callerPhone?: string | null;
  photos?: string[];
  mediaUrl?: string | null;
};

interface IntakeOptions {
  personId?: string | null;
  apiKeyId?: string | null;
  /** For the audit event of an Open311 intake: which key filed it. */
  apiKeyPrefix?: string;
}

/** One intake for every channel: phone (operator), web (portal) and open311. */
export async function intake(ctx: Ctx, channel: TicketRow['channel'], input: IntakeInput, opts: IntakeOptions = {}) {
  await ctx.calendar.refresh();
  return transact(ctx, (t) => intakeIn(t, channel, input, opts));
}

/** The intake inside the caller's transaction (Open311 also records the key's use in it); refresh the calendar before. */
export async function intakeIn(t: TxCtx, channel: TicketRow['channel'], input: IntakeInput, opts: IntakeOptions = {}) {
  {
    const now = t.now?.() ?? new Date();
    const category = input.categoryId ? await categoryRepo.find(t.tx, input.categoryId) : undefined;
    if (input.categoryId && !category) throw new AppError('request.invalid', { fields: [{ field: 'categoryId', code: 'not_found' }] });
    if (category && !category.active) throw new AppError('request.invalid', { fields: [{ field: 'categoryId', code: 'inactive' }] });
    const place = await resolvePlace(t, input);
    const center = await centerUnit(t);
    const due = conclusionDue(t.calendar, now, await limitFor(t.tx, input.kind, input.urgency), place.regionPath, category?.limitDays);
    const key = t.config.secrets.dataKey;
    const id = newId();
    const notAccepted = category?.notAccepted ?? false;
    const row: TicketInsert = {
      id,
      number: ticketNumber(now),
      channel,
      kind: input.kind,
      urgency: input.urgency,
      categoryId: category?.id ?? null,
      title: input.title || [...input.text].slice(0, 30).join(''),
      text: input.text,
      address: input.address,
      lng: input.lng ?? null,
      lat: input.lat ?? null,
      ...place,
      callerPhoneSealed: input.callerPhone ? sealPersonal(key, input.callerPhone) : null,
      callerPhoneMasked: input.callerPhone ? maskPhone(input.callerPhone) : null,
      callerPhoneIndex: input.callerPhone ? blindIndex(key, input.callerPhone) : null,
      callerNameSealed: input.callerName ? sealPersonal(key, input.callerName) : null,
      callerNameMasked: input.callerName ? maskName(input.callerName) : null,
      personId: opts.personId ?? null,
      confidential: input.confidential || input.kind === 'report',
      // Reports and confidential requests are never published, whatever the caller ticked.
      publicConsent: (input.publicConsent ?? false) && !input.confidential && input.kind !== 'report',
      status: notAccepted ? 'referred' : 'new',
      referredTo: notAccepted ? (category?.referTo ?? '相关机关') : null,
      ...unitColumns(center),
      dueDate: notAccepted ? null : due.date,
      dueEstimated: notAccepted ? false : due.estimated,
      dueAt: notAccepted ? null : due.at,
      token: randomToken(12),
      apiKeyId: opts.apiKeyId ?? null,
      mediaUrl: input.mediaUrl ?? null,
      intakeDate: shanghaiDate(now),
      createdBy: t.actor.id,
      closedAt: notAccepted ? now : null,
    };
    await ticketRepo.insert(t.tx, [row]);
    await ticketRepo.insertEvents(t.tx, [
      event(t, id, 'intake', null, 'new', { unit: center, photos: await attachPhotos(t, id, input.photos ?? []), data: { channel } }),
      ...(notAccepted
        ? [event(t, id, 'refer', 'new', 'referred', { unit: center, text: `不属于热线受理范围，转 ${row.referredTo}`, data: { automatic: true } })]
        : []),
    ]);
    t.audit({
      action: 'hotline.ticket.create',
      objectType: 'hotline_ticket',
      objectId: id,
      summary: {
        number: row.number,
        channel,
        kind: row.kind,
        category: category?.code ?? null,
        region: place.regionCode,
        caller: row.callerPhoneMasked,
        publicConsent: row.publicConsent,
        ...(opts.apiKeyPrefix ? { apiKey: opts.apiKeyPrefix } : {}),
      },
    });
    const duplicates = await findDuplicates(t, (await ticketRepo.find(t.tx, id))!);
    return { id, duplicates };
  }
}

const isStaffish = (t: Ctx) => t.actor.kind === 'staff' || t.actor.kind === 'system';

function event(
  t: TxCtx,
  ticketId: string,
  action: string,
  from: TicketStatus | null,
  to: TicketStatus | null,
  o: { unit?: TicketUnit; text?: string | null; photos?: string[]; data?: Record<string, unknown> } = {},
) {
  return {
    id: newId(),
    ticketId,
    action,
    fromStatus: from,
    toStatus: to,
    // Callers (people, enterprises, anonymous, 311 apps) are never named on the ticket's history.
    actorId: isStaffish(t) ? t.actor.id : null,
    actorName: isStaffish(t) ? t.actor.name : '来电人',
    unitDepartmentId: o.unit?.departmentId ?? null,
    unitRegionCode: o.unit?.regionCode ?? null,
    unitName: o.unit?.name ?? null,
    text: o.text ?? null,
    photos: o.photos ?? [],
    data: o.data ?? {},
  };
}

export async function createByOperator(ctx: Ctx, input: TicketCreate) {
  const { id, duplicates } = await intake(ctx, 'phone', input);
  return { ticket: await getTicket(ctx, id), duplicates };
}

export async function createFromPortal(ctx: Ctx, input: z.infer<typeof PublicTicketCreate>) {
  const personId = ctx.actor.kind === 'person' ? (ctx.actor.subjectId ?? null) : null;
  if (!personId && !input.callerPhone) throw new AppError('hotline.caller_required', { fields: [{ field: 'callerPhone', code: 'required' }] });
  // A signed-in person's contact phone is used for the follow-up SMS when none is given.
  const callerPhone = input.callerPhone ?? (personId ? ((await contactPhoneOf(ctx, personId)) ?? null) : null);
  const { id, duplicates } = await intake(ctx, 'web', { ...input, callerPhone }, { personId });
  const row = (await ticketRepo.find(ctx.database.db, id))!;
  return { id, number: row.number, token: row.token, status: row.status, dueDate: row.dueDate, duplicates: duplicates.length };
}

async function findDuplicates(ctx: Ctx, t: TicketRow) {
  if (!t.categoryId || !t.streetCode) return [];
  const since = addCalendarDays(t.intakeDate, -DUPLICATE_WINDOW_DAYS);
  const rows = await ctx.database.db
    .select()
    .from(hotlineTickets)
    .where(
      and(
        eq(hotlineTickets.categoryId, t.categoryId),
        eq(hotlineTickets.streetCode, t.streetCode),
        gte(hotlineTickets.intakeDate, since),
        ne(hotlineTickets.id, t.id),
        inArray(hotlineTickets.status, ['new', 'dispatched', 'returned', 'signed', 'extension_requested', 'replied']),
      ),
    )
    .orderBy(desc(hotlineTickets.createdAt))
    .limit(10);
  return rows.map((r) => ({ id: r.id, number: r.number, title: r.title, status: r.status, createdAt: r.createdAt.toISOString() }));
}

export async function duplicatesOf(ctx: Ctx, id: string) {
  const t = await loadReadable(ctx, id);
  return findDuplicates(ctx, t);
}

// ---------- reading ----------

async function loadReadable(ctx: Ctx, id: string) {
  const t = await ticketRepo.find(ctx.database.db, id);
  if (!t) throw notFound('hotline_ticket', id);
  assertReadable(ctx, t);
  return t;
}

export async function getTicket(ctx: Ctx, id: string, opts: { acted?: boolean } = {}) {
  const t = opts.acted ? await ticketRepo.find(ctx.database.db, id) : await loadReadable(ctx, id);
  if (!t) throw notFound('hotline_ticket', id);
  const [events, categories, children] = await Promise.all([
    ticketRepo.events(ctx.database.db, id),
    categoriesById(ctx),
    ticketRepo.mergedChildren(ctx.database.db, id),
  ]);
  const suggested =
    t.status === 'new' || t.status === 'dispatched' || t.status === 'returned' || t.status === 'signed'
      ? await suggestTarget(ctx, unitOf(t), placeOf(t), t.categoryId ? categories.get(t.categoryId) : undefined)
      : undefined;
  return {
    ...presentTicket(ctx, t, categories),
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorName: e.actorName,
      unitName: e.unitName,
      text: e.text,
      photos: e.photos,
      data: e.data,
      createdAt: e.createdAt.toISOString(),
    })),
    suggestedTarget: suggested ?? null,
    mergedTickets: children.map((c) => ({ id: c.id, number: c.number })),
  };
}

export async function listTickets(ctx: Ctx, q: z.infer<typeof TicketListQuery>) {
  const { all, scopes: s } = scopes(ctx.actor, P.read);
  const mine = q.mine && ctx.actor.departmentId ? eq(hotlineTickets.unitDepartmentId, ctx.actor.departmentId) : undefined;
  const where = and(
    ticketScopeSql(all, s),
    q.status ? eq(hotlineTickets.status, q.status) : undefined,
    q.kind ? eq(hotlineTickets.kind, q.kind) : undefined,
    q.timeState ? eq(hotlineTickets.timeState, q.timeState) : undefined,
    q.q ? eq(hotlineTickets.number, q.q) : undefined,
    mine,
  );
  const db = ctx.database.db;
  const [rows, [total], categories] = await Promise.all([
    db.select().from(hotlineTickets).where(where).orderBy(desc(hotlineTickets.createdAt)).limit(q.pageSize).offset(offsetOf(q)),
    db.select({ n: count() }).from(hotlineTickets).where(where),
    categoriesById(ctx),
  ]);
  return pageOf(
    rows.map((r) => presentTicket(ctx, r, categories)),
    total?.n ?? 0,
    q,
  );
}

/** The signed-in person's own tickets (portal "my requests"). */
export async function myTickets(ctx: Ctx, q: { page: number; pageSize: number }) {
  const personId = ctx.actor.kind === 'person' ? ctx.actor.subjectId : undefined;
  if (!personId) return pageOf([], 0, q);
  const where = eq(hotlineTickets.personId, personId);
  const db = ctx.database.db;
  const [rows, [total], categories] = await Promise.all([
    db.select().from(hotlineTickets).where(where).orderBy(desc(hotlineTickets.createdAt)).limit(q.pageSize).offset(offsetOf(q)),
    db.select({ n: count() }).from(hotlineTickets).where(where),
    categoriesById(ctx),
  ]);
  const events = rows.length
    ? await db
        .select()
        .from(hotlineTicketEvents)
        .where(
          inArray(
            hotlineTicketEvents.ticketId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(hotlineTicketEvents.createdAt), asc(hotlineTicketEvents.id))
    : [];
  return pageOf(
    rows.map((r) => {
      const view = callerView(
        r,
        events.filter((e) => e.ticketId === r.id),
      );
      return {
        id: r.id,
        number: r.number,
        token: r.token,
        kind: r.kind,
        categoryName: r.categoryId ? (categories.get(r.categoryId)?.name ?? null) : null,
        title: r.title,
        status: r.status,
        dueDate: r.dueDate,
        dueAt: r.dueAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
        solved: r.solved,
        satisfaction: r.satisfaction,
        ...view,
      };
    }),
    total?.n ?? 0,
    q,
  );
}

/**
 * What the caller sees of the history: the photos they sent with the request, and once the center has
 * passed it, the answer (the reply that was passed, or the direct answer; for a merged ticket the answer
 * of the ticket it was merged into) with its photos. Replies sent back and internal notes are not shown.
 */
export function callerView(ticket: Pick<TicketRow, 'status' | 'referredTo'>, events: Pick<EventRow, 'action' | 'text' | 'photos' | 'data' | 'createdAt'>[]) {
  const requestPhotos = events.find((e) => e.action === 'intake')?.photos ?? [];
  let answer: { text: string | null; photos: string[]; at: string } | null = null;
  if ((ticket.status === 'concluded' || ticket.status === 'closed') && !ticket.referredTo) {
    const last = events.filter((e) => e.action === 'reply' || e.action === 'answer' || (e.action === 'review_pass' && e.data.mergedAnswer)).at(-1);
    if (last) answer = { text: last.text, photos: last.photos, at: last.createdAt.toISOString() };
  }
  return { requestPhotos, answer };
}

/** A photo the caller may see on their own request (see callerView); anything else is a 404. */
export async function myPhoto(ctx: Ctx, id: string, fileId: string) {
  const personId = ctx.actor.kind === 'person' ? ctx.actor.subjectId : undefined;
  const t = await ticketRepo.find(ctx.database.db, id);
  if (!t || !personId || t.personId !== personId) throw notFound('hotline_ticket', id);
  const view = callerView(t, await ticketRepo.events(ctx.database.db, id));
  if (!view.requestPhotos.includes(fileId) && !view.answer?.photos.includes(fileId)) throw notFound('file', fileId);
  return ticketPhoto(ctx, t, fileId);
}

/**
 * A caller's earlier tickets, for the operator taking the call: only those the operator may read (the
 * same rule as opening one), and reports or confidential tickets only for the center, since finding
 * one by the phone number would name its reporter.
 */
export async function callerTickets(ctx: Ctx, phone: string) {
  const found = await ticketRepo.byPhoneIndex(ctx.database.db, blindIndex(ctx.config.secrets.dataKey, phone), 200);
  const centerReads = (r: TicketRow) =>
    canOnTicket(ctx.actor, P.reporter, { unitRegionPath: centerOf(r).regionPath, unitDepartmentId: centerOf(r).departmentId });
  const rows = found.filter((r) => readable(ctx, r) && (!hidesCaller(r) || centerReads(r))).slice(0, 50);
  const categories = await categoriesById(ctx);
  await transact(ctx, async (t) => {
    t.audit({ action: 'hotline.caller.lookup', objectType: 'hotline_caller', objectId: maskPhone(phone), summary: { found: rows.length } });
  });
  return rows.map((r) => presentTicket(ctx, r, categories));
}

/** A photo on a ticket's history, for a reader of the ticket. */
export async function photoOf(ctx: Ctx, id: string, fileId: string) {
  return ticketPhoto(ctx, await loadReadable(ctx, id), fileId);
}

/** The full caller identity: for reports only the center; every reading is audited. */
export async function revealCaller(ctx: Ctx, id: string) {
  const t = await loadReadable(ctx, id);
  if (hidesCaller(t) && !isCenter(ctx.actor)) throw new AppError('auth.forbidden', { extra: { permission: P.reporter } });
  const key = ctx.config.secrets.dataKey;
  return transact(ctx, async (tx) => {
    tx.audit({
      action: 'hotline.caller.read',
      objectType: 'hotline_ticket',
      objectId: id,
      summary: { number: t.number, kind: t.kind, confidential: hidesCaller(t) },
    });
    return {
      phone: t.callerPhoneSealed ? openPersonal(key, t.callerPhoneSealed) : null,
      name: t.callerNameSealed ? openPersonal(key, t.callerNameSealed) : null,
      personId: t.personId,
    };
  });
}

/**
 * The text published under Open311 for a request whose caller agreed to publish it: written or
 * reviewed by a hotline operator at the center (the caller's own text is never published). null
 * withdraws it. Not a status change: recorded on the history and audited.
 */
export async function setPublicText(ctx: Ctx, id: string, text: string | null, version?: number) {
  await transact(ctx, async (t) => {
    const ticket = await ticketRepo.find(t.tx, id);
    if (!ticket) throw notFound('hotline_ticket', id);
    const center = centerOf(ticket);
    if (!canOnTicket(t.actor, P.dispatch, { unitRegionPath: center.regionPath, unitDepartmentId: center.departmentId }))
      throw new AppError('auth.out_of_scope', { extra: { permission: P.dispatch } });
    if (!ticket.publicConsent || hidesCaller(ticket)) throw new AppError('hotline.not_public');
    if (version !== undefined && version !== ticket.version) throw new AppError('resource.stale');
    const updated = await ticketRepo.update(t.tx, id, ticket.version, {
      publicText: text,
      publicTextBy: text === null ? null : t.actor.id,
      publicTextAt: text === null ? null : new Date(),
    });
    if (!updated) throw new AppError('resource.stale');
    await ticketRepo.insertEvents(t.tx, [event(t, id, 'public_text', ticket.status, ticket.status, { unit: center, text })]);
    t.audit({ action: 'hotline.ticket.public_text', objectType: 'hotline_ticket', objectId: id, summary: { number: ticket.number, published: text !== null } });
  });
  return getTicket(ctx, id);
}

// ---------- the workflow ----------

interface Step {
  action: TicketAction;
  patch?: Partial<TicketInsert>;
  text?: string | null;
  photos?: string[];
  data?: Record<string, unknown>;
  /** The unit recorded on the event (default: the unit holding the ticket before the step). */
  eventUnit?: TicketUnit;
}

async function step(t: TxCtx, ticket: TicketRow, s: Step, version?: number) {
  const to = nextStatus(ticket.status, s.action);
  if (version !== undefined && version !== ticket.version) throw new AppError('resource.stale');
  const updated = await ticketRepo.update(t.tx, ticket.id, ticket.version, { status: to, ...s.patch });
  if (!updated) throw new AppError('resource.stale');
  await ticketRepo.insertEvents(t.tx, [
    event(t, ticket.id, s.action, ticket.status, to, { unit: s.eventUnit ?? unitOf(ticket), text: s.text, photos: s.photos, data: s.data }),
  ]);
  t.audit({
    action: `hotline.ticket.${s.action}`,
    objectType: 'hotline_ticket',
    objectId: ticket.id,
    summary: { number: ticket.number, from: ticket.status, to, ...(s.data ?? {}) },
  });
  return updated;
}

async function act(ctx: Ctx, id: string, action: TicketAction, fn: (t: TxCtx, ticket: TicketRow) => Promise<TicketRow | void>) {
  await ctx.calendar.refresh();
  await transact(ctx, async (t) => {
    const ticket = await ticketRepo.find(t.tx, id);
    if (!ticket) throw notFound('hotline_ticket', id);
    assertMayAct(t, ticket, action);
    await fn(t, ticket);
  });
  // The actor just acted on it (a unit that returned or dispatched it may no longer hold it).
  return getTicket(ctx, id, { acted: true });
}

async function notifyUnit(t: TxCtx, unit: TicketUnit, template: string, params: Record<string, unknown>) {
  await enqueueNotification(t.tx, { channel: 'site', recipientKind: 'staff', recipientId: `unit:${unit.departmentId ?? unit.regionCode}`, template, params });
}

export async function dispatch(ctx: Ctx, id: string, body: z.infer<typeof DispatchBody>) {
  return act(ctx, id, 'dispatch', async (t, ticket) => {
    const holder = unitOf(ticket);
    const categories = await categoriesById(t);
    const target =
      body.departmentId || body.regionCode
        ? await unitFor(t, body)
        : await suggestTarget(t, holder, placeOf(ticket), ticket.categoryId ? categories.get(ticket.categoryId) : undefined);
    if (!target)
      throw new AppError('request.invalid', {
        fields: [{ field: body.departmentId ? 'departmentId' : 'regionCode', code: 'not_found' }],
        detail: 'no dispatch target',
      });
    if (!canDispatchTo(holder, target)) throw new AppError('hotline.dispatch_target', { extra: { from: holder.level, to: target.level } });
    const now = ctx.now?.() ?? new Date();
    const signDueAt = addWorkingMinutes(t.calendar, now, (await limitFor(t.tx, ticket.kind, ticket.urgency)).signMinutes, target.regionPath);
    await step(
      t,
      ticket,
      {
        action: 'dispatch',
        patch: { ...unitColumns(target), unitChain: [...ticket.unitChain, holder], signDueAt, signedAt: null, signedLate: null, timeState: 'ok' },
        text: body.note,
        eventUnit: holder,
        data: { to: target.name, toLevel: target.level, toDepartmentId: target.departmentId, toRegionCode: target.regionCode },
      },
      body.version,
    );
    await notifyUnit(t, target, 'hotline.dispatched', { number: ticket.number, title: ticket.title, signDueAt: signDueAt.toISOString() });
  });
}

export async function sign(ctx: Ctx, id: string) {
  return act(ctx, id, 'sign', async (t, ticket) => {
    const now = new Date();
    await step(t, ticket, { action: 'sign', patch: { signedAt: now, signedLate: ticket.signDueAt ? now > ticket.signDueAt : false } });
  });
}

export async function returnTicket(ctx: Ctx, id: string, reason: string, version?: number) {
  return act(ctx, id, 'return', async (t, ticket) => {
    const previous = ticket.unitChain.at(-1);
    if (!previous)
      throw new AppError('workflow.action_not_allowed', {
        detail: 'nothing to return to',
        extra: { currentStatus: ticket.status, action: 'return', allowed: [] },
      });
    await step(
      t,
      ticket,
      {
        action: 'return',
        patch: { ...unitColumns(previous), unitChain: ticket.unitChain.slice(0, -1), returnCount: ticket.returnCount + 1, signDueAt: null, timeState: 'ok' },
        text: reason,
        data: { to: previous.name },
      },
      version,
    );
    await notifyUnit(t, previous, 'hotline.returned', { number: ticket.number, reason });
  });
}

export async function requestExtension(ctx: Ctx, id: string, days: number, reason: string, version?: number) {
  return act(ctx, id, 'request_extension', async (t, ticket) => {
    if (pastDue(ticket, new Date())) throw new AppError('hotline.extension_late');
    await step(t, ticket, { action: 'request_extension', text: reason, data: { days } }, version);
  });
}

export async function decideExtension(ctx: Ctx, id: string, approve: boolean, note?: string | null, version?: number) {
  return act(ctx, id, approve ? 'approve_extension' : 'reject_extension', async (t, ticket) => {
    const events = await ticketRepo.events(t.tx, id);
    const req = events.filter((e) => e.action === 'request_extension').at(-1);
    const days = Number(req?.data.days ?? 0);
    const patch: Partial<TicketInsert> = {};
    if (approve && ticket.dueDate) {
      if (pastDue(ticket, new Date())) throw new AppError('hotline.extension_late');
      if (ticket.dueAt) {
        // A limit in working hours moves by the same number of working days' hours.
        const at = addWorkingMinutes(t.calendar, ticket.dueAt, days * WORKING_DAY_MINUTES, ticket.regionPath);
        const date = shanghaiDate(at);
        Object.assign(patch, { dueAt: at, dueDate: date, dueEstimated: t.calendar.yearStatus(Number(date.slice(0, 4))) === 'estimated' });
      } else {
        const due = t.calendar.addWorkingDays(ticket.dueDate, days, ticket.regionPath);
        Object.assign(patch, { dueDate: due.date, dueEstimated: due.estimated });
      }
      Object.assign(patch, { extensionCount: ticket.extensionCount + 1, timeState: 'ok' as const });
    }
    await step(
      t,
      ticket,
      {
        action: approve ? 'approve_extension' : 'reject_extension',
        patch,
        text: note,
        eventUnit: centerOf(ticket),
        data: approve ? { days, dueDate: patch.dueDate } : {},
      },
      version,
    );
  });
}

export async function reply(ctx: Ctx, id: string, text: string, photos: string[], version?: number) {
  return act(ctx, id, 'reply', async (t, ticket) => {
    await step(t, ticket, { action: 'reply', patch: { repliedAt: new Date() }, text, photos: await attachPhotos(t, id, photos) }, version);
  });
}

export async function review(ctx: Ctx, id: string, pass: boolean, note?: string | null, version?: number) {
  return act(ctx, id, pass ? 'review_pass' : 'send_back', async (t, ticket) => {
    if (!pass) {
      if (!note) throw new AppError('request.invalid', { fields: [{ field: 'note', code: 'required' }] });
      await step(t, ticket, { action: 'send_back', text: note, eventUnit: centerOf(ticket) }, version);
      await notifyUnit(t, unitOf(ticket), 'hotline.sent_back', { number: ticket.number, note });
      return;
    }
    await conclude(t, ticket, note);
    // Merged tickets are answered together with the one they were merged into.
    const events = await ticketRepo.events(t.tx, id);
    const answer = events.filter((e) => e.action === 'reply').at(-1);
    for (const child of await ticketRepo.mergedChildren(t.tx, id)) {
      if (child.status !== 'merged') continue;
      await conclude(t, child, note, { text: answer?.text ?? null, photos: answer?.photos ?? [], repliedAt: ticket.repliedAt });
    }
  });
}

async function conclude(t: TxCtx, ticket: TicketRow, note?: string | null, inherited?: { text: string | null; photos: string[]; repliedAt: Date | null }) {
  const now = new Date();
  const repliedAt = inherited?.repliedAt ?? ticket.repliedAt ?? now;
  const late = pastDue(ticket, repliedAt);
  const token = randomToken(16);
  await step(t, ticket, {
    action: 'review_pass',
    patch: { concludedAt: now, concludedLate: late, repliedAt, followUpTokenHash: sm3(token) },
    text: inherited?.text ?? note,
    photos: inherited?.photos,
    eventUnit: centerOf(ticket),
    data: inherited ? { mergedAnswer: true } : {},
  });
  if (ticket.callerPhoneSealed) {
    await enqueueNotification(t.tx, {
      channel: 'sms',
      recipientKind: 'phone',
      recipientId: ticket.callerPhoneIndex ?? ticket.id,
      address: openPersonal(t.config.secrets.dataKey, ticket.callerPhoneSealed),
      template: 'hotline.follow_up',
      params: {
        number: ticket.number,
        link: `/hotline/follow-up/${token}`,
        // The gateway sends `text` as is; carriers with registered templates use the params.
        text: `【12345】您反映的问题（工单号${ticket.number}）已办理答复，请打开 ${(t.config.PUBLIC_URL ?? '').replace(/\/$/, '')}/hotline/follow-up/${token} 评价是否解决、是否满意。`,
      },
    });
  }
}

export async function answerDirectly(ctx: Ctx, id: string, text: string, knowledgeId?: string | null) {
  return act(ctx, id, 'answer', async (t, ticket) => {
    const now = new Date();
    await step(t, ticket, {
      action: 'answer',
      patch: { directAnswer: true, repliedAt: now, concludedAt: now, concludedLate: false, closedAt: now },
      text,
      data: knowledgeId ? { knowledgeId } : {},
    });
  });
}

export async function refer(ctx: Ctx, id: string, referTo: string, reason: string) {
  return act(ctx, id, 'refer', async (t, ticket) => {
    await step(t, ticket, {
      action: 'refer',
      patch: { referredTo: referTo, closedAt: new Date(), dueDate: null, dueAt: null },
      text: reason,
      data: { referTo },
    });
  });
}

export async function merge(ctx: Ctx, id: string, intoId: string) {
  return act(ctx, id, 'merge', async (t, ticket) => {
    const into = await ticketRepo.find(t.tx, intoId);
    if (
      !into ||
      into.id === id ||
      into.status === 'merged' ||
      ['closed', 'referred', 'concluded'].includes(into.status) ||
      into.categoryId !== ticket.categoryId
    ) {
      throw new AppError('hotline.merge_invalid');
    }
    await step(t, ticket, { action: 'merge', patch: { mergedInto: into.id }, data: { into: into.number } });
    await ticketRepo.insertEvents(t.tx, [event(t, into.id, 'merged_in', into.status, into.status, { unit: unitOf(into), data: { from: ticket.number } })]);
  });
}

/** 督办: recorded on the ticket, the unit notified, with a day to respond; a second miss escalates. */
export async function urge(ctx: Ctx, id: string, note: string, respondWithinDays: number) {
  return act(ctx, id, 'urge', async (t, ticket) => {
    const respondBy = t.calendar.addWorkingDays(shanghaiDate(), respondWithinDays, ticket.regionPath).date;
    await step(t, ticket, { action: 'urge', patch: { urgeCount: ticket.urgeCount + 1, urgeDueDate: respondBy }, text: note, data: { respondBy } });
    await notifyUnit(t, unitOf(ticket), 'hotline.urged', { number: ticket.number, note, respondBy });
  });
}

export async function followUp(ctx: Ctx, id: string, body: z.infer<typeof FollowUpBody>) {
  return act(ctx, id, 'follow_up', async (t, ticket) => {
    await step(t, ticket, {
      action: 'follow_up',
      patch: { solved: body.solved, satisfaction: body.satisfaction, followedUpAt: new Date(), closedAt: new Date(), followUpTokenHash: null },
      text: body.note,
      data: { via: body.via, solved: body.solved, satisfaction: body.satisfaction },
    });
  });
}

/** The caller answers the SMS link (no sign-in: the token is the credential). */
export async function followUpByToken(ctx: Ctx, token: string, body: { solved: boolean; satisfaction: number; note?: string | null }) {
  const [row] = await ctx.database.db
    .select()
    .from(hotlineTickets)
    .where(eq(hotlineTickets.followUpTokenHash, sm3(token)));
  if (!row) throw notFound('follow_up', 'token');
  await transact(ctx, async (t) => {
    await step(t, row, {
      action: 'follow_up',
      patch: { solved: body.solved, satisfaction: body.satisfaction, followedUpAt: new Date(), closedAt: new Date(), followUpTokenHash: null },
      text: body.note,
      data: { via: 'sms', solved: body.solved, satisfaction: body.satisfaction },
    });
  });
  return { number: row.number, status: 'closed' as const };
}

/** Unsatisfied or unsolved: back to the unit that replied, once. */
export async function reopen(ctx: Ctx, id: string, reason: string) {
  return act(ctx, id, 'reopen', async (t, ticket) => {
    const check = reopenable(ticket);
    if (check !== 'ok') throw new AppError(check);
    const now = new Date();
    const limit = await limitFor(t.tx, ticket.kind, ticket.urgency);
    const category = ticket.categoryId ? await categoryRepo.find(t.tx, ticket.categoryId) : undefined;
    const due = conclusionDue(t.calendar, now, limit, ticket.regionPath, category?.limitDays);
    const signDueAt = addWorkingMinutes(t.calendar, now, limit.signMinutes, ticket.unitRegionPath);
    await step(t, ticket, {
      action: 'reopen',
      patch: {
        reopenCount: ticket.reopenCount + 1,
        dueDate: due.date,
        dueEstimated: due.estimated,
        dueAt: due.at,
        signDueAt,
        signedAt: null,
        signedLate: null,
        repliedAt: null,
        concludedAt: null,
        concludedLate: null,
        closedAt: null,
        solved: null,
        satisfaction: null,
        followedUpAt: null,
        timeState: 'ok',
        urgeCount: 0,
        urgeDueDate: null,
        missCount: 0,
      },
      text: reason,
      eventUnit: centerOf(ticket),
      data: { previousSatisfaction: ticket.satisfaction, previousSolved: ticket.solved },
    });
    await notifyUnit(t, unitOf(ticket), 'hotline.reopened', { number: ticket.number, reason });
  });
}

// ---------- urging job ----------

/** Past the conclusion limit at `when`: after `dueAt` for a limit in working hours, after the day `dueDate` otherwise. */
export function pastDue(ticket: Pick<TicketRow, 'dueDate' | 'dueAt'>, when: Date): boolean {
  if (ticket.dueAt) return when > ticket.dueAt;
  return ticket.dueDate ? shanghaiDate(when) > ticket.dueDate : false;
}

/**
 * Marks open tickets near (due today or sign due within the hour) and past their limits. A passed
 * conclusion limit is a first miss; a passed urge deadline after it a second, which escalates to the
 * unit's superior (the parent department, or for a street the district unit).
 */
export async function runUrging(ctx: Ctx, now = new Date()) {
  const today = shanghaiDate(now);
  const rows = await ctx.database.db
    .select()
    .from(hotlineTickets)
    .where(inArray(hotlineTickets.status, [...openStatuses]));
  let marked = 0;
  let escalated = 0;
  for (const ticket of rows) {
    const signOverdue = !ticket.signedAt && ticket.signDueAt && ticket.status === 'dispatched' && ticket.signDueAt < now;
    const dueOverdue = pastDue(ticket, now);
    // Near: due today (a limit in days) or within the hour (a limit in working hours), or sign due within 30 minutes.
    const dueNear = ticket.dueAt ? ticket.dueAt.getTime() - now.getTime() < 60 * 60_000 : ticket.dueDate === today;
    const near =
      !dueOverdue &&
      !signOverdue &&
      (dueNear || (ticket.status === 'dispatched' && ticket.signDueAt ? ticket.signDueAt.getTime() - now.getTime() < 30 * 60_000 : false));
    const state = signOverdue || dueOverdue ? 'overdue' : near ? 'near' : 'ok';
    let misses = dueOverdue ? 1 : 0;
    if (dueOverdue && ticket.urgeDueDate && ticket.urgeDueDate < today) misses = 2;
    if (state === ticket.timeState && misses <= ticket.missCount) continue;
    await transact(ctx, async (t) => {
      const fresh = await ticketRepo.find(t.tx, ticket.id);
      if (!fresh || fresh.version !== ticket.version) return;
      const patch: Partial<TicketInsert> = { timeState: state, missCount: Math.max(misses, fresh.missCount) };
      const events = [];
      if (state !== fresh.timeState) {
        events.push(
          event(t, fresh.id, state === 'overdue' ? 'overdue' : state === 'near' ? 'near_limit' : 'on_time', fresh.status, fresh.status, {
            unit: unitOf(fresh),
            data: { dueDate: fresh.dueDate, signOverdue: !!signOverdue },
          }),
        );
        if (state !== 'ok')
          await notifyUnit(t, unitOf(fresh), state === 'overdue' ? 'hotline.overdue' : 'hotline.near_limit', { number: fresh.number, dueDate: fresh.dueDate });
        marked++;
      }
      if (misses >= 2 && fresh.missCount < 2 && !fresh.escalatedAt) {
        const superior = await superiorOf(t, unitOf(fresh));
        Object.assign(patch, { escalatedAt: now, escalatedToDepartmentId: superior?.departmentId ?? null });
        events.push(
          event(t, fresh.id, 'escalate', fresh.status, fresh.status, {
            unit: unitOf(fresh),
            text: '二次逾期未办结，提级督办',
            data: { to: superior?.name ?? null },
          }),
        );
        if (superior) await notifyUnit(t, superior, 'hotline.escalated', { number: fresh.number, unit: fresh.unitName });
        t.audit({
          action: 'hotline.ticket.escalate',
          objectType: 'hotline_ticket',
          objectId: fresh.id,
          summary: { number: fresh.number, to: superior?.name ?? null },
        });
        escalated++;
      }
      await ticketRepo.update(t.tx, fresh.id, fresh.version, patch);
      await ticketRepo.insertEvents(t.tx, events);
      t.audit({
        action: 'hotline.ticket.time_state',
        objectType: 'hotline_ticket',
        objectId: fresh.id,
        summary: { number: fresh.number, from: fresh.timeState, to: state, misses: patch.missCount },
      });
    });
  }
  return { checked: rows.length, marked, escalated };
}

async function superiorOf(ctx: Ctx, unit: TicketUnit): Promise<TicketUnit | undefined> {
  if (unit.departmentId) {
    const d = await getDepartment(ctx, unit.departmentId).catch(() => undefined);
    if (d?.parentId) return unitFor(ctx, { departmentId: d.parentId });
    if (unit.level === 'district') return centerUnit(ctx);
    return undefined;
  }
  if (unit.level === 'street') {
    const district = unit.regionPath.split('/').at(-2);
    return district ? districtUnit(ctx, district) : undefined;
  }
  return undefined;
}
