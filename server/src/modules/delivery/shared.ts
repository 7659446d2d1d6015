import { hmacSm3 } from '../../platform/crypto/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { AddressRow, OrderRow } from './repository.ts';

export const nowOf = (ctx: Ctx): Date => ctx.now?.() ?? new Date();

/** The signed-in applicant whose address book and orders these are: a person, or an enterprise (its agent acting). */
export function ownerOf(ctx: Ctx): { kind: 'person' | 'entity'; id: string } {
  const a = ctx.actor;
  if ((a.kind !== 'person' && a.kind !== 'entity') || !a.subjectId) throw new AppError('auth.forbidden');
  return { kind: a.kind, id: a.subjectId };
}

/** 张明 → 张*; 欧阳小明 → 欧**明. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** The street address shown in lists: the first 6 characters (city and district), the rest hidden. */
export function maskAddress(address: string): string {
  const chars = [...address];
  return chars.length <= 6 ? `${chars[0] ?? ''}****` : `${chars.slice(0, 6).join('')}****`;
}

/** 取件码 digest: keyed (HMAC-SM3 under DATA_KEY) because six digits are guessed from a plain digest at once. */
export const pickupDigest = (ctx: Pick<Ctx, 'config'>, orderId: string, code: string) =>
  hmacSm3(ctx.config.secrets.dataKey, `delivery.pickup:${orderId}:${code}`);

export function presentAddress(a: AddressRow) {
  return {
    id: a.id,
    recipientName: maskName(a.recipientName),
    phone: a.phoneMasked,
    regionCode: a.regionCode,
    address: a.addressMasked,
    isDefault: a.isDefault,
  };
}

export function presentOrder(o: OrderRow) {
  return {
    id: o.id,
    caseNo: o.caseNo,
    itemName: o.itemName,
    direction: o.direction,
    method: o.method,
    carrier: o.carrier,
    trackingNumber: o.trackingNumber,
    recipientName: o.recipientName ? maskName(o.recipientName) : null,
    phone: o.phoneMasked,
    address: o.addressMasked,
    pickupPlace: o.pickupPlace,
    status: o.status,
    signedAt: o.signedAt?.toISOString() ?? null,
    signMethod: o.signMethod,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
export type OrderView = ReturnType<typeof presentOrder>;
