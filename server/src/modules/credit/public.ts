import type { z } from 'zod';
import { pageOf } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { isValidUscc } from '../../platform/validators.ts';
import { measuresFor } from './measures.ts';
import { presentDisclosure } from './present.ts';
import { entryRepo, recordRepo } from './repository.ts';
import type { DisclosureQuery } from './schemas.ts';
import { normalUscc } from './subjects.ts';
import type { Ctx } from '../../platform/context.ts';

/** 双公示 on the portal: published licence and penalty decisions, newest first; repaired ones are gone. */
export async function publicDisclosures(ctx: Ctx, q: z.infer<typeof DisclosureQuery>) {
  const { rows, total } = await recordRepo.publicPage(ctx.database.db, q);
  return pageOf(rows.map(presentDisclosure), total, q);
}

/** An entity's public credit record: its lists in force (reason, basis, period) and its published decisions. No personal data. */
export async function publicCreditOf(ctx: Ctx, usccParam: string) {
  const uscc = normalUscc(usccParam);
  if (!isValidUscc(uscc)) throw new AppError('validation.uscc', { fields: [{ field: 'uscc', code: 'uscc' }] });
  const records = await recordRepo.publicOfEntity(ctx.database.db, uscc);
  const entries = await entryRepo.inForce(ctx.database.db, 'entity', uscc, ctx.calendar.today());
  return {
    uscc,
    name: records[0]?.subjectName ?? entries[0]?.subjectName ?? null,
    lists: entries.map((e) => ({
      list: e.list,
      reason: e.reason,
      legalBasis: e.legalBasis,
      validFrom: e.validFrom,
      validUntil: e.validUntil,
      authority: e.authority,
    })),
    measures: measuresFor(entries.map((e) => e.list)),
    disclosures: records.map(presentDisclosure),
  };
}
