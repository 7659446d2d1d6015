import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { maskPersonal, nowOf } from './present.ts';
import { evaluationRepo } from './repository.ts';
import type { Summary } from './schemas.ts';

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

type Counted = { key: string; name: string; departmentName: string; total: number; l1: number; l2: number; l3: number; l4: number; l5: number; sum: number };

function row(r: Counted) {
  const total = Number(r.total);
  return {
    key: r.key,
    name: r.name,
    departmentName: r.departmentName,
    total,
    levels: { 1: Number(r.l1), 2: Number(r.l2), 3: Number(r.l3), 4: Number(r.l4), 5: Number(r.l5) },
    average: total ? round(Number(r.sum) / total, 2) : 0,
    satisfaction: total ? round((Number(r.l3) + Number(r.l4) + Number(r.l5)) / total) : 0,
  };
}

/**
 * 好差评 figures for the public: per department, per item and per service window (the window
 * rated: a visit's, or the one an online-rated case was filed at), counted from the evaluations
 * that stand (an accepted appeal removes one). Only names and counts: no case, no person (a
 * window's label is a public place: center, number, name).
 */
export async function publicSummary(ctx: Ctx): Promise<Summary> {
  const db = ctx.database.db;
  const [departments, items, windows] = [
    await evaluationRepo.summary(db, 'department'),
    await evaluationRepo.summary(db, 'item'),
    await evaluationRepo.summary(db, 'window'),
  ];
  const total = departments.reduce((n, d) => n + Number(d.total), 0);
  const good = departments.reduce((n, d) => n + Number(d.l3) + Number(d.l4) + Number(d.l5), 0);
  return {
    asOf: nowOf(ctx).toISOString(),
    total,
    satisfaction: total ? round(good / total) : 0,
    departments: departments.map(row),
    items: items.map(row),
    windows: windows.map(row),
  };
}

/** Bad reviews and their rectification, published without the case number, the reviewer or digits that could identify anyone. */
export async function publicBadReviews(ctx: Ctx, q: { page: number; pageSize: number }) {
  const { items, total } = await evaluationRepo.badReviews(ctx.database.db, q);
  return pageOf(
    items.map(({ evaluation: e, rectification: r }) => ({
      id: e.id,
      ratedOn: e.ratedOn,
      departmentName: e.departmentName,
      itemName: e.itemName,
      level: e.level,
      tags: e.tags,
      comment: maskPersonal(e.comment),
      rectification: r
        ? {
            status: r.status,
            dueOn: r.dueOn,
            measures: maskPersonal(r.measures),
            submittedOn: r.submittedAt ? shanghaiDate(r.submittedAt) : null,
            reviewerLevel: r.reviewerLevel,
          }
        : null,
    })),
    total,
    q,
  );
}
