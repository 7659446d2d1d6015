import { transact, type Ctx } from '../../platform/context.ts';
import { AppError, notFound, registerErrors } from '../../platform/errors.ts';
import { getLegalEntity, revealIdNumber } from '../identity/index.ts';
import { publishedResources, querySharedData } from '../data/index.ts';
import { whyNot } from './policy.ts';
import { caseRepo, type CaseMaterial } from './repository.ts';
import type { CaseSubmit, CaseView } from './schemas.ts';
import type { SharedMaterial } from './tables.ts';
import { mayRead, standingOf, toRecorded } from './case-state.ts';
import { loadWorkflow } from './workflows.ts';
import { deriveState } from './workflow/engine.ts';
import { present } from './present.ts';

// Materials from shared data (数据共享, issue 19): a government-issued material whose guide names a
// data catalog resource is fetched by the case, never asked of the applicant. The fetch runs before
// the submit's transaction (in parallel, no transaction open while a provider answers); the result,
// or the failure, is stored with the case's material. A failed one leaves the clerk three ways at
// acceptance: retry the fetch (refetchSharedMaterial), ask the applicant (request_correction naming
// it), or accept it as pending (容缺, accept.ts; refused by credit's no-容缺 measure).

registerErrors({
  'cases.shared_material_failed': {
    status: 409,
    zh: '有材料未能通过数据共享调取：请重新调取、要求申请人补正，或容缺受理',
    en: 'A material could not be fetched from shared data: fetch it again, ask the applicant (correction), or accept it as pending',
  },
  'cases.shared_material_not_failed': { status: 409, zh: '该材料不是调取失败的共享材料', en: 'This material is not a failed fetch from shared data' },
});

/** What a guide material says about sharing (catalog's Material). */
export interface GuideSharedMaterial {
  name: string;
  source: 'applicant' | 'government' | 'commitment';
  sharedData?: { resource: string; fields: string[] };
}

type Subject = { idNumber: string } | { uscc: string };

/** Who reads: the department handling the case, as the platform itself (no OIDC client). */
interface CaseReader {
  departmentId: string;
  caseNo: string;
  itemName: string;
}

/** The guide's shared materials the submit did not give otherwise (uploads or a wallet certificate come first). */
export function materialsToFetch(guide: readonly GuideSharedMaterial[], input: CaseSubmit['materials']): GuideSharedMaterial[] {
  return guide.filter((g) => {
    if (g.source !== 'government' || !g.sharedData) return false;
    const m = input.find((x) => x.name === g.name);
    return !(m && (m.fileIds.length || m.certificateIdentifier));
  });
}

/**
 * The applicant's identifier for the providers, read before the transaction: a walk-in applicant's
 * from the submit, an online person's full ID number (identity audits the read), an enterprise's USCC.
 */
async function subjectForSubmit(ctx: Ctx, input: CaseSubmit, caseNo: string): Promise<Subject | null> {
  if (input.applicant) return input.applicant.kind === 'person' ? { idNumber: input.applicant.idNumber } : { uscc: input.applicant.uscc };
  const { kind, subjectId } = ctx.actor;
  if (kind === 'person' && subjectId) return { idNumber: await revealIdNumber(ctx, subjectId, `共享数据调取申请材料（办件 ${caseNo}）`) };
  if (kind === 'entity' && subjectId) return { uscc: (await getLegalEntity(ctx, subjectId)).uscc };
  return null;
}

async function subjectOfCase(ctx: Ctx, row: { applicantKind: 'person' | 'entity'; applicantId: string; caseNo: string }): Promise<Subject> {
  if (row.applicantKind === 'person') return { idNumber: await revealIdNumber(ctx, row.applicantId, `共享数据重新调取申请材料（办件 ${row.caseNo}）`) };
  return { uscc: (await getLegalEntity(ctx, row.applicantId)).uscc };
}

/** One fetch through the data module (its checks, its log and audit, the person's 数据使用记录); never throws. */
async function fetchOne(ctx: Ctx, reader: CaseReader, subject: Subject, g: GuideSharedMaterial, tries: number): Promise<SharedMaterial> {
  const spec = g.sharedData!;
  const attemptedAt = (ctx.now?.() ?? new Date()).toISOString();
  const base = { resource: spec.resource, fields: spec.fields, attemptedAt, tries };
  try {
    const r = await querySharedData(
      ctx,
      { departmentId: reader.departmentId, clientId: null, name: '政务服务办件系统' },
      {
        resource: spec.resource,
        subject,
        fields: spec.fields,
        purpose: `办理“${reader.itemName}”：${g.name}`.slice(0, 200),
        caseNo: reader.caseNo,
      },
    );
    const legalBasis = r.legalBasis ?? (r.sharingType === 'unconditional' ? '无条件共享' : '本部门数据');
    return {
      ...base,
      status: r.found ? 'fetched' : 'failed',
      resourceName: r.resourceName,
      data: r.found ? r.data : null,
      labels: r.labels,
      source: r.source,
      approvalId: r.approvalId,
      legalBasis,
      accessId: r.accessId,
      error: r.found ? null : 'data.not_found',
    };
  } catch (e) {
    if (!(e instanceof AppError)) ctx.log.error({ err: e, resource: spec.resource, caseNo: reader.caseNo }, 'shared material fetch failed');
    const error = e instanceof AppError ? e.code : 'data.fetch_error';
    return { ...base, status: 'failed', resourceName: null, data: null, labels: {}, source: null, approvalId: null, legalBasis: null, accessId: null, error };
  }
}

/**
 * The submit's fetches, all at once, before its transaction: material name → what came back. Empty
 * when the guide has none to fetch (or the applicant is not known yet: the transaction refuses that).
 */
export async function fetchForSubmit(
  ctx: Ctx,
  input: CaseSubmit,
  guide: readonly GuideSharedMaterial[],
  reader: CaseReader,
): Promise<Map<string, SharedMaterial>> {
  const wanted = materialsToFetch(guide, input.materials);
  if (!wanted.length) return new Map();
  const subject = await subjectForSubmit(ctx, input, reader.caseNo);
  if (!subject) return new Map();
  const results = await Promise.all(wanted.map((g) => fetchOne(ctx, reader, subject, g, 1)));
  return new Map(wanted.map((g, i) => [g.name, results[i]!]));
}

/**
 * For the apply form: which materials the case will fetch and from where (the published resource's
 * name and owner), so the applicant sees "filled from shared data: <source>" before submitting.
 */
export async function sharedSourcesOf(ctx: Ctx, guide: unknown) {
  const materials = ((guide as { materials?: GuideSharedMaterial[] }).materials ?? []).filter((m) => m.source === 'government' && m.sharedData);
  if (!materials.length) return [];
  const resources = new Map((await publishedResources(ctx)).map((r) => [r.code as string, r]));
  return materials.map((m) => {
    const r = resources.get(m.sharedData!.resource);
    return {
      material: m.name,
      resource: m.sharedData!.resource,
      resourceName: (r?.name as string | undefined) ?? null,
      departmentName: (r?.department as string | undefined) ?? null,
    };
  });
}

/** The case's material for a guide material fetched at submission. */
export function sharedCaseMaterial(g: { name: string; required: boolean }, shared: SharedMaterial): CaseMaterial {
  return { name: g.name, required: g.required, provision: 'shared', fileIds: [], shared };
}

/** Required materials whose fetch failed and that nothing else has given since: the clerk's choice at acceptance. */
export function failedSharedMaterials(materials: readonly CaseMaterial[]): string[] {
  return materials.filter((m) => m.required && m.provision === 'shared' && m.shared?.status === 'failed').map((m) => m.name);
}

/**
 * After a correction that named failed shared materials: the applicant's files given with it stand
 * for them (the record of the failed fetch stays with the material).
 */
export function materialsAfterCorrection(
  materials: readonly CaseMaterial[],
  correctionItems: readonly { material: string }[] | null,
  fileIds: readonly string[],
): CaseMaterial[] | undefined {
  const named = new Set((correctionItems ?? []).map((c) => c.material));
  if (!fileIds.length || !materials.some((m) => named.has(m.name) && m.provision === 'shared' && m.shared?.status === 'failed')) return undefined;
  return materials.map((m) =>
    named.has(m.name) && m.provision === 'shared' && m.shared?.status === 'failed' ? { ...m, provision: 'upload' as const, fileIds: [...fileIds] } : m,
  );
}

/**
 * 重新调取: the clerk who may accept the case fetches a failed shared material again (outside any
 * transaction), then stores the outcome if the case has not changed meanwhile (409 resource.stale).
 * 409 cases.shared_material_not_failed when the material is not a failed fetch.
 */
export async function refetchSharedMaterial(ctx: Ctx, caseNo: string, input: { material: string; version?: number }): Promise<CaseView> {
  await ctx.calendar.refresh();
  const db = ctx.database.db;
  const row = await caseRepo.byNo(db, caseNo);
  if (!row || !mayRead(ctx.actor, row)) throw notFound('case', caseNo);
  if (input.version !== undefined && input.version !== row.version) throw new AppError('resource.stale', { extra: { version: row.version } });
  const def = await loadWorkflow(ctx, row.workflowCode, row.workflowVersion);
  const state = deriveState(def, row.submittedOn, (await caseRepo.actions(db, row.id)).map(toRecorded));
  // Whoever may accept the case now may fetch again (the window clerk at the acceptance step).
  const refused = whyNot(ctx.actor, standingOf(row, def, state), 'accept');
  if (refused) throw new AppError(refused.code, { extra: refused.extra });
  const m = row.materials.find((x) => x.name === input.material);
  if (!m?.shared || m.provision !== 'shared' || m.shared.status !== 'failed')
    throw new AppError('cases.shared_material_not_failed', { extra: { material: input.material } });
  const previous = m.shared;
  const subject = await subjectOfCase(ctx, row);
  const g: GuideSharedMaterial = { name: m.name, source: 'government', sharedData: { resource: previous.resource, fields: previous.fields } };
  const shared = await fetchOne(ctx, { departmentId: row.departmentId, caseNo, itemName: row.itemName }, subject, g, previous.tries + 1);
  return transact(ctx, async (t) => {
    const materials = row.materials.map((x) => (x.name === m.name ? { ...x, shared } : x));
    const updated = await caseRepo.updateIfVersion(t.tx, row.id, row.version, { materials });
    if (!updated) throw new AppError('resource.stale');
    t.audit({
      action: 'case.shared_material.refetch',
      objectType: 'case',
      objectId: caseNo,
      summary: { material: m.name, resource: shared.resource, outcome: shared.status, error: shared.error, accessId: shared.accessId, tries: shared.tries },
    });
    return present(t, updated, await caseRepo.actions(t.tx, row.id), def);
  });
}
