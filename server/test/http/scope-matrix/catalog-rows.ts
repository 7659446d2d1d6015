/** Scope matrix rows of catalog: items, implementations through their lifecycle, the Excel import and the three lists. */
import { catalogEditor, catalogReviewer } from './actors.ts';
import { foodCode, guideOf, implementation } from './fixtures.ts';
import { call, dept, next, ok, once, type Entry, type RowTable } from './matrix-kit.ts';

export const catalogRows: RowTable = {
  // 一件事 bundles: the lead department (政务服务局, city) edits and publishes.
  'PUT /api/workbench/catalog/life-events/:code/draft': {
    ...catalogReviewer,
    req: once(async () => {
      const wb = await ok('zwfw.catalog', 'GET', '/api/workbench/catalog/life-events/retirement');
      return {
        url: '/api/workbench/catalog/life-events/retirement/draft',
        payload: { departmentId: dept.zwfw, definition: wb.working.definition, changeNote: '矩阵测试' },
      };
    }),
  },
  'POST /api/workbench/catalog/life-events/:code/publish': {
    ...catalogReviewer,
    req: once(async () => ({ url: '/api/workbench/catalog/life-events/retirement/publish' })),
  },
  'POST /api/workbench/catalog/items': {
    ...catalogReviewer,
    req: () => ({
      url: '/api/workbench/catalog/items',
      payload: {
        baseCode: `9901180970${String(next()).padStart(2, '0')}`,
        name: '矩阵测试事项',
        itemType: 'other_power',
        subjectTypes: ['entity'],
        themes: [],
        keywords: [],
        legalBasis: '《示范市矩阵测试办法》',
      },
    }),
  },
  'POST /api/workbench/catalog/implementations': {
    ...catalogEditor,
    req: once(async () => {
      await ok('zwfw.catalog', 'POST', '/api/workbench/catalog/items', {
        baseCode: '990118096000',
        name: '矩阵测试实施',
        itemType: 'other_power',
        subjectTypes: ['entity'],
        themes: [],
        keywords: [],
        legalBasis: '《示范市矩阵测试办法》',
      });
      return {
        url: '/api/workbench/catalog/implementations',
        payload: { baseCode: '990118096000', departmentId: dept.scjg, guide: await guideOf(await foodCode()) },
      };
    }),
  },
  'POST /api/workbench/catalog/implementations/:implementationCode/drafts': {
    ...catalogEditor,
    req: once(async () => ({ url: `/api/workbench/catalog/implementations/${await implementation('published')}/drafts` })),
  },
  'PUT /api/workbench/catalog/implementations/:implementationCode/draft': {
    ...catalogEditor,
    req: once(async () => {
      const code = await implementation('draft');
      return { url: `/api/workbench/catalog/implementations/${code}/draft`, payload: { guide: await guideOf(await foodCode()) } };
    }),
  },
  'POST /api/workbench/catalog/implementations/:implementationCode/draft/submit': {
    ...catalogEditor,
    req: once(async () => ({ url: `/api/workbench/catalog/implementations/${await implementation('draft')}/draft/submit` })),
  },
  'POST /api/workbench/catalog/implementations/:implementationCode/submitted/publish': {
    ...catalogReviewer,
    req: once(async () => ({ url: `/api/workbench/catalog/implementations/${await implementation('submitted')}/submitted/publish`, payload: {} })),
  },
  'POST /api/workbench/catalog/implementations/:implementationCode/submitted/reject': {
    ...catalogReviewer,
    req: once(async () => ({
      url: `/api/workbench/catalog/implementations/${await implementation('submitted')}/submitted/reject`,
      payload: { reason: '材料清单不完整' },
    })),
  },
  'POST /api/workbench/catalog/implementations/:implementationCode/suspend': {
    ...catalogReviewer,
    req: once(async () => ({ url: `/api/workbench/catalog/implementations/${await implementation('published')}/suspend`, payload: { reason: '依据修订中' } })),
  },
  'POST /api/workbench/catalog/implementations/:implementationCode/resume': {
    ...catalogReviewer,
    req: once(async () => {
      const code = await implementation('suspended');
      return { url: `/api/workbench/catalog/implementations/${code}/resume`, payload: { reason: '依据已修订' } };
    }),
  },
  'POST /api/workbench/catalog/implementations/:implementationCode/abolish': {
    ...catalogReviewer,
    req: once(async () => ({ url: `/api/workbench/catalog/implementations/${await implementation('published')}/abolish`, payload: { reason: '事项取消' } })),
  },
  'POST /api/workbench/catalog/import': {
    ...catalogReviewer,
    // All or nothing: every row outside the importer's scope is listed (out_of_scope), nothing is written.
    scopeInReport: true,
    req: once(async () => {
      const res = await call('admin', 'GET', '/api/workbench/catalog/export');
      return {
        url: '/api/workbench/catalog/import',
        payload: res.rawPayload,
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      };
    }),
  },
  ...listEntries(),
};

/** The three lists (收费目录, 权责清单, 中介服务清单): entries of the city 市场监管局. */
function listEntries(): Record<string, Entry> {
  const bodies = {
    fees: {
      name: '矩阵测试登记费',
      kind: 'administrative_fee',
      basis: '测试依据',
      standard: '每件 10 元',
      collectingDepartmentId: dept.scjg,
      effectiveFrom: '2020-01-01',
    },
    powers: {
      name: '对矩阵测试行为的行政处罚',
      powerType: '行政处罚',
      basis: '《测试法》第一条',
      responsibilities: '立案、调查、决定',
      accountability: '依法追责',
      departmentId: dept.scjg,
    },
    intermediaries: {
      name: '矩阵测试评估报告编制',
      basis: '《测试办法》',
      requiredFor: '矩阵测试审批',
      providerRequirements: '不作资质要求',
      departmentId: dept.scjg,
      departmentName: '示范市市场监督管理局',
    },
  } as const;
  const out: Record<string, Entry> = {};
  for (const [list, body] of Object.entries(bodies)) {
    const base = `/api/workbench/catalog/${list}`;
    const existing = (tag: string) =>
      once(async () => {
        const created = await ok('zwfw.catalog', 'POST', base, { ...body, code: `MX-${list}-${tag}` });
        return created as { code: string; version: number };
      });
    const forPut = existing('put');
    const forRetire = existing('retire');
    out[`POST ${base}`] = { ...catalogReviewer, req: () => ({ url: base, payload: { ...body, code: `MX-${list}-new${next()}` } }) };
    out[`PUT ${base}/:code`] = {
      ...catalogReviewer,
      req: async () => ({ url: `${base}/${(await forPut()).code}`, payload: { ...body, version: (await forPut()).version } }),
    };
    out[`POST ${base}/:code/retire`] = {
      ...catalogReviewer,
      req: async () => ({ url: `${base}/${(await forRetire()).code}/retire`, payload: { reason: '已取消', version: (await forRetire()).version } }),
    };
  }
  return out;
}
