import { randomInt } from 'node:crypto';
import { and, eq, like, or, type SQL } from 'drizzle-orm';
import { asActor, transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/db/index.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { can, scopesOf, systemActor, type Actor } from '../../platform/auth/index.ts';
import { mayChangeOwned } from '../../platform/auth/city-wide.ts';
import { notifyApplicant } from './notify.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { findFile, readStoredFile, reassignFiles, storeFile } from '../../platform/files/index.ts';
import { getApplicableVersion } from '../catalog/index.ts';
import { ensureLegalEntity, ensurePerson, getStaff, listStaff } from '../identity/index.ts';
import { findRegion, getDepartment } from '../org/index.ts';
import { casePermissions, holdsAtStep, isApplicantOf, offeredActions, whyNot, type CaseStanding } from './policy.ts';
import { caseRepo, certificateRepo, draftRepo, serialRepo, workflowRepo, type CaseActionRow, type CaseRow, type LightUpdate } from './repository.ts';
import { cases, type CaseMaterial } from './tables.ts';
import { WorkflowOwnerInput, type CaseSubmit, type CaseView, type WorkflowOwner, type WorkflowView } from './schemas.ts';
import { defaultWorkflow, WorkflowDefinition } from './workflow/definition.ts';
import {
  allowedActionsByStatus,
  applyAction,
  checkAction,
  deriveState,
  initialState,
  terminalStatuses,
  type CaseAction,
  type CaseState,
  type RecordedAction,
} from './workflow/engine.ts';
import { caseDeadlines, type Light } from './workflow/clock.ts';
import { issueCertificate } from './certificate-service.ts';
import { checkFormData, formOfGuide, identityFacts } from './forms-service.ts';
import { checkCredit } from './credit.ts';
import { deferrableMaterials } from './deferral-service.ts';
import type { IdentityFacts } from '../../platform/forms/index.ts';

/** Yellow light threshold in working days (CASES_YELLOW_DAYS, default 2). */
export const yellowDays = Number.parseInt(process.env.CASES_YELLOW_DAYS ?? '2', 10) || 2;

const TERMINAL: string[] = [...terminalStatuses];

// ---------- workflows ----------

const builtInWorkflows: Record<string, WorkflowDefinition> = { [defaultWorkflow.code]: defaultWorkflow };

/** A workflow definition version (latest when no version is given). */
export async function loadWorkflow(ctx: Ctx, code: string, version?: number): Promise<WorkflowDefinition> {
  const row = await workflowRepo.find(ctx.database.db, code, version);
  if (row) return row.definition;
  const builtIn = builtInWorkflows[code];
  if (builtIn && (version === undefined || version === builtIn.version)) return builtIn;
  throw notFound('workflow', `${code}@${version ?? 'latest'}`);
}

/** The whole installation: owner of the built-in workflows (changed only with a city-wide grant). */
const cityWide: WorkflowOwner = { regionPath: '', departmentId: null };

/** The scope that owns a workflow (undefined: no such workflow). Built-in ones are city-wide. */
async function ownerOf(ctx: Ctx, code: string): Promise<WorkflowOwner | undefined> {
  if (builtInWorkflows[code]) return cityWide;
  const row = await workflowRepo.find(ctx.database.db, code);
  return row ? { regionPath: row.ownerRegionPath, departmentId: row.ownerDepartmentId } : undefined;
}

/** Does the owner's scope take in the item's (region subtree, and its department if it has one)? Asked through `can`. */
function ownerCovers(owner: WorkflowOwner, item: { regionPath: string; departmentId: string }): boolean {
  const asOwner: Actor = { id: null, kind: 'system', name: 'workflow owner', grants: [{ role: 'owner', permissions: [casePermissions.workflows], ...owner }] };
  return can(asOwner, casePermissions.workflows, item);
}

/**
 * `cases.workflow.manage` over the whole scope: `can()` over its region (and department); the
 * whole installation ('') with a city-wide grant (platform/auth/city-wide.ts, as for calendar
 * overrides and the hotline's tables).
 */
function mayManageWorkflows(actor: Actor, scope: WorkflowOwner): boolean {
  return mayChangeOwned(actor, casePermissions.workflows, scope);
}

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
  const { owner: ownerInput, ...body } = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : { owner: undefined };
  const parsed = WorkflowDefinition.safeParse(input !== null && typeof input === 'object' && !Array.isArray(input) ? body : input);
  if (!parsed.success) throw new AppError('request.invalid', { fields: parsed.error.issues.map((i) => ({ field: i.path.join('.'), code: String((i as { params?: { code?: string } }).params?.code ?? i.code) })) });
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
    await workflowRepo.insert(t.tx, { code: definition.code, version, definition, ownerRegionPath: owner.regionPath, ownerDepartmentId: owner.departmentId, createdBy: t.actor.id });
    t.audit({ action: 'case_workflow.create', objectType: 'case_workflow', objectId: `${definition.code}@${version}`, summary: { steps: definition.steps.map((s) => s.key), owner } });
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
    if (!builtInWorkflows[workflowCode] && !ownerCovers(owner, item)) throw new AppError('request.invalid', { fields: [{ field: 'workflowCode', code: 'outside_owner_scope' }] });
    const previous = await workflowRepo.binding(t.tx, implementationCode);
    await workflowRepo.bind(t.tx, implementationCode, workflowCode);
    t.audit({ action: 'case_workflow.bind', objectType: 'implementation', objectId: implementationCode, summary: { workflowCode, previous: previous?.workflowCode ?? null } });
  });
}

// ---------- helpers ----------

function toRecorded(a: CaseActionRow): RecordedAction {
  return { action: a.action as CaseAction, date: a.occurredOn, actorId: a.actorId, stepKey: a.stepKey, payload: a.payload };
}

function stepName(ctx: Ctx, def: WorkflowDefinition, key: string): string {
  const step = def.steps.find((s) => s.key === key);
  if (!step) return key;
  return ctx.locale.startsWith('en') ? step.name.en : step.name.zh;
}

/** The applicant, staff who may read the department's cases, and whoever may act at the current step (e.g. an inspector in a custom step). */
function mayRead(actor: Actor, row: CaseRow): boolean {
  return isApplicantOf(actor, row) || can(actor, casePermissions.read, { regionPath: row.regionPath, departmentId: row.departmentId }) || holdsAtStep(actor, row.stepRole, row);
}

function standingOf(row: CaseRow, def: WorkflowDefinition, state: CaseState): CaseStanding {
  return { departmentId: row.departmentId, regionPath: row.regionPath, applicantKind: row.applicantKind, applicantId: row.applicantId, def, state };
}

function cacheOf(ctx: Ctx, def: WorkflowDefinition, state: CaseState, row: Pick<CaseRow, 'submittedOn' | 'promisedDays' | 'regionPath'>, today: string) {
  const d = caseDeadlines(ctx.calendar, def, state, row.submittedOn, row.promisedDays, today, { region: row.regionPath, yellowDays });
  const terminal = TERMINAL.includes(state.status);
  return {
    status: state.status,
    stepKey: state.step.key,
    stepRole: state.step.role,
    assigneeId: state.assigneeId,
    outcome: state.outcome,
    dueDate: d.case.dueDate,
    dueEstimated: d.case.estimated,
    stepDueDate: d.step.dueDate,
    paused: d.case.paused,
    light: terminal ? null : d.case.light,
    concludedOn: state.concludedOn,
    supplyBy: terminal ? null : supplyByOf(ctx, state, d.case.dueDate, row.regionPath),
  };
}

/** Working days the applicant has to supply a requested correction (CASES_CORRECTION_DAYS, default 30). */
export const correctionDays = Number.parseInt(process.env.CASES_CORRECTION_DAYS ?? '30', 10) || 30;

/** When what is asked of the applicant is due: a correction (N working days from the request) or pending 容缺 materials. */
function supplyByOf(ctx: Ctx, state: CaseState, caseDue: string, region: string): string | null {
  if (state.status === 'awaiting_correction' && state.correctionRequestedOn) return ctx.calendar.addWorkingDays(state.correctionRequestedOn, correctionDays, region).date;
  if (state.pendingMaterials.length) return state.supplyBy ?? caseDue;
  return null;
}

/** What the applicant sees of each action's details; staff see everything. */
const publicDetails: Record<CaseAction, readonly string[] | null> = {
  accept: ['pendingMaterials', 'supplyBy'],
  refuse: ['reason', 'legalBasis'],
  request_correction: ['items', 'note'],
  submit_correction: ['note'],
  approve: [],
  deny: ['reason', 'legalBasis'],
  return_to_previous: null,
  transfer: null,
  start_special_procedure: ['procedure', 'note'],
  end_special_procedure: [],
  issue: ['certificateIdentifier'],
  deliver: ['method', 'pickupCode', 'carrier', 'trackingNumber'],
  withdraw: ['reason'],
  claim: null,
  supplement_materials: ['materials', 'note'],
  expire: ['reason', 'due'],
};

async function present(ctx: Ctx, row: CaseRow, log: CaseActionRow[], def: WorkflowDefinition): Promise<CaseView> {
  const state = deriveState(def, row.submittedOn, log.map(toRecorded));
  const staffView = !isApplicantOf(ctx.actor, row);
  const today = ctx.calendar.today();
  const terminal = TERMINAL.includes(state.status);
  const d = terminal ? null : caseDeadlines(ctx.calendar, def, state, row.submittedOn, row.promisedDays, today, { region: row.regionPath, yellowDays });
  const mine = offeredActions(ctx.actor, standingOf(row, def, state));
  const timeline = [
    { seq: 0, action: 'submit', stepKey: def.steps[0]!.key, stepName: stepName(ctx, def, def.steps[0]!.key), actorName: row.channel === 'window' ? '窗口代办' : row.applicantName, occurredAt: row.submittedAt.toISOString(), details: { channel: row.channel } },
    ...log.flatMap((a) => {
      const keys = publicDetails[a.action as CaseAction];
      if (!staffView && keys === null) return [];
      const details = staffView ? a.payload : Object.fromEntries(Object.entries(a.payload).filter(([k]) => keys!.includes(k)));
      return [{ seq: a.seq, action: a.action, stepKey: a.stepKey, stepName: stepName(ctx, def, a.stepKey), actorName: a.actorName, occurredAt: a.occurredAt.toISOString(), details }];
    }),
  ];
  const cert = await certificateRepo.byCase(ctx.database.db, row.id);
  return {
    caseNo: row.caseNo,
    implementationCode: row.implementationCode,
    itemName: row.itemName,
    guideVersion: row.guideVersion,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    channel: row.channel,
    applicant: { kind: row.applicantKind, id: row.applicantId, name: row.applicantName },
    submittedAt: row.submittedAt.toISOString(),
    promisedDays: row.promisedDays,
    status: state.status,
    step: { key: state.step.key, name: stepName(ctx, def, state.step.key), role: state.step.role },
    outcome: state.outcome,
    assigneeId: staffView ? state.assigneeId : null,
    correctionItems: state.correctionItems,
    pendingMaterials: state.pendingMaterials,
    supplyBy: row.supplyBy,
    deadlines: d,
    concludedOn: state.concludedOn,
    version: row.version,
    allowedActions: mine,
    formData: row.formData,
    materials: row.materials,
    timeline,
    certificate: cert ? { identifier: cert.identifier, name: cert.name, status: cert.status } : null,
  };
}

// ---------- submit ----------

interface Applicant {
  kind: 'person' | 'entity';
  id: string;
  name: string;
  codeTail: string;
  /** For the form: what the identity module knows (masks only). */
  facts: IdentityFacts;
}

async function resolveApplicant(t: TxCtx, input: CaseSubmit, impl: { regionPath: string; departmentId: string }): Promise<{ applicant: Applicant; channel: 'online' | 'window' }> {
  if (input.applicant) {
    if (t.actor.kind !== 'staff' || !can(t.actor, casePermissions.fileForApplicant, { regionPath: impl.regionPath, departmentId: impl.departmentId })) {
      throw new AppError('auth.forbidden', { extra: { permission: casePermissions.fileForApplicant } });
    }
    const a = input.applicant;
    if (a.kind === 'person') {
      const p = await ensurePerson(t, { name: a.name, idNumber: a.idNumber, phone: a.phone });
      return { applicant: { kind: 'person', id: p.id, name: p.name, codeTail: p.idNumberMasked.slice(-4).toUpperCase(), facts: await identityFacts(t, 'person', p.id) }, channel: 'window' };
    }
    const e = await ensureLegalEntity(t, { name: a.name, uscc: a.uscc, entityType: a.entityType, legalRepresentative: a.legalRepresentative });
    return { applicant: { kind: 'entity', id: e.id, name: e.name, codeTail: e.uscc.slice(-4), facts: await identityFacts(t, 'entity', e.id) }, channel: 'window' };
  }
  const { kind, subjectId } = t.actor;
  if ((kind === 'person' || kind === 'entity') && subjectId) {
    const facts = await identityFacts(t, kind, subjectId);
    const codeTail = (kind === 'person' ? facts.idNumberMasked! : facts.uscc!).slice(-4).toUpperCase();
    return { applicant: { kind, id: subjectId, name: facts.name, codeTail, facts }, channel: 'online' };
  }
  // Staff file for someone else only with `applicant`.
  throw new AppError('request.invalid', { fields: [{ field: 'applicant', code: 'required' }] });
}

type GuideMaterial = { name: string; required: boolean; source: 'applicant' | 'government' | 'commitment' };

/**
 * The case's materials from the submit. A required material on the item's 容缺 list may be left
 * out (the clerk accepts it as pending); a dishonest applicant (credit seam) gets neither that
 * nor 告知承诺.
 */
async function resolveMaterials(t: TxCtx, guideMaterials: GuideMaterial[], input: CaseSubmit['materials'], applicant: Applicant, caseNo: string, opts: { deferrable: string[]; dishonest: boolean }): Promise<CaseMaterial[]> {
  const errors: FieldError[] = [];
  input.forEach((m, i) => {
    if (!guideMaterials.some((g) => g.name === m.name)) errors.push({ field: `materials.${i}.name`, code: 'unknown_material' });
  });
  const wallet = await certificateRepo.byIdentifiers(t.tx, input.flatMap((m) => (m.certificateIdentifier ? [m.certificateIdentifier.toUpperCase()] : [])));
  const uploads = input.flatMap((m) => m.fileIds);
  const moved = new Set(await reassignFiles(t, uploads, { kind: 'upload', id: t.actor.id ?? '-' }, { kind: 'case', id: caseNo }));
  const result = guideMaterials.map((g): CaseMaterial => {
    const i = input.findIndex((m) => m.name === g.name);
    const m = input[i];
    const base = { name: g.name, required: g.required, fileIds: [] as string[] };
    if (m?.fileIds.length) {
      m.fileIds.forEach((id, j) => {
        if (!moved.has(id)) errors.push({ field: `materials.${i}.fileIds.${j}`, code: 'not_found' });
      });
      return { ...base, provision: 'upload', fileIds: m.fileIds };
    }
    if (m?.certificateIdentifier) {
      const c = wallet.find((w) => w.identifier === m.certificateIdentifier!.toUpperCase());
      if (!c || c.status !== 'valid' || c.holderKind !== applicant.kind || c.holderId !== applicant.id) errors.push({ field: `materials.${i}.certificateIdentifier`, code: 'not_in_wallet' });
      return { ...base, provision: 'wallet', certificateIdentifier: m.certificateIdentifier.toUpperCase() };
    }
    if (m?.commitment) {
      if (g.source !== 'commitment') errors.push({ field: `materials.${i}.commitment`, code: 'commitment_not_allowed' });
      else if (opts.dishonest) errors.push({ field: `materials.${i}.commitment`, code: 'commitment_refused_credit' });
      return { ...base, provision: 'commitment' };
    }
    // Issued by the government: fetched through data sharing, never asked of the applicant.
    if (g.source === 'government') return { ...base, provision: 'government' };
    if (g.required && !(opts.deferrable.includes(g.name) && !opts.dishonest)) errors.push({ field: `materials.${i >= 0 ? i : guideMaterials.indexOf(g)}`, code: 'required' });
    return { ...base, provision: 'missing' };
  });
  if (errors.length) throw new AppError('cases.materials_missing', { fields: errors });
  return result;
}

/** 办件编号: implementation code + yyyymmdd + 4-digit serial of that implementation on that day. */
async function nextCaseNo(t: TxCtx, implementationCode: string, day: string): Promise<string> {
  const serial = await serialRepo.next(t.tx, implementationCode, day);
  if (serial > 9999) throw new AppError('cases.serial_exhausted');
  return `${implementationCode}${day.replaceAll('-', '')}${String(serial).padStart(4, '0')}`;
}

/**
 * Submits a case: online by the signed-in applicant, or at a window by a clerk for a walk-in
 * applicant (`applicant` given). One transaction: case number, case row, audit event, notification.
 */
export async function submitCase(ctx: Ctx, input: CaseSubmit): Promise<CaseView> {
  await ctx.calendar.refresh();
  return transact(ctx, async (t) => {
    const applicable = await getApplicableVersion(t, input.implementationCode);
    const guide = applicable.guide as unknown as { materials: GuideMaterial[]; promisedLimitDays: number; statutoryLimitDays: number; doOnline: boolean; onlineDepth: number[]; result: { name: string; type: string } };
    if (input.guideVersion !== undefined && input.guideVersion !== applicable.version) throw new AppError('cases.guide_changed', { extra: { guideVersion: applicable.version } });
    const { applicant, channel } = await resolveApplicant(t, input, applicable);
    if (channel === 'online' && !guide.doOnline && !guide.onlineDepth.includes(4)) throw new AppError('cases.not_online');
    const form = checkFormData(formOfGuide(guide).form, input.formData, applicant.facts);
    const binding = await workflowRepo.binding(t.tx, input.implementationCode);
    const def = await loadWorkflow(t, binding?.workflowCode ?? 'default');
    const department = await getDepartment(t, applicable.departmentId);
    const now = ctx.now?.() ?? new Date();
    const today = shanghaiDate(now);
    const caseNo = await nextCaseNo(t, input.implementationCode, today);
    // Every bad field at once: the form's and the materials' (materials_missing if any material is wrong).
    const credit = await checkCredit(t, { kind: applicant.kind, id: applicant.id });
    const deferrable = await deferrableMaterials(t.tx, input.implementationCode);
    const materials = await resolveMaterials(t, guide.materials, input.materials, applicant, caseNo, { deferrable, dishonest: credit.dishonest }).catch((e: unknown) => {
      if (e instanceof AppError && form.errors.length) throw new AppError(e.code, { fields: [...form.errors, ...e.fields] });
      throw e;
    });
    if (form.errors.length) throw new AppError('cases.form_invalid', { fields: form.errors });
    const formData = form.value;
    const state = initialState(def, today);
    const base = { submittedOn: today, promisedDays: guide.promisedLimitDays, regionPath: applicable.regionPath };
    const row: typeof cases.$inferInsert = {
      id: newId(),
      caseNo,
      implementationCode: input.implementationCode,
      implementationId: applicable.implementationId,
      itemName: applicable.name,
      guideVersion: applicable.version,
      departmentId: applicable.departmentId,
      departmentName: department.name,
      workflowCode: def.code,
      workflowVersion: def.version,
      applicantKind: applicant.kind,
      applicantId: applicant.id,
      applicantName: applicant.name,
      applicantCodeTail: applicant.codeTail,
      channel,
      filedBy: t.actor.id,
      formData,
      materials,
      deliveryPreference: input.delivery ?? null,
      resultName: guide.result.name,
      resultType: guide.result.type,
      submittedAt: now,
      statutoryDays: guide.statutoryLimitDays,
      ...base,
      ...cacheOf(t, def, state, base, today),
      version: 0,
    };
    await caseRepo.insert(t.tx, row);
    if (channel === 'online') await draftRepo.delete(t.tx, { kind: applicant.kind, id: applicant.id }, input.implementationCode);
    t.audit({ action: 'case.submit', objectType: 'case', objectId: caseNo, summary: { implementationCode: input.implementationCode, channel, applicantKind: applicant.kind, materials: materials.map((m) => m.provision) } });
    await notifyApplicant(t, applicant, 'cases.submitted', { caseNo, itemName: applicable.name, dueDate: row.dueDate });
    return present(t, (await caseRepo.byNo(t.tx, caseNo))!, [], def);
  });
}

// ---------- read ----------

export async function getCase(ctx: Ctx, caseNo: string): Promise<CaseView> {
  const row = await caseRepo.byNo(ctx.database.db, caseNo);
  if (!row || !mayRead(ctx.actor, row)) throw notFound('case', caseNo);
  const def = await loadWorkflow(ctx, row.workflowCode, row.workflowVersion);
  return present(ctx, row, await caseRepo.actions(ctx.database.db, row.id), def);
}

/**
 * 转办: the colleagues a case may be transferred to at its current step — same department, active,
 * holding the step's role (the rule `transfer` checks). Staff who may read the case or act at the
 * step only; the case must be at a step that can be transferred.
 */
export async function transferCandidates(ctx: Ctx, caseNo: string) {
  if (ctx.actor.kind !== 'staff') throw new AppError('auth.forbidden');
  const row = await caseRepo.byNo(ctx.database.db, caseNo);
  if (!row || !mayRead(ctx.actor, row)) throw notFound('case', caseNo);
  const def = await loadWorkflow(ctx, row.workflowCode, row.workflowVersion);
  const step = def.steps.find((s) => s.key === row.stepKey);
  const open = ((allowedActionsByStatus as Record<string, readonly string[]>)[row.status] ?? []).includes('transfer');
  const items: { id: string; name: string; self: boolean; assignee: boolean }[] = [];
  if (open && step) {
    // Identity lists staff for managers only: read the department's staff as the platform, and answer only names.
    const system = asActor(ctx, systemActor);
    for (let page = 1; ; page++) {
      const batch = await listStaff(system, { page, pageSize: 200, departmentId: row.departmentId, active: true });
      for (const s of batch.items) {
        if (s.active && s.departmentId === row.departmentId && s.roles.some((r) => r.roleCode === step.role)) {
          items.push({ id: s.id, name: s.name, self: s.id === ctx.actor.subjectId, assignee: s.id === row.assigneeId });
        }
      }
      if (page * 200 >= batch.total) break;
    }
  }
  return { caseNo, step: { key: row.stepKey, name: stepName(ctx, def, row.stepKey), role: row.stepRole }, items };
}

function lightNow(ctx: Ctx, row: CaseRow, today: string): Light | null {
  if (TERMINAL.includes(row.status)) return null;
  if (row.paused) return row.light;
  const left = ctx.calendar.workingDaysBetween(today, row.dueDate, row.regionPath).days;
  return left < 0 ? 'red' : left <= yellowDays ? 'yellow' : 'green';
}

async function summaries(ctx: Ctx, rows: CaseRow[]) {
  const today = ctx.calendar.today();
  const defs = new Map<string, WorkflowDefinition>();
  const out = [];
  for (const r of rows) {
    const key = `${r.workflowCode}@${r.workflowVersion}`;
    if (!defs.has(key)) defs.set(key, await loadWorkflow(ctx, r.workflowCode, r.workflowVersion));
    out.push({
      caseNo: r.caseNo,
      itemName: r.itemName,
      departmentName: r.departmentName,
      applicantName: r.applicantName,
      status: r.status as CaseView['status'],
      stepName: stepName(ctx, defs.get(key)!, r.stepKey),
      submittedAt: r.submittedAt.toISOString(),
      dueDate: r.dueDate,
      light: lightNow(ctx, r, today),
      paused: r.paused,
      assigneeId: r.assigneeId,
      supplyBy: r.supplyBy,
      version: r.version,
    });
  }
  return out;
}

function withinRegion(path: string): SQL | undefined {
  return path === '' ? undefined : or(eq(cases.regionPath, path), like(cases.regionPath, `${path}/%`));
}

/** `mine`: the applicant's own cases; otherwise the cases of the departments the staff member may read. */
export async function listCases(ctx: Ctx, q: { page: number; pageSize: number; q?: string; mine?: string; status?: string; applicantId?: string }) {
  const db = ctx.database.db;
  if (q.mine) {
    const { kind, subjectId } = ctx.actor;
    if ((kind !== 'person' && kind !== 'entity') || !subjectId) return pageOf([], 0, q);
    const { rows, total } = await caseRepo.listForApplicant(db, { kind, id: subjectId }, q);
    return pageOf(await summaries(ctx, rows), total, q);
  }
  const { rows, total } = await caseRepo.listInScope(db, readScope(ctx.actor), q);
  return pageOf(await summaries(ctx, rows), total, q);
}

/** 待办: open cases at a step of one of my roles (a grant carrying cases.case.handle), in my department / region, unassigned or mine; most urgent first. */
export async function todo(ctx: Ctx, q: { page: number; pageSize: number; light?: 'green' | 'yellow' | 'red' }) {
  // Every role may stand at a step (custom workflows name their own roles): the role match is the filter.
  const scopes = ctx.actor.grants.filter((g) => can({ ...ctx.actor, grants: [g] }, casePermissions.handle)).map((g) => and(eq(cases.stepRole, g.role), g.departmentId ? eq(cases.departmentId, g.departmentId) : undefined, withinRegion(g.regionPath))!);
  const { rows, total } = await caseRepo.todo(ctx.database.db, scopes, ctx.actor.subjectId ?? null, q);
  return pageOf(await summaries(ctx, rows), total, q);
}

/** Scope condition of the cases the actor may read (undefined: everything). */
function readScope(actor: Actor): SQL | undefined {
  const { all, scopes } = scopesOf(actor, casePermissions.read);
  if (all) return undefined;
  if (scopes.length === 0) throw new AppError('auth.forbidden', { extra: { permission: casePermissions.read } });
  return or(...scopes.map((s) => and(withinRegion(s.regionPath), s.departmentId ? eq(cases.departmentId, s.departmentId) : undefined) ?? eq(cases.id, cases.id)));
}

/** 电子监察: open cases per department by light (as of the last refresh or action), paused ones counted apart. */
export async function lightCounts(ctx: Ctx) {
  const rows = await caseRepo.lightCounts(ctx.database.db, readScope(ctx.actor), TERMINAL);
  const byDept = new Map<string, { departmentId: string; departmentName: string; green: number; yellow: number; red: number; paused: number; total: number }>();
  for (const r of rows) {
    const d = byDept.get(r.departmentId) ?? { departmentId: r.departmentId, departmentName: r.departmentName, green: 0, yellow: 0, red: 0, paused: 0, total: 0 };
    if (r.paused) d.paused += r.n;
    if (r.light) d[r.light] += r.n;
    d.total += r.n;
    byDept.set(r.departmentId, d);
  }
  return [...byDept.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.departmentName.localeCompare(b.departmentName));
}

const outcomeNames = { concluded: '办结', refused: '不予受理', denied: '不予许可' } as const;

/** 办件公示: concluded cases with item, department, result and dates; a person's name is masked, nothing else personal. */
export async function publicDisclosure(ctx: Ctx, q: { page: number; pageSize: number; q?: string }) {
  const { rows, total } = await caseRepo.concluded(ctx.database.db, Object.keys(outcomeNames), q);
  return pageOf(
    rows.map((r) => ({
      caseNo: r.caseNo,
      itemName: r.itemName,
      departmentName: r.departmentName,
      // A natural person is not named, not even by surname: item + date + district identify people in a small place (issue 11 §3).
      applicant: r.applicantKind === 'entity' ? r.applicantName : '个人',
      result: outcomeNames[r.status as keyof typeof outcomeNames],
      outcome: r.outcome,
      submittedOn: r.submittedOn,
      concludedOn: r.concludedOn,
    })),
    total,
    q,
  );
}

// ---------- act ----------

const notifyOn: Partial<Record<CaseAction, string>> = {
  accept: 'cases.accepted',
  refuse: 'cases.refused',
  request_correction: 'cases.correction_requested',
  deny: 'cases.denied',
  start_special_procedure: 'cases.special_procedure_started',
  end_special_procedure: 'cases.special_procedure_ended',
  issue: 'cases.issued',
  deliver: 'cases.delivered',
  withdraw: 'cases.withdrawn',
  expire: 'cases.expired',
};

/**
 * 容缺受理 at acceptance: the pending materials must be on the item's 容缺 list and every required
 * material still missing must be among them; refused to an applicant on a dishonesty list
 * (the credit seam). Sets the date they are due (at the latest the case's due date). Returns the
 * case's materials with the pending ones marked.
 */
async function checkPendingMaterials(t: TxCtx, row: CaseRow, payload: Record<string, unknown>): Promise<CaseMaterial[] | undefined> {
  const pending = [...new Set((payload.pendingMaterials as string[] | undefined) ?? [])];
  const missingRequired = row.materials.filter((m) => m.required && m.provision === 'missing').map((m) => m.name);
  if (pending.length === 0) {
    if (missingRequired.length) throw new AppError('cases.materials_missing', { fields: missingRequired.map((name) => ({ field: 'pendingMaterials', code: 'missing_not_listed', message: name })) });
    delete payload.pendingMaterials;
    delete payload.supplyBy;
    return undefined;
  }
  const credit = await checkCredit(t, { kind: row.applicantKind, id: row.applicantId });
  if (credit.dishonest) throw new AppError('cases.deferral_refused', { extra: { source: credit.source } });
  const list = await deferrableMaterials(t.tx, row.implementationCode);
  const fields: FieldError[] = [];
  pending.forEach((name, i) => {
    if (!row.materials.some((m) => m.name === name)) fields.push({ field: `pendingMaterials.${i}`, code: 'unknown_material' });
    else if (!list.includes(name)) fields.push({ field: `pendingMaterials.${i}`, code: 'not_deferrable' });
  });
  for (const name of missingRequired) if (!pending.includes(name)) fields.push({ field: 'pendingMaterials', code: 'missing_not_listed', message: name });
  const supplyBy = (payload.supplyBy as string | undefined) ?? row.dueDate;
  if (supplyBy > row.dueDate) fields.push({ field: 'supplyBy', code: 'beyond_due_date' });
  if (supplyBy < t.calendar.today()) fields.push({ field: 'supplyBy', code: 'in_the_past' });
  if (fields.length) throw new AppError('request.invalid', { fields });
  payload.pendingMaterials = pending;
  payload.supplyBy = supplyBy;
  return row.materials.map((m) => (pending.includes(m.name) ? { ...m, provision: 'pending' as const } : m));
}

/**
 * Takes one workflow action. Who may take it is `whyNot` (policy.ts), the rule that also decides
 * the case's `allowedActions`: 409 `workflow.action_not_allowed` (with `allowed`) when the case's
 * status does not allow it; 403 `cases.not_your_step` when the actor is not who the action's rule
 * names (for staff: `cases.case.handle` through a grant of the step's role in the case's department
 * and region). Then the payload (400); 409 `resource.stale` when the case changed since the version
 * the actor read.
 */
export async function actOnCase(ctx: Ctx, caseNo: string, action: CaseAction, body: Record<string, unknown>): Promise<CaseView> {
  await ctx.calendar.refresh();
  return transact(ctx, async (t) => {
    const row = await caseRepo.byNo(t.tx, caseNo);
    if (!row || !mayRead(t.actor, row)) throw notFound('case', caseNo);
    const { version: expected, ...input } = body;
    if (typeof expected === 'number' && expected !== row.version) throw new AppError('resource.stale', { extra: { version: row.version } });
    const def = await loadWorkflow(t, row.workflowCode, row.workflowVersion);
    const log = await caseRepo.actions(t.tx, row.id);
    const state = deriveState(def, row.submittedOn, log.map(toRecorded));
    // Who may take it, by the same rule that decides what the case offers (policy.ts); the payload only after.
    const refused = whyNot(t.actor, standingOf(row, def, state), action);
    if (refused) throw new AppError(refused.code, { extra: refused.extra });
    const check = checkAction(def, state, action, input);
    // Legality was decided above: what can still fail here is the payload.
    if (!check.ok) throw new AppError('request.invalid', { fields: check.code === 'request.invalid' ? check.fields : [] });
    const payload = { ...check.payload };
    if (action === 'transfer') {
      // Identity shows staff records to staff managers only: the eligibility check reads as the platform.
      const staff = await getStaff(asActor(t, systemActor), String(payload.toStaffId)).catch(() => undefined);
      if (!staff || !staff.active || staff.departmentId !== row.departmentId || !staff.roles.some((r) => r.roleCode === state.step.role)) {
        throw new AppError('request.invalid', { fields: [{ field: 'toStaffId', code: 'not_eligible' }] });
      }
      payload.toStaffName = staff.name;
    }
    let materials: CaseMaterial[] | undefined;
    if (action === 'claim') payload.staffId = t.actor.subjectId;
    if (action === 'accept') materials = await checkPendingMaterials(t, row, payload);
    if (action === 'supplement_materials') {
      const supplied = payload.materials as { name: string; fileIds: string[] }[];
      const ids = supplied.flatMap((m) => m.fileIds);
      const moved = new Set(await reassignFiles(t, ids, { kind: 'upload', id: t.actor.id ?? '-' }, { kind: 'case', id: caseNo }));
      const missing = supplied.flatMap((m, i) => m.fileIds.flatMap((id, j) => (moved.has(id) ? [] : [{ field: `materials.${i}.fileIds.${j}`, code: 'not_found' }])));
      if (missing.length) throw new AppError('request.invalid', { fields: missing });
      materials = row.materials.map((m) => {
        const s = supplied.find((x) => x.name === m.name);
        return s ? { ...m, provision: 'upload' as const, fileIds: [...m.fileIds, ...s.fileIds] } : m;
      });
    }
    if (action === 'deliver' && payload.method === 'pickup' && !payload.pickupCode) payload.pickupCode = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (action === 'submit_correction') {
      const ids = (payload.fileIds as string[]) ?? [];
      const moved = await reassignFiles(t, ids, { kind: 'upload', id: t.actor.id ?? '-' }, { kind: 'case', id: caseNo });
      if (moved.length !== ids.length) throw new AppError('request.invalid', { fields: [{ field: 'fileIds', code: 'not_found' }] });
    }
    const now = ctx.now?.() ?? new Date();
    const today = shanghaiDate(now);
    const recorded: RecordedAction = { action, date: today, actorId: t.actor.id, stepKey: state.step.key, payload };
    const next = applyAction(def, state, recorded);
    if (action === 'issue' && row.resultType === 'certificate') {
      const cert = await issueCertificate(t, row, today);
      payload.certificateIdentifier = cert.identifier;
    }
    const updated = await caseRepo.updateIfVersion(t.tx, row.id, row.version, { ...cacheOf(t, def, next, row, today), ...(materials ? { materials } : {}) });
    if (!updated) throw new AppError('resource.stale');
    await caseRepo.insertAction(t.tx, {
      id: newId(),
      caseId: row.id,
      seq: row.version + 1,
      action,
      stepKey: state.step.key,
      actorId: t.actor.id,
      actorKind: t.actor.kind,
      actorName: t.actor.name,
      occurredAt: now,
      occurredOn: today,
      payload,
    });
    t.audit({ action: `case.${action}`, objectType: 'case', objectId: caseNo, summary: { from: { status: state.status, step: state.step.key }, to: { status: next.status, step: next.step.key }, version: row.version + 1 } });
    const template = action === 'approve' && state.step.kind === 'decide' ? 'cases.approved' : notifyOn[action];
    if (template) {
      await notifyApplicant(t, { kind: row.applicantKind, id: row.applicantId }, template, { caseNo, itemName: row.itemName, status: next.status, ...(publicDetails[action] ? Object.fromEntries(Object.entries(payload).filter(([k]) => publicDetails[action]!.includes(k))) : {}) });
    }
    return present(t, updated, await caseRepo.actions(t.tx, row.id), def);
  });
}

// ---------- e-supervision ----------

/**
 * Recomputes the cached due dates and lights of open cases (scheduled; a light changes with the
 * date even when nobody acts). Returns how many rows changed.
 */
export async function refreshCaseLights(ctx: Ctx, today = ctx.calendar.today(), batchSize = 500): Promise<number> {
  await ctx.calendar.refresh();
  const db = ctx.database.db;
  const defs = new Map<string, WorkflowDefinition>();
  let changed = 0;
  let after: string | null = null;
  for (;;) {
    // One query for a batch of open cases, one for all their logs.
    const rows = await caseRepo.openForRefresh(db, TERMINAL, after, batchSize);
    if (rows.length === 0) break;
    const logs = new Map<string, RecordedAction[]>();
    for (const a of await caseRepo.actionsOf(db, rows.map((r) => r.id))) {
      const list = logs.get(a.caseId) ?? [];
      list.push(toRecorded(a));
      logs.set(a.caseId, list);
    }
    const updates: LightUpdate[] = [];
    for (const row of rows) {
      const key = `${row.workflowCode}@${row.workflowVersion}`;
      let def = defs.get(key);
      if (!def) defs.set(key, (def = await loadWorkflow(ctx, row.workflowCode, row.workflowVersion)));
      const state = deriveState(def, row.submittedOn, logs.get(row.id) ?? []);
      const cache = cacheOf(ctx, def, state, row, today);
      if (cache.light !== row.light || cache.dueDate !== row.dueDate || cache.stepDueDate !== row.stepDueDate || cache.supplyBy !== row.supplyBy || cache.dueEstimated !== row.dueEstimated) {
        updates.push({ id: row.id, version: row.version, light: cache.light, dueDate: cache.dueDate, stepDueDate: cache.stepDueDate, dueEstimated: cache.dueEstimated, supplyBy: cache.supplyBy });
      }
    }
    // Only the rows whose light or dates changed, in one statement; a case acted on meanwhile
    // (version moved) already has a fresh cache and is left alone.
    changed += await caseRepo.updateLights(db, updates);
    after = rows.at(-1)!.id;
  }
  return changed;
}

/**
 * Ends the cases whose requested correction (CASES_CORRECTION_DAYS working days) or pending 容缺
 * materials did not come in time: status correction_expired, the applicant notified. Each case in
 * its own transaction, through the same action path (audit, optimistic lock). Returns the case numbers.
 */
export async function expireOverdueCases(ctx: Ctx, today = ctx.calendar.today()): Promise<string[]> {
  const system = asActor(ctx, systemActor);
  const rows = await caseRepo.overdueSupply(ctx.database.db, today, TERMINAL);
  const ended: string[] = [];
  for (const r of rows) {
    const reason = r.status === 'awaiting_correction' ? 'correction' : 'pending_materials';
    try {
      await actOnCase(system, r.caseNo, 'expire', { reason, due: r.supplyBy!, version: r.version });
      ended.push(r.caseNo);
    } catch (e) {
      // Someone acted meanwhile (the applicant supplied at the last minute): the next run decides again.
      if (!(e instanceof AppError) || (e.code !== 'resource.stale' && e.code !== 'workflow.action_not_allowed')) throw e;
    }
  }
  return ended;
}

// ---------- uploads ----------

/** Max size of one uploaded material (CASES_MAX_UPLOAD_MB, default 20). */
export const maxUploadBytes = (Number.parseInt(process.env.CASES_MAX_UPLOAD_MB ?? '20', 10) || 20) * 1024 * 1024;

/**
 * Stores an uploaded material for the signed-in user (type checked by content: PDF, JPEG, PNG,
 * OFD). It belongs to the uploader until a submitted case or correction takes it over.
 */
export async function uploadMaterial(ctx: Ctx, data: Buffer, originalName: string | undefined) {
  if (!ctx.actor.id) throw new AppError('auth.required');
  return transact(ctx, async (t) => {
    const f = await storeFile(t, { data, ownerKind: 'upload', ownerId: t.actor.id!, originalName: originalName ?? null, maxBytes: maxUploadBytes });
    return { id: f.id, contentType: f.contentType, size: f.size, sm3: f.sm3, originalName: f.originalName };
  });
}

/** A material file of a case, for the applicant and for staff who may read the case. */
export async function caseFile(ctx: Ctx, caseNo: string, fileId: string) {
  const row = await caseRepo.byNo(ctx.database.db, caseNo);
  if (!row || !mayRead(ctx.actor, row)) throw notFound('case', caseNo);
  const file = await findFile(ctx.database.db, fileId);
  if (!file || file.ownerKind !== 'case' || file.ownerId !== caseNo) throw notFound('file', fileId);
  return { file, data: await readStoredFile(ctx, file) };
}

// ---------- drafts ----------

function draftOwner(ctx: Ctx): { kind: 'person' | 'entity'; id: string } {
  const { kind, subjectId } = ctx.actor;
  if ((kind !== 'person' && kind !== 'entity') || !subjectId) throw new AppError('auth.forbidden');
  return { kind, id: subjectId };
}

const presentDraft = (d: { implementationCode: string; data: Record<string, unknown>; version: number; updatedAt: Date }) => ({ implementationCode: d.implementationCode, data: d.data, version: d.version, updatedAt: d.updatedAt.toISOString() });

/**
 * Saves the application typed so far (资料一次填报: resumable on another device). Send back the
 * version you read: a draft changed meanwhile on another device gets resource.stale, not overwritten.
 */
export async function saveDraft(ctx: Ctx, implementationCode: string, input: { data: Record<string, unknown>; version?: number }) {
  const owner = draftOwner(ctx);
  return transact(ctx, async (t) => {
    const existing = await draftRepo.find(t.tx, owner, implementationCode);
    const saved = existing
      ? await draftRepo.update(t.tx, owner, implementationCode, input.version ?? existing.version, input.data)
      : await draftRepo.insert(t.tx, owner, implementationCode, input.data);
    if (!saved) throw new AppError('resource.stale');
    t.audit({ action: 'case_draft.save', objectType: 'case_draft', objectId: `${owner.kind}:${owner.id}:${implementationCode}`, summary: { version: saved.version } });
    return presentDraft(saved);
  });
}

export async function getDraft(ctx: Ctx, implementationCode: string) {
  const d = await draftRepo.find(ctx.database.db, draftOwner(ctx), implementationCode);
  if (!d) throw notFound('draft', implementationCode);
  return presentDraft(d);
}

export async function listDrafts(ctx: Ctx) {
  return (await draftRepo.list(ctx.database.db, draftOwner(ctx))).map(presentDraft);
}

export async function deleteDraft(ctx: Ctx, implementationCode: string) {
  const owner = draftOwner(ctx);
  await transact(ctx, async (t) => {
    await draftRepo.delete(t.tx, owner, implementationCode);
    t.audit({ action: 'case_draft.delete', objectType: 'case_draft', objectId: `${owner.kind}:${owner.id}:${implementationCode}`, summary: {} });
  });
}
