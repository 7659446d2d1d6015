import { count, like } from 'drizzle-orm';
import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { completeUscc } from '../../platform/validators.ts';
import { demoCity } from '../org/index.ts';
import { catalogGuideVersions, catalogImplementations, catalogItems, catalogSearchTerms } from './tables.ts';
import { implementationCode } from './guide.ts';
import { termsFor } from './search.ts';
import { publishedFigures } from './presenters.ts';
import { demoCatalog, demoGuide } from './seed.ts';

const trades = [
  '餐饮',
  '建筑',
  '医疗',
  '教育',
  '交通',
  '旅游',
  '养老',
  '物流',
  '农业',
  '渔业',
  '林业',
  '水利',
  '能源',
  '环保',
  '文化',
  '体育',
  '金融',
  '电信',
  '出版',
  '药品',
  '粮食',
  '燃气',
  '供热',
  '殡葬',
  '宗教',
];
const objects = ['经营', '生产', '设立', '从业人员', '场所', '设备', '项目', '机构', '产品', '资质'];
const actions = ['许可', '备案', '登记', '审批', '核准', '认定', '变更', '注销', '延续', '补证'];

/**
 * Synthetic published implementations for `npm run bench` (search p95 at 20,000 implementations):
 * names from Chinese word lists, guides copied from the demo catalog, search terms as at publish.
 * Base codes start with `98` (the demo's own start with `00`/`99`). Run by the CLI
 * (`yiwang catalog bench-data --implementations 20000`) on a seeded database; refuses to run twice.
 * Returns the number of implementations added.
 */
export async function generateBenchCatalog(ctx: Ctx, implementations: number, onProgress?: (done: number) => void): Promise<number> {
  const [existing] = await ctx.database.db.select({ n: count() }).from(catalogItems).where(like(catalogItems.baseCode, '98%'));
  if ((existing?.n ?? 0) > 0) throw new Error(`synthetic catalog items already present (${existing!.n} items with base codes 98…)`);
  let added = 0;
  const regions = [demoCity.city.code, ...demoCity.districts.map((d) => d.code)];
  const perItem = regions.length;
  const itemCount = Math.ceil(implementations / perItem);
  const cityPath = `${demoCity.province.code}/${demoCity.city.code}`;
  for (let start = 0; start < itemCount; start += 250) {
    await transact(ctx, async (t) => {
      const items: (typeof catalogItems.$inferInsert)[] = [];
      const impls: (typeof catalogImplementations.$inferInsert)[] = [];
      const versions: (typeof catalogGuideVersions.$inferInsert)[] = [];
      const terms: (typeof catalogSearchTerms.$inferInsert)[] = [];
      for (let i = start; i < Math.min(itemCount, start + 250); i++) {
        const trade = trades[i % trades.length]!;
        const object = objects[Math.floor(i / trades.length) % objects.length]!;
        const action = actions[Math.floor(i / (trades.length * objects.length)) % actions.length]!;
        const variant = Math.floor(i / (trades.length * objects.length * actions.length));
        const name = `${trade}${object}${action}${variant ? `（第${variant}类）` : ''}`;
        const spec = demoCatalog[i % demoCatalog.length]!;
        const baseCode = `98${String(i).padStart(7, '0')}000`;
        const itemId = newId();
        items.push({
          id: itemId,
          baseCode,
          name,
          itemType: spec.type,
          subjectTypes: spec.subjects,
          themes: spec.themes,
          keywords: [trade],
          legalBasis: spec.basis,
        });
        for (let r = 0; r < perItem && impls.length + start * perItem < implementations; r++) {
          const regionCode = regions[r]!;
          const uscc = completeUscc(`11${regionCode}MB${String(9_000_000 + (i % 40)).padStart(7, '0')}`);
          const code = implementationCode(uscc, r === 0 ? 3 : 4, baseCode);
          const id = newId();
          const guide = demoGuide(spec, { center: '示范市市民之家', address: '示范市明湖区市民大道 100 号', window: 'A01', phone: '0999-12345' });
          const views = (i * 7919 + r * 13) % 1000;
          impls.push({
            id,
            implementationCode: code,
            itemId,
            departmentId: newId(),
            departmentUscc: uscc,
            departmentName: `示范${trade}管理局`,
            regionCode,
            regionPath: r === 0 ? cityPath : `${cityPath}/${regionCode}`,
            level: r === 0 ? 3 : 4,
            state: 'published',
            publishedVersion: 1,
            ...publishedFigures(guide),
            views,
          });
          versions.push({ id: newId(), implementationId: id, version: 1, status: 'published', guide, publishedAt: new Date() });
          for (const term of termsFor({ name, keywords: [trade], themes: spec.themes, baseCode, implementationCode: code }))
            terms.push({ ...term, implementationId: id, popularity: views });
        }
      }
      await t.tx.insert(catalogItems).values(items);
      await t.tx.insert(catalogImplementations).values(impls);
      for (let i = 0; i < versions.length; i += 200) await t.tx.insert(catalogGuideVersions).values(versions.slice(i, i + 200));
      for (let i = 0; i < terms.length; i += 5000) await t.tx.insert(catalogSearchTerms).values(terms.slice(i, i + 5000));
      added += impls.length;
    });
    onProgress?.(added);
  }
  return added;
}
