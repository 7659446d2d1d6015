import { z } from 'zod';
import { assertCan, can } from '../../platform/auth/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { pageOf, pageQuerySchema } from '../../platform/db/paging.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import { getDepartment } from '../org/index.ts';
import { dataPermissions as P } from './policy.ts';
import { departmentNames } from './present.ts';
import { proofRepo, type ProofRow } from './proofs-repository.ts';
import { proofDispositions } from './tables.ts';

/**
 * 证明事项清理: the list of proofs (证明) items still ask for, each with its legal basis and how it is
 * met now. The data module owns it (most proofs are cleared by data sharing, and the data office
 * keeps it); the catalog asks `assertGuideProofs` when a guide is published, so an item cannot ask
 * for a proof that is not on the list.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
export const ProofDisposition = z.enum(proofDispositions);
export const ProofCreate = z.object({
  itemName: text(200).describe('the item (base catalog name)'),
  proofName: text(200),
  issuer: text(200).describe('who issues the proof (开具单位)'),
  legalBasis: text(1000),
  disposition: ProofDisposition.describe('dropped 取消 | shared_data 部门间核验（共享数据）| commitment 告知承诺 | kept 保留'),
  replacement: z.string().trim().max(1000).default('').describe('the shared resource, the commitment wording, or why it is kept'),
  departmentId: z.string().uuid().describe('the department whose item it is'),
});
export const ProofUpdate = ProofCreate.omit({ itemName: true, proofName: true, departmentId: true }).partial();
export const ProofListQuery = pageQuerySchema.extend({ disposition: ProofDisposition.optional() });
export const PublicProof = z.object({
  itemName: z.string(),
  proofName: z.string(),
  issuer: z.string(),
  legalBasis: z.string(),
  disposition: ProofDisposition,
  replacement: z.string(),
  departmentName: z.string(),
  updatedAt: z.string(),
});
export const Proof = PublicProof.extend({ id: z.string().uuid(), departmentId: z.string().uuid(), editable: z.boolean() });

function presentPublic(r: ProofRow, names: Map<string, string>) {
  return {
    itemName: r.itemName,
    proofName: r.proofName,
    issuer: r.issuer,
    legalBasis: r.legalBasis,
    disposition: r.disposition,
    replacement: r.replacement,
    departmentName: names.get(r.departmentId) ?? '',
    updatedAt: r.updatedAt.toISOString(),
  };
}
const scopeOf = (r: { regionPath: string; departmentId: string }) => ({ regionPath: r.regionPath, departmentId: r.departmentId });
function present(ctx: Ctx, r: ProofRow, names: Map<string, string>) {
  return { ...presentPublic(r, names), id: r.id, departmentId: r.departmentId, editable: can(ctx.actor, P.proof, scopeOf(r)) };
}

async function page(ctx: Ctx, q: z.infer<typeof ProofListQuery>) {
  const { rows, total } = await proofRepo.page(ctx.database.db, q);
  return {
    rows,
    total,
    names: await departmentNames(
      ctx,
      rows.map((r) => r.departmentId),
    ),
  };
}

/** The public list (no personal data). */
export async function publicProofs(ctx: Ctx, q: z.infer<typeof ProofListQuery>) {
  const { rows, total, names } = await page(ctx, q);
  return pageOf(
    rows.map((r) => presentPublic(r, names)),
    total,
    q,
  );
}

/** The staff list, with whether each entry is within the actor's scope to edit. */
export async function listProofs(ctx: Ctx, q: z.infer<typeof ProofListQuery>) {
  const { rows, total, names } = await page(ctx, q);
  return pageOf(
    rows.map((r) => present(ctx, r, names)),
    total,
    q,
  );
}

async function one(ctx: Ctx, id: string) {
  const r = await proofRepo.find(ctx.database.db, id);
  if (!r) throw notFound('data_proof', id);
  return present(ctx, r, await departmentNames(ctx, [r.departmentId]));
}

export async function createProof(ctx: Ctx, body: z.infer<typeof ProofCreate>) {
  const dept = await getDepartment(ctx, body.departmentId);
  assertCan(ctx.actor, P.proof, { regionPath: dept.regionPath, departmentId: dept.id });
  const id = newId();
  const now = ctx.now?.() ?? new Date();
  await transact(ctx, async (t) => {
    if (await proofRepo.byItemAndName(t.tx, body.itemName, body.proofName))
      throw new AppError('data.proof_code_taken', { fields: [{ field: 'proofName', code: 'duplicate' }] });
    await proofRepo.insert(t.tx, { id, ...body, regionPath: dept.regionPath, createdAt: now, updatedAt: now });
    t.audit({
      action: 'data.proof.create',
      objectType: 'data_proof',
      objectId: id,
      summary: { itemName: body.itemName, proofName: body.proofName, disposition: body.disposition },
    });
  });
  return one(ctx, id);
}

export async function updateProof(ctx: Ctx, id: string, body: z.infer<typeof ProofUpdate>) {
  await transact(ctx, async (t) => {
    const r = await proofRepo.find(t.tx, id);
    if (!r) throw notFound('data_proof', id);
    assertCan(t.actor, P.proof, scopeOf(r));
    await proofRepo.update(t.tx, id, { ...body, updatedAt: t.now?.() ?? new Date() });
    t.audit({
      action: 'data.proof.update',
      objectType: 'data_proof',
      objectId: id,
      summary: { itemName: r.itemName, proofName: r.proofName, from: r.disposition, to: body.disposition ?? r.disposition, changed: Object.keys(body) },
    });
  });
  return one(ctx, id);
}

export async function deleteProof(ctx: Ctx, id: string) {
  await transact(ctx, async (t) => {
    const r = await proofRepo.find(t.tx, id);
    if (!r) throw notFound('data_proof', id);
    assertCan(t.actor, P.proof, scopeOf(r));
    await proofRepo.remove(t.tx, id);
    t.audit({
      action: 'data.proof.delete',
      objectType: 'data_proof',
      objectId: id,
      summary: { itemName: r.itemName, proofName: r.proofName, disposition: r.disposition },
    });
  });
}

/** A material is a proof when its name ends with 证明 (a trailing note in full-width brackets aside). */
export function proofNameOf(materialName: string): string | null {
  const base = materialName
    .trim()
    .replace(/（[^（）]*）$/, '')
    .trim();
  return base.endsWith('证明') ? base : null;
}

/**
 * The proof list's rule for a guide: every proof the applicant is asked for (source applicant or
 * commitment; a government source is fetched, not asked) is listed for the item, not dropped, not
 * replaced by shared data, and asked as a commitment where the list says so. Field errors name the
 * material.
 */
export async function guideProofErrors(
  ctx: Ctx,
  guide: { itemName: string; materials: { name: string; source: string }[] },
  prefix = 'guide',
): Promise<FieldError[]> {
  const asked = guide.materials.map((m, i) => ({ i, source: m.source, proof: m.source === 'government' ? null : proofNameOf(m.name) })).filter((m) => m.proof);
  if (!asked.length) return [];
  const entries = await proofRepo.ofItem(ctx.database.db, guide.itemName, [...new Set(asked.map((m) => m.proof!))]);
  const by = new Map(entries.map((e) => [e.proofName, e]));
  const out: FieldError[] = [];
  for (const m of asked) {
    const e = by.get(m.proof!);
    const field = `${prefix}.materials.${m.i}.name`;
    if (!e) out.push({ field, code: 'proof_not_listed' });
    else if (e.disposition === 'dropped') out.push({ field, code: 'proof_dropped' });
    else if (e.disposition === 'shared_data') out.push({ field, code: 'proof_replaced_by_sharing' });
    else if (e.disposition === 'commitment' && m.source !== 'commitment') out.push({ field, code: 'proof_replaced_by_commitment' });
  }
  return out;
}

/** Throws 422 `data.proof_not_listed` with every offending material (catalog calls it at publication). */
export async function assertGuideProofs(ctx: Ctx, guide: { itemName: string; materials: { name: string; source: string }[] }, prefix = 'guide'): Promise<void> {
  const errors = await guideProofErrors(ctx, guide, prefix);
  if (errors.length) throw new AppError('data.proof_not_listed', { fields: errors, extra: { itemName: guide.itemName } });
}

/** How the list answers an (item, proof) pair: not on it (`not_listed`), on it as `dropped` (取消), or listed (null). */
export interface ProofListStatus {
  itemName: string;
  proofName: string;
  problem: 'not_listed' | 'dropped' | null;
}

/**
 * For (item base name, proof name) pairs, whether each proof is on the item's list and not dropped —
 * supervision's rule `proof.not_listed` asks it for a page of cases in one statement.
 */
export async function proofListStatus(ctx: Ctx, pairs: { itemName: string; proofName: string }[]): Promise<ProofListStatus[]> {
  if (!pairs.length) return [];
  const rows = await proofRepo.ofItems(ctx.database.db, [...new Set(pairs.map((p) => p.itemName))], [...new Set(pairs.map((p) => p.proofName))]);
  const by = new Map(rows.map((r) => [`${r.itemName}\u0000${r.proofName}`, r.disposition]));
  return pairs.map((p) => {
    const d = by.get(`${p.itemName}\u0000${p.proofName}`);
    return { itemName: p.itemName, proofName: p.proofName, problem: d === undefined ? 'not_listed' : d === 'dropped' ? 'dropped' : null };
  });
}
