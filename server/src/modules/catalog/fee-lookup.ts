import type { Ctx } from '../../platform/context.ts';
import { feeEffective } from './guide-rules.ts';
import { feesByCode } from './lists-repository.ts';

/** A fee-catalog entry as other modules see it (payments), with whether it is in force on `today`. */
export interface FeeEntry {
  code: string;
  name: string;
  kind: 'administrative_fee' | 'government_fund';
  standard: string;
  basis: string;
  collectingDepartmentName: string;
  inForce: boolean;
}

/** The fee-catalog entries with these codes (unknown codes are left out), each with whether it is in force on `today`. */
export async function feeEntries(ctx: Ctx, codes: string[], today: string): Promise<FeeEntry[]> {
  const rows = await feesByCode(ctx.database.db, codes);
  return rows.map((f) => ({
    code: f.code,
    name: f.name,
    kind: f.kind,
    standard: f.standard,
    basis: f.basis,
    collectingDepartmentName: f.collectingDepartmentName,
    inForce: feeEffective(f, today),
  }));
}
