import type { Executor } from '../../platform/db/index.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { Guide, normalizeGuide } from './guide.ts';
import { feesByCode, type FeeRow } from './lists-repository.ts';

/** A fee a guide may cite today: within its dates and not retired. */
export function feeEffective(fee: Pick<FeeRow, 'effectiveFrom' | 'effectiveTo'> & { retiredAt?: Date | null }, today: string): boolean {
  return !fee.retiredAt && fee.effectiveFrom <= today && (!fee.effectiveTo || fee.effectiveTo >= today);
}

/** Parses a guide and applies the catalog's rules; throws 400 with every bad field. */
export async function validateGuide(db: Executor, input: unknown, prefix = 'guide', today = shanghaiDate()): Promise<Guide> {
  const parsed = Guide.safeParse(input);
  if (!parsed.success) {
    throw new AppError('request.invalid', {
      fields: parsed.error.issues.map((i) => ({
        field: [prefix, ...i.path.map(String)].join('.'),
        code: ((i as { params?: { code?: string } }).params?.code ?? (i.code === 'invalid_type' && i.input === undefined ? 'required' : i.code)) as string,
      })),
    });
  }
  const guide = normalizeGuide(parsed.data);
  const fieldErrors = await feeErrors(db, guide, prefix, today);
  if (fieldErrors.length) throw new AppError('catalog.fee_invalid', { fields: fieldErrors });
  return guide;
}

/** Fees only from the fee catalog, and only while effective. */
export async function feeErrors(db: Executor, guide: Guide, prefix: string, today: string): Promise<FieldError[]> {
  if (guide.fees.length === 0) return [];
  const byCode = new Map(
    (
      await feesByCode(
        db,
        guide.fees.map((f) => f.feeCode),
      )
    ).map((r) => [r.code, r]),
  );
  const out: FieldError[] = [];
  guide.fees.forEach((f, i) => {
    const fee = byCode.get(f.feeCode);
    if (!fee) out.push({ field: `${prefix}.fees.${i}.feeCode`, code: 'not_in_fee_catalog' });
    else if (!feeEffective(fee, today)) out.push({ field: `${prefix}.fees.${i}.feeCode`, code: 'fee_not_effective' });
  });
  return out;
}

/** A guide's fees with their catalog details (a published guide keeps showing a fee retired since). */
export async function feeDetails(db: Executor, guide: Guide) {
  if (guide.fees.length === 0) return [];
  const byCode = new Map(
    (
      await feesByCode(
        db,
        guide.fees.map((f) => f.feeCode),
      )
    ).map((r) => [r.code, r]),
  );
  return guide.fees.map((f) => {
    const fee = byCode.get(f.feeCode);
    return {
      feeCode: f.feeCode,
      note: f.note ?? null,
      name: fee?.name ?? f.feeCode,
      kind: fee?.kind ?? 'administrative_fee',
      standard: fee?.standard ?? '',
      basis: fee?.basis ?? '',
    };
  });
}
