import type { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { toCsv } from '../../platform/csv.ts';
import { findRegion } from '../org/index.ts';
import { tokenizeQuery } from './search.ts';
import { suggestFor } from './suggest.ts';
import { isFlag, loadImplementations, searchPublished, themeCounts, type Flag } from './repository.ts';
import { summary } from './presenters.ts';
import { listEntries } from './lists.ts';
import { listDefinitions } from './list-definitions.ts';
import type { SearchQuery } from './schemas.ts';

/**
 * Search and browse the published catalog: relevance (search terms) then popularity; filters by
 * department, region (its own implementations and the city's for items it has none of), subject,
 * theme, item type and the do-now / do-online / one-visit flags. A query that no published name,
 * keyword or theme contains also answers `suggestion`, the closest one (suggest.ts: "did you mean").
 */
export async function searchItems(ctx: Ctx, q: z.infer<typeof SearchQuery>) {
  const page = await searchPage(ctx, q);
  const suggestion = q.q && q.page === 1 ? await suggestFor(ctx, q.q) : undefined;
  return suggestion ? { ...page, suggestion } : page;
}

async function searchPage(ctx: Ctx, q: z.infer<typeof SearchQuery>) {
  const flags = (q.flags ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(isFlag);
  const tokens = q.q ? tokenizeQuery(q.q) : [];
  if (q.q && tokens.length === 0) return pageOf([], 0, q);
  const regionPath = q.region ? ((await findRegion(ctx, q.region))?.path ?? '-') : undefined;
  const found = await searchPublished(
    ctx.database.db,
    { department: q.department, regionPath, subject: q.subject, theme: q.theme, itemType: q.itemType, flags },
    tokens,
    q,
  );
  const rows = await loadImplementations(ctx.database.db, found.ids);
  return pageOf(
    rows.map((r) => summary(r.impl, r.item, found.scores?.get(r.impl.id))),
    found.total,
    q,
  );
}

export async function flagList(ctx: Ctx, list: Flag, q: { page: number; pageSize: number; q?: string }) {
  return searchItems(ctx, { ...q, flags: list });
}

/** Themes and life situations of the published catalog, most used first. */
export async function listThemes(ctx: Ctx) {
  return themeCounts(ctx.database.db);
}

const levelNames: Record<number, string> = { 1: '国家级', 2: '省级', 3: '市级', 4: '县级', 5: '乡级', 6: '村级' };
export type PublicList = Flag | (typeof listDefinitions)[keyof typeof listDefinitions]['publicName'];

/**
 * A public list as a CSV download (platform/csv.ts: UTF-8 with a byte order mark, formula-like cells
 * defused): the whole list, the same rows as its page.
 */
export async function listCsv(ctx: Ctx, list: PublicList): Promise<string> {
  const all = { page: 1, pageSize: 100_000 };
  const def = Object.values(listDefinitions).find((d) => d.publicName === list);
  if (def) {
    const entries = (await listEntries(ctx, def.list, all)).items;
    return toCsv([def.csv.header, ...entries.map((e) => def.csv.row(e as never))]);
  }
  const rows: unknown[][] = [['事项名称', '实施编码', '基本编码', '事项类型', '实施部门', '行使层级', '承诺时限（工作日）', '到现场次数', '网上办理等级']];
  for (const i of (await searchItems(ctx, { ...all, flags: list })).items)
    rows.push([
      i.name,
      i.implementationCode,
      i.baseCode,
      i.itemTypeName,
      i.departmentName,
      levelNames[i.level] ?? i.level,
      i.promisedLimitDays ?? '',
      i.visitsRequired ?? '',
      i.onlineLevel ?? '',
    ]);
  return toCsv(rows);
}
