import { transact, type Ctx } from '../../platform/context.ts';
import { sealPersonal } from '../../platform/crypto/index.ts';
import { newId } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/validators.ts';
import { addressRepo } from './repository.ts';
import { maskAddress, nowOf, ownerOf, presentAddress } from './shared.ts';

export interface AddressInput {
  recipientName: string;
  phone: string;
  regionCode: string;
  address: string;
  isDefault?: boolean;
}

/** My address book, the default first; phone and address masked. */
export async function myAddresses(ctx: Ctx) {
  return (await addressRepo.list(ctx.database.db, ownerOf(ctx))).map(presentAddress);
}

const sealed = (ctx: Ctx, input: AddressInput) => ({
  recipientName: input.recipientName,
  phoneSealed: sealPersonal(ctx.config.secrets.dataKey, input.phone),
  phoneMasked: maskPhone(input.phone),
  regionCode: input.regionCode,
  addressSealed: sealPersonal(ctx.config.secrets.dataKey, input.address),
  addressMasked: maskAddress(input.address),
});

/** Adds an address; the first one, or one marked default, becomes the default (the previous default is cleared). */
export async function addAddress(ctx: Ctx, input: AddressInput) {
  const owner = ownerOf(ctx);
  return transact(ctx, async (t) => {
    const existing = await addressRepo.list(t.tx, owner);
    const isDefault = input.isDefault === true || existing.length === 0;
    const id = newId();
    if (isDefault) await addressRepo.clearDefault(t.tx, owner, id);
    const now = nowOf(t);
    const row = await addressRepo.insert(t.tx, {
      id,
      ownerKind: owner.kind,
      ownerId: owner.id,
      ...sealed(t, input),
      isDefault,
      createdAt: now,
      updatedAt: now,
    });
    await t.audit({ action: 'delivery.address.add', objectType: 'delivery_address', objectId: id, summary: { text: `收件地址 ${row.addressMasked}` } });
    return presentAddress(row);
  });
}

export async function updateAddress(ctx: Ctx, id: string, input: AddressInput) {
  const owner = ownerOf(ctx);
  return transact(ctx, async (t) => {
    const row = await addressRepo.find(t.tx, owner, id);
    if (!row) throw notFound('delivery_address', id);
    const isDefault = input.isDefault ?? row.isDefault;
    if (isDefault && !row.isDefault) await addressRepo.clearDefault(t.tx, owner, id);
    const updated = await addressRepo.update(t.tx, id, { ...sealed(t, input), isDefault, updatedAt: nowOf(t) });
    await t.audit({ action: 'delivery.address.update', objectType: 'delivery_address', objectId: id, summary: { text: `收件地址 ${updated.addressMasked}` } });
    return presentAddress(updated);
  });
}

/** Deletes an address (orders keep their own copy of the recipient). */
export async function deleteAddress(ctx: Ctx, id: string) {
  const owner = ownerOf(ctx);
  await transact(ctx, async (t) => {
    const row = await addressRepo.find(t.tx, owner, id);
    if (!row) throw notFound('delivery_address', id);
    await addressRepo.delete(t.tx, id);
    await t.audit({ action: 'delivery.address.delete', objectType: 'delivery_address', objectId: id, summary: { text: `收件地址 ${row.addressMasked}` } });
  });
}
