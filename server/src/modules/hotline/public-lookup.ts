import type { Ctx } from '../../platform/context.ts';
import { blindIndex } from '../../platform/crypto/index.ts';
import { AppError, registerErrors } from '../../platform/errors.ts';
import { callerView } from './present.ts';
import { categoriesById } from './reference.ts';
import { ticketRepo } from './repository.ts';

registerErrors({
  'hotline.lookup_not_found': {
    status: 404,
    zh: '没有查到：请核对工单号和登记时留的电话号码',
    en: 'Nothing found: check the ticket number and the phone number you gave',
  },
});

/** The ways one landline may have been typed: as given, without the hyphen, with it after a 3- or 4-digit area code. */
function phoneVariants(phone: string): string[] {
  const digits = phone.replace(/-/g, '');
  if (!digits.startsWith('0')) return [digits];
  return [...new Set([phone, digits, `${digits.slice(0, 3)}-${digits.slice(3)}`, `${digits.slice(0, 4)}-${digits.slice(4)}`])];
}

/**
 * 诉求进度查询 without signing in: the ticket number and the phone number left with it (an anonymous
 * caller's only proof). A wrong pair, an unknown number and a ticket without a phone all answer the
 * same 404, so the form tells nothing about which part was wrong. The answer is what the caller
 * sees on "my requests": status, dates, the type, and the answer once the center passed it (no
 * photos, no names, no follow-up token). The route is rate-limited per address.
 */
export async function lookupPublicTicket(ctx: Ctx, number: string, phone: string) {
  const db = ctx.database.db;
  const row = await ticketRepo.findByNumber(db, number.trim().toUpperCase());
  const key = ctx.config.secrets.dataKey;
  if (!row || !row.callerPhoneIndex || !phoneVariants(phone).some((p) => blindIndex(key, p) === row.callerPhoneIndex)) {
    throw new AppError('hotline.lookup_not_found');
  }
  const [events, categories] = await Promise.all([ticketRepo.events(db, row.id), categoriesById(ctx)]);
  const { answer } = callerView(row, events);
  return {
    number: row.number,
    kind: row.kind,
    categoryName: row.categoryId ? (categories.get(row.categoryId)?.name ?? null) : null,
    status: row.status,
    dueDate: row.dueDate,
    createdAt: row.createdAt.toISOString(),
    answer: answer ? { text: answer.text, at: answer.at } : null,
  };
}
