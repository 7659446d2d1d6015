import type { z } from 'zod';
import { regionWithin } from '../../platform/auth/actor.ts';
import { scopesOf } from '../../platform/auth/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { sm3 } from '../../platform/crypto/index.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { AppError } from '../../platform/errors.ts';
import { readRecords, readTable, type RowError, type TableFormat } from '../../platform/table-import.ts';
import { entityCreditLevels } from '../credit/index.ts';
import { findRegion } from '../org/index.ts';
import { entityRepo } from './directory-repository.ts';
import { inspectionPermissions as P } from './policy.ts';
import { EntityInput, type EntityListQuery } from './schemas.ts';

// The entity directory (检查对象名录库): imports, upserts from other modules, the list.

/** Normalised address key: no spaces, full-width digits folded, upper-case; SM3 of that. */
export function addressKey(address: string): string {
  const norm = address
    .normalize('NFKC')
    .replace(/[\s,，。.、\-－—]/g, '')
    .toUpperCase();
  return sm3(`addr:${norm}`);
}

/** The region subtrees the actor manages inspections in ('' is everywhere). */
export function regionRoots(ctx: Ctx): string[] {
  const { all, scopes } = scopesOf(ctx.actor, P.plan);
  return all ? [''] : [...new Set(scopes.map((s) => s.regionPath))];
}

/**
 * Inserts or updates entities by USCC (for imports and for other modules, e.g. business
 * registration). Caller validates; runs in the caller's transaction. Batches of 10,000, one
 * statement each (entityRepo.upsertBatch); the created/updated split is counted by the database.
 */
export async function upsertEntities(
  t: TxCtx,
  rows: (EntityInput & { regionPath: string })[],
  source = 'import',
): Promise<{ created: number; updated: number }> {
  let created = 0;
  const now = new Date().toISOString();
  for (let i = 0; i < rows.length; i += 10_000) {
    const batch = rows.slice(i, i + 10_000).map((r) => ({
      uscc: r.uscc,
      name: r.name,
      entity_type: r.entityType,
      industry: r.industry,
      region_code: r.regionCode,
      region_path: r.regionPath,
      address: r.address,
      address_key: addressKey(r.address),
      risk_level: r.riskLevel ?? 'low',
      credit_level: r.creditLevel ?? 'B',
    }));
    created += await entityRepo.upsertBatch(t.tx, batch, source, now);
  }
  return { created, updated: rows.length - created };
}

export type BadRowReport = RowError;

/** Columns of an import file (header row, Chinese or code names). */
const columns: Record<string, keyof EntityInput> = {
  uscc: 'uscc',
  统一社会信用代码: 'uscc',
  name: 'name',
  名称: 'name',
  entityType: 'entityType',
  类型: 'entityType',
  主体类型: 'entityType',
  industry: 'industry',
  行业: 'industry',
  regionCode: 'regionCode',
  区划代码: 'regionCode',
  address: 'address',
  地址: 'address',
  住所: 'address',
  riskLevel: 'riskLevel',
  风险等级: 'riskLevel',
  creditLevel: 'creditLevel',
  信用等级: 'creditLevel',
};

/** All-or-nothing import of the entity directory from CSV or xlsx; bad rows are reported, none imported. */
export async function importEntities(ctx: Ctx, file: Buffer, format: TableFormat) {
  const { headerErrors, rows } = readRecords(await readTable(file, format), {
    columns,
    required: ['uscc', 'name', 'entityType', 'industry', 'regionCode', 'address'],
    schema: EntityInput,
    // A USCC that is there but fails its check character is `uscc`, not merely invalid.
    issueCode: (field, raw) => (field === 'uscc' && raw.uscc ? 'uscc' : undefined),
  });
  const bad: BadRowReport[] = [...headerErrors];
  const roots = regionRoots(ctx);
  const regionCache = new Map<string, string | null>();
  const good: (EntityInput & { regionPath: string })[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    if (!r.ok) {
      bad.push(...r.errors);
      continue;
    }
    const v = r.value;
    if (seen.has(v.uscc)) {
      bad.push({ row: r.row, field: 'uscc', code: 'duplicate' });
      continue;
    }
    seen.add(v.uscc);
    if (!regionCache.has(v.regionCode)) regionCache.set(v.regionCode, (await findRegion(ctx, v.regionCode))?.path ?? null);
    const path = regionCache.get(v.regionCode);
    if (!path) {
      bad.push({ row: r.row, field: 'regionCode', code: 'not_found' });
      continue;
    }
    if (!roots.some((root) => regionWithin(path, root))) {
      bad.push({ row: r.row, field: 'regionCode', code: 'out_of_scope' });
      continue;
    }
    good.push({ ...v, regionPath: path });
  }
  if (bad.length) throw new AppError('inspection.import_invalid', { extra: { badRows: bad.slice(0, 1000), badRowCount: bad.length } });
  return transact(ctx, async (t) => {
    const r = await upsertEntities(t, good);
    t.audit({ action: 'inspection.entity.import', objectType: 'inspection_entity', objectId: 'import', summary: { rows: good.length, ...r } });
    return { imported: good.length, ...r };
  });
}

export async function listEntities(ctx: Ctx, q: z.infer<typeof EntityListQuery>) {
  const regionPath = q.regionCode ? ((await findRegion(ctx, q.regionCode))?.path ?? '-') : undefined;
  const { rows, total } = await entityRepo.page(ctx.database.db, { ...q, roots: regionRoots(ctx), regionPath });
  // The level credit computes today, for the page at once (its rules, its scores: two statements).
  const levels = new Map(
    (
      await entityCreditLevels(
        ctx,
        rows.map((r) => r.uscc),
      )
    ).map((l) => [l.uscc, l.level]),
  );
  return pageOf(
    rows.map((r) => ({ ...r, computedCreditLevel: levels.get(r.uscc) ?? null })),
    total,
    q,
  );
}
