import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { generateBenchCatalog } from './bench-data.ts';

const usage = 'Usage: yiwang catalog bench-data [--implementations 20000]\n';

/**
 * `yiwang catalog bench-data --implementations N`: adds N synthetic published implementations (with
 * their guides and search terms) to a migrated, demo-seeded database, for `npm run bench`. Run it
 * while the server is stopped (PGlite) or against DATABASE_URL.
 */
export async function catalogCommand(ctx: Ctx, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'bench-data') {
    process.stderr.write(usage);
    return 2;
  }
  const i = rest.indexOf('--implementations');
  const n = i >= 0 ? Number(rest[i + 1]) : 20_000;
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    process.stderr.write(usage);
    return 2;
  }
  const t0 = Date.now();
  const added = await generateBenchCatalog(ctx, n, (done) => {
    if (done % 5000 < 1000) process.stdout.write(`  ${done} implementations…\n`);
  });
  // Fresh statistics and visibility map, so the search plans (index-only scans) are the steady-state ones.
  await ctx.database.db.execute(sql`VACUUM ANALYZE catalog_search_terms`);
  await ctx.database.db.execute(sql`ANALYZE catalog_implementations`);
  await ctx.database.db.execute(sql`ANALYZE catalog_items`);
  process.stdout.write(`added ${added} synthetic published implementations in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return 0;
}
