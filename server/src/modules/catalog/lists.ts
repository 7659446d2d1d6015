import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Scope } from '../../platform/auth/index.ts';
import { getDepartment } from '../org/index.ts';
import { assertCan, catalogPermissions as P } from './policy.ts';
import * as repo from './lists-repository.ts';
import { definitionOf, type ListDefinition, type ListTypes, type OwnFields } from './list-definitions.ts';
import type { EntryStatus, ListName, ListRows } from './lists-repository.ts';

/**
 * The fee catalog (收费目录), the power and responsibility list (权责清单) and the intermediary service
 * list (中介服务清单): paged lists with search, create, edit and retire, for `catalog.list.manage`
 * (catalog reviewers). One service for the three, parameterised by the list's definition
 * (list-definitions.ts). An entry tied to a department is in that department's scope; one without
 * (a fee or intermediary named by text only) is for any holder of the permission. Every change is
 * audited with the fields it changed. Retired entries leave the public lists; a retired fee can no
 * longer be cited by a guide (`fee_not_effective`), the published guides that cite it keep it.
 */

export type { ListName, EntryStatus } from './lists-repository.ts';
type Paging = { page: number; pageSize: number; q?: string; status?: EntryStatus };
type Entry<L extends ListName> = ListTypes[L]['entry'];
type Row = { id: string; code: string; version: number; retiredAt: Date | null } & Record<string, unknown>;

/** A page of a list (active entries unless `status` says otherwise). */
export async function listEntries<L extends ListName>(ctx: Ctx, list: L, q: Paging) {
  const def = definitionOf(list);
  const { rows, total } = await repo.pageEntries(ctx.database.db, list, { ...q, status: q.status ?? 'active' });
  const today = shanghaiDate();
  return pageOf(
    rows.map((r) => def.present(r, today) as Entry<L>),
    total,
    q,
  );
}

/**
 * How many implementations cite each fee: in their published version, and in a draft or submitted one
 * (what retiring the fee affects: published guides keep it, working versions must drop it).
 */
export async function feeCitations(ctx: Ctx, codes: string[]): Promise<Map<string, { published: number; working: number }>> {
  const out = new Map(codes.map((c) => [c, { published: 0, working: 0 }]));
  for (const r of await repo.feeCitationCounts(ctx.database.db, codes)) {
    const c = out.get(r.code);
    if (c) c[r.working ? 'working' : 'published'] = r.n;
  }
  return out;
}

/** The workbench's page of a list; fees come with the implementations citing each. */
export async function listEntriesForWorkbench(ctx: Ctx, list: ListName, q: Paging) {
  const page = await listEntries(ctx, list, q);
  if (list !== 'fees') return page;
  const cited = await feeCitations(
    ctx,
    page.items.map((f) => f.code),
  );
  return { ...page, items: page.items.map((f) => ({ ...f, citedBy: cited.get(f.code)! })) };
}

/** Department by id → its name and scope; an unknown id is a field error, not a 404. */
async function departmentById(t: TxCtx, id: string, field: string) {
  const d = await getDepartment(t, id).catch(() => {
    throw new AppError('request.invalid', { fields: [{ field, code: 'not_found' }] });
  });
  return { id: d.id, name: d.name, regionPath: d.regionPath, scope: { regionPath: d.regionPath, departmentId: d.id } satisfies Scope };
}

/** The department columns of a body: an org department by id (resolved, scoped) or, where the list allows, a name only. */
async function departmentFields(
  t: TxCtx,
  def: ListDefinition<ListName>,
  input: Record<string, unknown>,
): Promise<{ fields: Record<string, unknown>; scope: Scope | undefined }> {
  const { idField, nameField, nameOnly, regionPath } = def.department;
  const id = input[idField] as string | null | undefined;
  if (id) {
    const d = await departmentById(t, id, idField);
    return { fields: { [idField]: d.id, [nameField]: d.name, ...(regionPath ? { regionPath: d.regionPath } : {}) }, scope: d.scope };
  }
  const name = nameOnly ? (input[nameField] as string | null | undefined)?.trim() : undefined;
  if (!name) throw new AppError('request.invalid', { fields: [{ field: idField, code: 'required' }] });
  return { fields: { [idField]: null, [nameField]: name }, scope: undefined };
}

/** Who manages an existing entry: its department's scope, or (named by text only) any list manager. */
export async function scopeOfEntry(t: TxCtx, list: ListName, row: Record<string, unknown>): Promise<Scope | undefined> {
  const { idField, regionPath } = definitionOf(list).department;
  const id = row[idField] as string | null;
  if (!id) return undefined;
  if (regionPath) return { regionPath: row.regionPath as string, departmentId: id };
  return (await departmentById(t, id, idField)).scope;
}

function assertManage(t: TxCtx, scope: Scope | undefined) {
  assertCan(t.actor, P.lists, scope ?? {});
}

/** Fields whose value changed, as `{ before, after }` for the audit summary. */
export function changedFields<T extends object>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (after[k] === undefined || JSON.stringify(before[k] ?? null) === JSON.stringify(after[k] ?? null)) continue;
    b[k] = before[k];
    a[k] = after[k];
  }
  return { before: b, after: a };
}

function checkRules(def: ListDefinition<ListName>, input: ListTypes[ListName]['create'] | ListTypes[ListName]['update']) {
  const errors = def.rules?.(input as never) ?? [];
  if (errors.length) throw new AppError('request.invalid', { fields: errors });
}

export async function createEntry<L extends ListName>(ctx: Ctx, list: L, input: ListTypes[L]['create']): Promise<Entry<L>> {
  const def = definitionOf(list) as unknown as ListDefinition<ListName>;
  return transact(ctx, async (t) => {
    const dept = await departmentFields(t, def, input);
    assertManage(t, dept.scope);
    checkRules(def, input);
    if (await repo.codeTaken(t.tx, list, input.code)) throw new AppError('resource.conflict', { fields: [{ field: 'code', code: 'duplicate' }] });
    const row = { id: newId(), code: input.code, ...def.fields(input as never), ...dept.fields } as Omit<
      ListRows[L],
      'retiredAt' | 'retireReason' | 'version' | 'createdAt' | 'updatedAt'
    >;
    const saved = await repo.insertEntry(t.tx, list, row);
    t.audit({ action: `${def.audit.action}.create`, objectType: def.audit.objectType, objectId: input.code, summary: { after: { ...row, id: undefined } } });
    return def.present(saved, shanghaiDate()) as Entry<L>;
  });
}

/** The entry, locked, after checking the actor manages it. */
async function lockManaged<L extends ListName>(t: TxCtx, list: L, code: string): Promise<Row> {
  const row = (await repo.lockEntry(t.tx, list, code)) as Row | undefined;
  if (!row) throw notFound(definitionOf(list).notFound, code);
  assertManage(t, await scopeOfEntry(t, list, row));
  return row;
}

/** An edit or retirement must start from the version the user read, and a retired entry stays as it is. */
function assertChangeable(old: Row, version: number, retiring = false) {
  if (old.version !== version) throw new AppError('resource.stale', { extra: { currentVersion: old.version } });
  if (old.retiredAt) throw new AppError('workflow.action_not_allowed', { detail: retiring ? 'already retired' : 'retired' });
}

/** Edits an entry (send the version read); an edit that changes nothing writes nothing. */
export async function updateEntry<L extends ListName>(ctx: Ctx, list: L, code: string, input: ListTypes[L]['update']): Promise<Entry<L>> {
  const def = definitionOf(list) as unknown as ListDefinition<ListName>;
  return transact(ctx, async (t) => {
    const old = await lockManaged(t, list, code);
    assertChangeable(old, input.version);
    const dept = await departmentFields(t, def, input);
    assertManage(t, dept.scope);
    checkRules(def, input);
    const next = { ...def.fields(input as never), ...dept.fields } as OwnFields<L>;
    const diff = changedFields(old as Record<string, unknown>, next as Record<string, unknown>);
    if (Object.keys(diff.after).length === 0) return def.present(old as never, shanghaiDate()) as Entry<L>;
    const saved = await repo.updateEntry(t.tx, list, old.id, next as Partial<ListRows[L]>, old.version + 1);
    t.audit({ action: `${def.audit.action}.update`, objectType: def.audit.objectType, objectId: code, summary: diff });
    return def.present(saved, shanghaiDate()) as Entry<L>;
  });
}

/** Retires an entry with its reason (it leaves the public lists), audited. */
export async function retireEntry<L extends ListName>(ctx: Ctx, list: L, code: string, input: { reason: string; version: number }): Promise<Entry<L>> {
  const def = definitionOf(list) as unknown as ListDefinition<ListName>;
  return transact(ctx, async (t) => {
    const old = await lockManaged(t, list, code);
    assertChangeable(old, input.version, true);
    const saved = await repo.updateEntry(t.tx, list, old.id, { retiredAt: new Date(), retireReason: input.reason } as Partial<ListRows[L]>, old.version + 1);
    t.audit({ action: `${def.audit.action}.retire`, objectType: def.audit.objectType, objectId: code, summary: { reason: input.reason } });
    return def.present(saved, shanghaiDate()) as Entry<L>;
  });
}
