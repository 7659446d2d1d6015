import type { z } from 'zod';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/db/index.ts';
import { blindIndex, randomToken, sealPersonal } from '../../platform/crypto/index.ts';
import { shanghaiDate, addCalendarDays } from '../../platform/calendar/engine.ts';
import { contactPhoneOf } from '../identity/index.ts';
import { loadReadable } from './access.ts';
import { conclusionDue, type Limit } from './limits.ts';
import { attachPhotos, attachPublicPhotos } from './photos.ts';
import { getTicket } from './read.ts';
import { categoriesById, limitFor } from './reference.ts';
import { ticketRepo, type CategoryRow, type TicketInsert, type TicketRow } from './repository.ts';
import { centerUnit, resolvePlace, type Place } from './routing.ts';
import type { TicketUnit } from './tables.ts';
import type { PublicTicketCreate, TicketCreate } from './schemas.ts';
import { event } from './step.ts';
import { maskName, maskPhone, retryNumberClash, ticketNumber, unitColumns } from './ticket.ts';

/** Days within which a ticket of the same category and street is offered as a duplicate. */
export const DUPLICATE_WINDOW_DAYS = 7;

type IntakeInput = Omit<z.infer<typeof PublicTicketCreate>, 'callerPhone' | 'photos' | 'photoKeys'> & {
  callerPhone?: string | null;
  photos?: string[];
  /** Anonymous uploads by their keys (photos.ts). */
  photoKeys?: string[];
  mediaUrl?: string | null;
};

interface IntakeOptions {
  personId?: string | null;
  apiKeyId?: string | null;
  /** For the audit event of an Open311 intake: which key filed it. */
  apiKeyPrefix?: string;
}

/** What an intake needs to know besides the input: reference data, read before the transaction (from the caches when warm). */
export interface IntakeReference {
  category: CategoryRow | undefined;
  place: Place;
  center: TicketUnit;
  limit: Limit;
}

/** The category checked, the place and the center resolved, the limit looked up: outside any transaction, so the caches serve them. */
export async function intakeReference(ctx: Ctx, input: Pick<IntakeInput, 'categoryId' | 'kind' | 'urgency' | 'regionCode' | 'lng' | 'lat' | 'address'>) {
  const category = input.categoryId ? (await categoriesById(ctx)).get(input.categoryId) : undefined;
  if (input.categoryId && !category) throw new AppError('request.invalid', { fields: [{ field: 'categoryId', code: 'not_found' }] });
  if (category && !category.active) throw new AppError('request.invalid', { fields: [{ field: 'categoryId', code: 'inactive' }] });
  const [place, center, limit] = await Promise.all([resolvePlace(ctx, input), centerUnit(ctx), limitFor(ctx, input.kind, input.urgency)]);
  return { category, place, center, limit } satisfies IntakeReference;
}

/** One intake for every channel: phone (operator) and web (portal); Open311 calls intakeIn in its own transaction. */
export async function intake(ctx: Ctx, channel: TicketRow['channel'], input: IntakeInput, opts: IntakeOptions = {}) {
  await ctx.calendar.refresh();
  const ref = await intakeReference(ctx, input);
  const row = await retryNumberClash(() => transact(ctx, (t) => intakeIn(t, channel, input, ref, opts)));
  return { row, duplicates: await findDuplicates(ctx, row) };
}

/** The ticket, its history and its audit event, inside the caller's transaction; refresh the calendar before. */
export async function intakeIn(t: TxCtx, channel: TicketRow['channel'], input: IntakeInput, ref: IntakeReference, opts: IntakeOptions = {}) {
  const now = t.now?.() ?? new Date();
  const { category, place, center } = ref;
  const due = conclusionDue(t.calendar, now, ref.limit, place.regionPath, category?.limitDays);
  const key = t.config.secrets.dataKey;
  const id = newId();
  const notAccepted = category?.notAccepted ?? false;
  const intakeDate = shanghaiDate(now);
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
    intakeDate,
    createdBy: t.actor.id,
    closedAt: notAccepted ? now : null,
  };
  const photos = [...(await attachPhotos(t, id, input.photos ?? [])), ...(await attachPublicPhotos(t, id, input.photoKeys ?? []))];
  await ticketRepo.insertNew(t.tx, { ...row, intakeDate }, [
    event(t, id, 'intake', null, 'new', { unit: center, photos, data: { channel } }),
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
  return {
    id,
    number: row.number,
    token: row.token,
    status: row.status!,
    referredTo: row.referredTo ?? null,
    dueDate: row.dueDate ?? null,
    categoryId: row.categoryId ?? null,
    streetCode: row.streetCode ?? null,
    intakeDate,
  } satisfies Pick<TicketRow, 'id' | 'number' | 'token' | 'status' | 'referredTo' | 'dueDate' | 'categoryId' | 'streetCode' | 'intakeDate'>;
}

export async function createByOperator(ctx: Ctx, input: TicketCreate) {
  const { row, duplicates } = await intake(ctx, 'phone', input);
  return { ticket: await getTicket(ctx, row.id), duplicates };
}

export async function createFromPortal(ctx: Ctx, input: z.infer<typeof PublicTicketCreate>) {
  const personId = ctx.actor.kind === 'person' ? (ctx.actor.subjectId ?? null) : null;
  if (!personId && !input.callerPhone) throw new AppError('hotline.caller_required', { fields: [{ field: 'callerPhone', code: 'required' }] });
  // A signed-in person's contact phone is used for the follow-up SMS when none is given.
  const callerPhone = input.callerPhone ?? (personId ? ((await contactPhoneOf(ctx, personId)) ?? null) : null);
  const { row, duplicates } = await intake(ctx, 'web', { ...input, callerPhone }, { personId });
  return { id: row.id, number: row.number, token: row.token, status: row.status, dueDate: row.dueDate, duplicates: duplicates.length };
}

/** Open tickets of the same category and street taken within the window: offered to the operator as possible duplicates. */
async function findDuplicates(ctx: Ctx, t: Pick<TicketRow, 'id' | 'categoryId' | 'streetCode' | 'intakeDate'>) {
  if (!t.categoryId || !t.streetCode) return [];
  const rows = await ticketRepo.duplicates(ctx.database.db, {
    categoryId: t.categoryId,
    streetCode: t.streetCode,
    since: addCalendarDays(t.intakeDate, -DUPLICATE_WINDOW_DAYS),
    exceptId: t.id,
  });
  return rows.map((r) => ({ id: r.id, number: r.number, title: r.title, status: r.status, createdAt: r.createdAt.toISOString() }));
}

export async function duplicatesOf(ctx: Ctx, id: string) {
  return findDuplicates(ctx, await loadReadable(ctx, id));
}
