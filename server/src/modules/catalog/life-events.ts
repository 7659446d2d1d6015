import { transact, type Ctx } from '../../platform/context.ts';
import { AppError, notFound, registerErrors } from '../../platform/errors.ts';
import { can, type Actor } from '../../platform/auth/index.ts';
import { newId, type Executor } from '../../platform/db/index.ts';
import { genericApplicationForm } from '../../platform/forms/index.ts';
import { getDepartment } from '../org/index.ts';
import { lifeEventRepo, memberGuides, type LifeEventRow, type LifeEventVersionRow } from './life-events-repository.ts';
import { lifeEventChanges } from './life-events-changes.ts';
import {
  checkLifeEvent,
  computeLifeEvent,
  LifeEventDefinition,
  type LifeEventComputed,
  type LifeEventDefinitionInput,
  type LifeEventIssue,
  type MemberGuide,
} from './life-events-definition.ts';
import { assertCan, catalogPermissions as P } from './policy.ts';

/** 一件事 bundles: the public reading and the staff editing (docs/life-events.md). */

registerErrors({
  'catalog.life_event_invalid': {
    status: 409,
    zh: '“一件事”定义未通过检查（成员未发布、依赖成环、重复字段未映射等），不能发布',
    en: 'The life-event bundle fails its check (a member not published, a dependency cycle, an unmapped duplicate field …) and cannot be published',
  },
});

/** A bundle is edited by the lead department's catalog editors or reviewers (the 政务服务局 coordinates 一件事). */
function assertMayEdit(actor: Actor, scope: { regionPath: string; departmentId: string }): void {
  if (!can(actor, P.edit, scope)) assertCan(actor, P.review, scope);
}

/** Checks a definition against the current member guides; computes the combined form, materials and reductions when it passes. */
export async function evaluateLifeEvent(
  db: Executor,
  def: LifeEventDefinition,
  alsoCodes: string[] = [],
): Promise<{ issues: LifeEventIssue[]; computed: LifeEventComputed | null; guides: Map<string, MemberGuide> }> {
  const guides = await memberGuides(db, [...def.members.map((m) => m.implementationCode), ...alsoCodes]);
  const issues = checkLifeEvent(def, guides, genericApplicationForm);
  return { issues, computed: issues.length ? null : computeLifeEvent(def, guides, genericApplicationForm), guides };
}

function publicView(row: LifeEventRow, v: LifeEventVersionRow) {
  const def = v.definition;
  const c = v.computed!;
  return {
    code: row.code,
    name: def.name,
    summary: def.summary,
    subjectTypes: def.subjectTypes,
    themes: def.themes,
    promisedLimitDays: def.promisedLimitDays,
    departmentName: row.departmentName,
    regionPath: row.regionPath,
    version: v.version,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    members: c.members.map(({ departmentId: _d, ...m }) => m),
    departments: [...new Set(c.members.map((m) => m.departmentName))],
    reductions: c.reductions,
  };
}

/** The published bundles, each with its members, their departments and the measured reductions. */
export async function listLifeEvents(ctx: Ctx) {
  const rows = await lifeEventRepo.published(ctx.database.db);
  return rows.map((r) => publicView(r.e, r.v));
}

/** One published bundle: its guide, the combined form, one material list and the reductions (`version` for an older one). */
export async function getLifeEvent(ctx: Ctx, code: string, version?: number) {
  const db = ctx.database.db;
  const row = await lifeEventRepo.byCode(db, code);
  if (!row || row.publishedVersion == null) throw notFound('life event', code);
  const v = await lifeEventRepo.version(db, row.id, version ?? row.publishedVersion);
  if (!v || v.status === 'draft' || !v.computed) throw notFound('life event version', `${code}@${version}`);
  return {
    ...publicView(row, v),
    /** The lead department (who edits the bundle; its window hands over a 一件事's results delivered together). */
    leadDepartmentId: row.departmentId,
    guide: v.definition.guide,
    combinedForm: v.computed.combinedForm,
    fieldMap: v.computed.fieldMap,
    materials: v.computed.materials,
    materialsFromResults: v.definition.materialsFromResults,
  };
}
export type LifeEventDocument = Awaited<ReturnType<typeof getLifeEvent>>;

/** The bundle as the workbench shows it: the working (or published) definition and the check of it against today's member guides. */
export async function getLifeEventForWorkbench(ctx: Ctx, code: string) {
  const db = ctx.database.db;
  const row = await lifeEventRepo.byCode(db, code);
  if (!row) throw notFound('life event', code);
  const versions = await lifeEventRepo.versions(db, row.id);
  const working = versions.find((v) => v.status === 'draft') ?? versions.at(-1)!;
  const published = row.publishedVersion == null ? undefined : versions.find((v) => v.version === row.publishedVersion);
  const { issues, computed, guides } = await evaluateLifeEvent(
    db,
    working.definition,
    published?.definition.members.map((m) => m.implementationCode),
  );
  return {
    code: row.code,
    name: row.name,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    state: row.state,
    publishedVersion: row.publishedVersion,
    working: {
      version: working.version,
      status: working.status,
      changeNote: working.changeNote,
      updatedAt: working.updatedAt.toISOString(),
      definition: working.definition,
    },
    /** The working members as the guides in force name them (null: not a published implementation). */
    members: working.definition.members.map((m) => {
      const g = guides.get(m.implementationCode);
      return {
        key: m.key,
        implementationCode: m.implementationCode,
        name: g?.name ?? null,
        departmentName: g?.departmentName ?? null,
        guideVersion: g?.guideVersion ?? null,
      };
    }),
    published: published
      ? {
          version: published.version,
          publishedAt: published.publishedAt?.toISOString() ?? null,
          changeNote: published.changeNote,
          definition: published.definition,
          members: published.computed?.members.map(({ departmentId: _d, ...m }) => m) ?? [],
        }
      : null,
    /** What publishing the working version would change: its definition against the published one, and the member guides in force against those it was computed from. */
    changes: published ? lifeEventChanges(published, working.definition, guides, computed) : [],
    issues,
    reductions: computed?.reductions ?? null,
    materials: computed?.materials ?? null,
  };
}

/**
 * Saves the draft of a bundle (creates the bundle in `departmentId` on first save): catalog editors
 * or reviewers of the lead department (catalog.item.edit or .review in its scope). The check runs; a draft may have issues, a publish may not.
 */
export async function saveLifeEventDraft(ctx: Ctx, code: string, input: { departmentId: string; definition: LifeEventDefinitionInput; changeNote?: string }) {
  const def = LifeEventDefinition.parse(input.definition);
  await transact(ctx, async (t) => {
    let row = await lifeEventRepo.byCode(t.tx, code);
    if (!row) {
      const d = await getDepartment(t, input.departmentId);
      assertMayEdit(t.actor, { regionPath: d.regionPath, departmentId: d.id });
      row = { id: newId(), code, name: def.name, departmentId: d.id, departmentName: d.name, regionPath: d.regionPath } as LifeEventRow;
      await lifeEventRepo.insert(t.tx, { id: row.id, code, name: def.name, departmentId: d.id, departmentName: d.name, regionPath: d.regionPath });
    } else assertMayEdit(t.actor, { regionPath: row.regionPath, departmentId: row.departmentId });
    const last = (await lifeEventRepo.versions(t.tx, row.id)).at(-1);
    if (last?.status === 'draft')
      await lifeEventRepo.updateVersion(t.tx, last.id, {
        definition: def,
        changeNote: input.changeNote ?? last.changeNote,
        editedBy: t.actor.id,
        updatedAt: ctx.now?.() ?? new Date(),
      });
    else
      await lifeEventRepo.insertVersion(t.tx, {
        id: newId(),
        lifeEventId: row.id,
        version: (last?.version ?? 0) + 1,
        status: 'draft',
        definition: def,
        changeNote: input.changeNote ?? null,
        editedBy: t.actor.id,
      });
    t.audit({ action: 'catalog.life_event.save_draft', objectType: 'catalog_life_event', objectId: code, summary: { members: def.members.length } });
  });
  return getLifeEventForWorkbench(ctx, code);
}

/**
 * Publishes the draft (catalog.item.review over the lead department): refused with
 * `catalog.life_event_invalid` listing every issue of the check (an unmapped duplicate field among
 * them). The combined form, the material list and the reductions are computed now and kept with the version.
 */
export async function publishLifeEvent(ctx: Ctx, code: string) {
  await transact(ctx, async (t) => {
    const row = await lifeEventRepo.byCode(t.tx, code);
    if (!row) throw notFound('life event', code);
    assertCan(t.actor, P.review, { regionPath: row.regionPath, departmentId: row.departmentId });
    const draft = (await lifeEventRepo.versions(t.tx, row.id)).find((v) => v.status === 'draft');
    if (!draft) throw new AppError('workflow.action_not_allowed', { extra: { action: 'publish', allowed: ['save_draft'] } });
    const { issues, computed } = await evaluateLifeEvent(t.tx, draft.definition);
    if (issues.length || !computed) throw new AppError('catalog.life_event_invalid', { extra: { issues } });
    const now = ctx.now?.() ?? new Date();
    await lifeEventRepo.publish(t.tx, row, draft, computed, t.actor.id, now);
    t.audit({
      action: 'catalog.life_event.publish',
      objectType: 'catalog_life_event',
      objectId: code,
      summary: { version: draft.version, previous: row.publishedVersion, reductions: computed.reductions.reduced },
    });
  });
  return getLifeEventForWorkbench(ctx, code);
}

/** Bundles in the actor's edit or review scope (the workbench list): the working version, its status and members (named as published). */
export async function listLifeEventsForWorkbench(ctx: Ctx) {
  const db = ctx.database.db;
  const rows = (await lifeEventRepo.all(db)).filter((r) =>
    [P.edit, P.review].some((p) => can(ctx.actor, p, { regionPath: r.regionPath, departmentId: r.departmentId })),
  );
  const versions = await lifeEventRepo.versionSummaries(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const own = versions.filter((v) => v.lifeEventId === r.id);
    const working = own.find((v) => v.status === 'draft') ?? own.at(-1);
    const names = new Map((own.find((v) => v.version === r.publishedVersion)?.computedMembers ?? []).map((m) => [m.key, m.name]));
    return {
      code: r.code,
      name: r.name,
      departmentName: r.departmentName,
      state: r.state,
      publishedVersion: r.publishedVersion,
      workingVersion: working?.version ?? null,
      workingStatus: working?.status ?? null,
      members: (working?.definition.members ?? []).map((m) => ({ key: m.key, name: names.get(m.key) ?? null })),
    };
  });
}
