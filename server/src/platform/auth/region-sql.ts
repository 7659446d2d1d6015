import { eq, like, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * `regionWithin` as a WHERE condition: the column's region path is `root` or inside it. Undefined
 * (no condition) for the root of everything, "". The one SQL copy of the test, beside the one in
 * actor.ts; an index on the path column serves both arms.
 */
export function sqlRegionWithin(column: AnyColumn, root: string): SQL | undefined {
  if (root === '') return undefined;
  return or(eq(column, root), like(column, `${escapeLike(root)}/%`));
}

/**
 * The column's region path is inside any of `roots`: undefined (no condition) when one of them is
 * everywhere (""), and false for no roots at all (no scope reads nothing, never everything).
 */
export function sqlRegionWithinAny(column: AnyColumn, roots: readonly string[]): SQL | undefined {
  if (roots.includes('')) return undefined;
  if (roots.length === 0) return sql`false`;
  return or(...roots.flatMap((root) => [eq(column, root), like(column, `${escapeLike(root)}/%`)]));
}
