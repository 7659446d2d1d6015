import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import type { Database } from '../../platform/db/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { can, mayChangeOwned, regionWithin, scopesOf, type Actor } from '../../platform/auth/index.ts';
import { generationCache } from '../../platform/meta/generation-cache.ts';
import { bumpGeneration } from '../../platform/meta/generations.ts';
import { getApplicableVersion } from '../catalog/index.ts';
import { findRegion, getDepartment } from '../org/index.ts';
import { casePermissions } from './policy.ts';
import { workflowRepo } from './repository.ts';
import { WorkflowOwnerInput, type WorkflowOwner, type WorkflowView } from './schemas.ts';
import { defaultWorkflow, WorkflowDefinition } from './workflow/definition.ts';

// Workflow definitions: which exist (built-in and custom, versioned), who owns and changes them, which item uses which.

const builtInWorkflows: Record<string, WorkflowDefinition> = { [defaultWorkflow.code]: defaultWorkflow };

/**
 * Workflow versions, per database handle: a version is never changed once saved (a change is a new
 * version, numbered past the built-in one too), so a definition read by code and version stays good
 * for the life of the process.
 * Every case read and list needs its case's definition; this spares a statement each time. Not
 * filled inside a transaction (it may yet roll back the version it saved). Bounded like the actor cache.
 */
const savedVersions = new WeakMap<Database, Map<string, WorkflowDefinition>>();
const SAVED_VERSIONS_MAX = 1_000;

/** A workflow definition version (latest when no version is given). */
export async function loadWorkflow(ctx: Ctx, code: string, version?: number): Promise<WorkflowDefinition> {
  const cacheable = version !== undefined && !('tx' in ctx);
  let cache = cacheable ? savedVersions.get(ctx.database) : undefined;
  const key = `${code}@${version}`;
  const cached = cache?.get(key);
  if (cached) return cached;
  const row = await workflowRepo.find(ctx.database.db, code, version);
  const builtIn = builtInWorkflows[code];
  // A built-in version is never saved as a row (saveWorkflow numbers past it), so it is as final as a saved one.
  const found = row?.definition ?? (builtIn && (version === undefined || version === builtIn.version) ? builtIn : undefined);
  if (!found) throw notFound('workflow', `${code}@${version ?? 'latest'}`);
  if (cacheable) {
    if (!cache) savedVersions.set(ctx.database, (cache = new Map()));
    if (cache.size >= SAVED_VERSIONS_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, found);
  }
  return found;
}

/** The whole installation: owner of the built-in workflows (changed only with a city-wide grant). */
const cityWide: WorkflowOwner = { regionPath: '', departmentId: null };

/** The scope that owns a workflow (undefined: no such workflow). Built-in ones are city-wide. */
async function ownerOf(ctx: Ctx, code: string): Promise<WorkflowOwner | undefined> {
  if (builtInWorkflows[code]) return cityWide;
  const row = await workflowRepo.find(ctx.database.db, code);
  return row ? { regionPath: row.ownerRegionPath, departmentId: row.ownerDepartmentId } : undefined;
}

/** Does the owner's scope take in the item's (its region subtree, and its department if it has one)? */
function ownerCovers(owner: WorkflowOwner, item: { regionPath: string; departmentId: string }): boolean {
  return regionWithin(item.regionPath, owner.regionPath) && (owner.departmentId === null || owner.departmentId === item.departmentId);
}

/**
 * `cases.workflow.manage` over the whole scope: `can()` over its region (and department); the
 * whole installation ('') with a city-wide grant (platform/auth/city-wide.ts, as for calendar
 * overrides and the hotline's tables).
 */
const mayManageWorkflows = (actor: Actor, scope: WorkflowOwner): boolean => mayChangeOwned(actor, casePermissions.workflows, scope);
/** The owner a request names: a department (its region), or a region subtree ('' the whole installation). */
async function requestedOwner(t: TxCtx, input: unknown): Promise<WorkflowOwner | undefined> {
  if (input === undefined) return undefined;
  const parsed = WorkflowOwnerInput.safeParse(input);
  if (!parsed.success) throw new AppError('request.invalid', { fields: [{ field: 'owner', code: 'invalid' }] });
  if ('departmentId' in parsed.data) {
    const d = await getDepartment(t, parsed.data.departmentId);
    return { regionPath: d.regionPath, departmentId: d.id };
  }
  const path = parsed.data.regionPath;
  if (path !== '') {
    const region = await findRegion(t, path.split('/').at(-1)!);
    if (!region || region.path !== path) throw new AppError('request.invalid', { fields: [{ field: 'owner.regionPath', code: 'not_found' }] });
  }
  return { regionPath: path, departmentId: null };
}

/** Without an owner in the request, a new workflow belongs to the one scope in which the actor manages workflows. */
function defaultOwner(actor: Actor): WorkflowOwner {
  const scopes = scopesOf(actor, casePermissions.workflows).scopes;
  const distinct = [...new Map(scopes.map((s) => [`${s.regionPath}|${s.departmentId ?? ''}`, s])).values()];
  if (distinct.length !== 1) throw new AppError('request.invalid', { fields: [{ field: 'owner', code: 'required' }] });
  return distinct[0]!;
}

/** A workflow version with the scope that owns it. */
export async function workflowView(ctx: Ctx, code: string, version?: number): Promise<WorkflowView> {
  const def = await loadWorkflow(ctx, code, version);
  return { ...def, owner: (await ownerOf(ctx, code))! };
}

/**
 * Saves a new version of a workflow definition (validated) and returns it with its owner. A new
 * code belongs to `owner` (a department, or a region subtree; default: the one scope in which the
 * actor manages workflows); later versions keep the first version's owner. Only staff holding
 * `cases.workflow.manage` over the whole owner scope save a version (403 `auth.out_of_scope`); the
 * built-in `default` is city-wide.
 */
export async function saveWorkflow(ctx: Ctx, input: unknown): Promise<WorkflowView> {
  const { owner: ownerInput, ...body } =
    input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : { owner: undefined };
  const parsed = WorkflowDefinition.safeParse(input !== null && typeof input === 'object' && !Array.isArray(input) ? body : input);
  if (!parsed.success)
    throw new AppError('request.invalid', {
      fields: parsed.error.issues.map((i) => ({ field: i.path.join('.'), code: String((i as { params?: { code?: string } }).params?.code ?? i.code) })),
    });
  return transact(ctx, async (t) => {
    if (!can(t.actor, casePermissions.workflows)) throw new AppError('auth.forbidden', { extra: { permission: casePermissions.workflows } });
    const existing = await ownerOf(t, parsed.data.code);
    if (existing && !mayManageWorkflows(t.actor, existing)) throw new AppError('auth.out_of_scope', { extra: { permission: casePermissions.workflows } });
    const asked = await requestedOwner(t, ownerInput);
    if (existing && asked && (asked.regionPath !== existing.regionPath || asked.departmentId !== existing.departmentId)) {
      throw new AppError('request.invalid', { fields: [{ field: 'owner', code: 'cannot_change' }] });
    }
    const owner = existing ?? asked ?? defaultOwner(t.actor);
    if (!mayManageWorkflows(t.actor, owner)) throw new AppError('auth.out_of_scope', { extra: { permission: casePermissions.workflows } });
    const latest = await workflowRepo.find(t.tx, parsed.data.code);
    const builtInVersion = builtInWorkflows[parsed.data.code]?.version ?? 0;
    const version = Math.max(latest?.version ?? 0, builtInVersion) + 1;
    const definition = { ...parsed.data, version };
    await workflowRepo.insert(t.tx, {
      code: definition.code,
      version,
      definition,
      ownerRegionPath: owner.regionPath,
      ownerDepartmentId: owner.departmentId,
      createdBy: t.actor.id,
    });
    await bumpGeneration(t, casesReferenceGeneration);
    t.audit({
      action: 'case_workflow.create',
      objectType: 'case_workflow',
      objectId: `${definition.code}@${version}`,
      summary: { steps: definition.steps.map((s) => s.key), owner },
    });
    return { ...definition, owner };
  });
}

/**
 * New cases of the implementation start on the latest version of this workflow. Only staff holding
 * `cases.workflow.manage` over the item's department and region bind it (403 `auth.out_of_scope`),
 * and only to a workflow whose owner scope takes the item in (400 `outside_owner_scope`); the
 * built-in `default` may be used by every item.
 */
export async function bindWorkflow(ctx: Ctx, implementationCode: string, workflowCode: string): Promise<void> {
  await transact(ctx, async (t) => {
    if (!can(t.actor, casePermissions.workflows)) throw new AppError('auth.forbidden', { extra: { permission: casePermissions.workflows } });
    const impl = await getApplicableVersion(t, implementationCode);
    const item = { regionPath: impl.regionPath, departmentId: impl.departmentId };
    if (!mayManageWorkflows(t.actor, item)) throw new AppError('auth.out_of_scope', { extra: { permission: casePermissions.workflows } });
    const owner = await ownerOf(t, workflowCode);
    if (!owner) throw notFound('workflow', workflowCode);
    if (!builtInWorkflows[workflowCode] && !ownerCovers(owner, item))
      throw new AppError('request.invalid', { fields: [{ field: 'workflowCode', code: 'outside_owner_scope' }] });
    const previous = await workflowRepo.binding(t.tx, implementationCode);
    await workflowRepo.bind(t.tx, implementationCode, workflowCode);
    await bumpGeneration(t, casesReferenceGeneration);
    t.audit({
      action: 'case_workflow.bind',
      objectType: 'implementation',
      objectId: implementationCode,
      summary: { workflowCode, previous: previous?.workflowCode ?? null },
    });
  });
}

/**
 * The generation of the cases module's reference data (workflow versions and bindings, 容缺 lists):
 * every change to them bumps it in its transaction, so a submit reads them from memory.
 */
export const casesReferenceGeneration = 'cases';

/** Per generation: what each implementation's new cases start on, filled as implementations are submitted to. */
const newCaseWorkflows = generationCache(casesReferenceGeneration, async () => new Map<string, Promise<WorkflowDefinition>>());

async function loadWorkflowForNewCase(ctx: Ctx, implementationCode: string): Promise<WorkflowDefinition> {
  const binding = await workflowRepo.binding(ctx.database.db, implementationCode);
  return loadWorkflow(ctx, binding?.workflowCode ?? 'default');
}

/** The workflow new cases of the implementation start on: its bound one (latest version), else the built-in default. */
export async function workflowForNewCase(ctx: Ctx, implementationCode: string): Promise<WorkflowDefinition> {
  if ('tx' in ctx) return loadWorkflowForNewCase(ctx, implementationCode);
  const memo = await newCaseWorkflows(ctx);
  let def = memo.get(implementationCode);
  if (!def) {
    def = loadWorkflowForNewCase(ctx, implementationCode);
    memo.set(implementationCode, def);
    def.catch(() => memo.delete(implementationCode));
  }
  return def;
}
