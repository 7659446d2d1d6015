/** Scope matrix rows of hotline: the city-wide admin tables, API keys and every ticket action (a 明湖区 ticket). */
import { hotlineCategories } from '../../../src/modules/hotline/tables.ts';
import { admin, center, cityAdmin, handler } from './actors.ts';
import { ticket, ticketAt } from './fixtures.ts';
import { matrixEnv, next, ok, once, type RowTable } from './matrix-kit.ts';

export const hotlineRows: RowTable = {
  'POST /api/admin/hotline/categories': {
    ...cityAdmin,
    req: () => ({ url: '/api/admin/hotline/categories', payload: { code: `matrix.test${next()}`, name: '矩阵测试分类' } }),
  },
  'PATCH /api/admin/hotline/categories/:id': {
    ...cityAdmin,
    req: async () => {
      const [cat] = await matrixEnv().database.db.select().from(hotlineCategories).limit(1);
      return { url: `/api/admin/hotline/categories/${cat!.id}`, payload: { name: cat!.name } };
    },
  },
  'POST /api/admin/hotline/knowledge': {
    ...cityAdmin,
    req: () => ({ url: '/api/admin/hotline/knowledge', payload: { title: '矩阵测试条目', body: '矩阵测试内容' } }),
  },
  'PATCH /api/admin/hotline/knowledge/:id': {
    ...cityAdmin,
    req: once(async () => ({
      url: `/api/admin/hotline/knowledge/${(await ok('it.admin', 'POST', '/api/admin/hotline/knowledge', { title: '矩阵测试条目二', body: '矩阵测试内容' })).id}`,
      payload: { body: '矩阵测试内容（改）' },
    })),
  },
  'PUT /api/admin/hotline/limits/:kind/:urgency': {
    ...cityAdmin,
    req: async () => {
      const rows = await ok<unknown[] | { items: unknown[] }>('it.admin', 'GET', '/api/admin/hotline/limits');
      const list = (Array.isArray(rows) ? rows : rows.items) as {
        kind: string;
        urgency: string;
        conclusionUnit: string;
        conclusionAmount: number;
        signMinutes: number;
        version: number;
      }[];
      const row = list.find((r) => r.kind === 'suggestion' && r.urgency === 'normal')!;
      return {
        url: '/api/admin/hotline/limits/suggestion/normal',
        payload: { conclusionUnit: row.conclusionUnit, conclusionAmount: row.conclusionAmount, signMinutes: row.signMinutes, version: row.version },
      };
    },
  },
  'POST /api/admin/hotline/api-keys': {
    ...admin,
    wrongDistrict: null,
    wrongDepartment: null,
    na: 'a new key belongs to the scope of whoever issues it: there is no foreign object to target',
    req: () => ({ url: '/api/admin/hotline/api-keys', payload: { name: '明湖区 311 应用' } }),
  },
  'DELETE /api/admin/hotline/api-keys/:id': {
    ...admin,
    req: once(async () => ({
      url: `/api/admin/hotline/api-keys/${(await ok('mh.admin', 'POST', '/api/admin/hotline/api-keys', { name: '明湖区矩阵应用' })).id}`,
    })),
  },

  // ----- hotline: tickets (a 明湖区 ticket) -----
  'POST /api/workbench/hotline/tickets': {
    right: 'rx.operator',
    wrongDistrict: null,
    wrongDepartment: null,
    lower: 'supervisor',
    na: 'taking a call creates a ticket in the operator’s own center: there is no foreign object to target',
    req: () => ({
      url: '/api/workbench/hotline/tickets',
      payload: { callerPhone: '13800009998', kind: 'inquiry', text: '社保卡补办需要什么材料？', address: '示范市明湖区湖滨街道' },
    }),
  },
  'POST /api/workbench/hotline/tickets/:id/dispatch': {
    ...center,
    req: async () => ({ url: `/api/workbench/hotline/tickets/${await ticketAt('new')()}/dispatch`, payload: { regionCode: '990102' } }),
  },
  'POST /api/workbench/hotline/tickets/:id/answer': {
    ...center,
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('new')}/answer`, payload: { text: '已直接答复来电人。' } })),
  },
  'POST /api/workbench/hotline/tickets/:id/refer': {
    ...center,
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('new')}/refer`, payload: { referTo: '人民法院', reason: '涉诉事项' } })),
  },
  'POST /api/workbench/hotline/tickets/:id/merge': {
    ...center,
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('new')}/merge`, payload: { intoId: await ticket('new') } })),
    rightMay: [409, 400],
  },
  'POST /api/workbench/hotline/tickets/:id/public-text': {
    ...center,
    rightMay: [409],
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('new')}/public-text`, payload: { text: '湖滨路路灯不亮' } })),
  },
  'POST /api/workbench/hotline/tickets/:id/sign': {
    ...handler,
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('dispatched')}/sign`, payload: {} })),
  },
  'POST /api/workbench/hotline/tickets/:id/return': {
    ...handler,
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('dispatched')}/return`, payload: { reason: '不属于本单位职责' } })),
  },
  'POST /api/workbench/hotline/tickets/:id/extension': {
    ...handler,
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('signed')}/extension`, payload: { days: 3, reason: '需协调供电部门' } })),
  },
  'POST /api/workbench/hotline/tickets/:id/reply': {
    ...handler,
    req: once(async () => ({
      url: `/api/workbench/hotline/tickets/${await ticket('signed')}/reply`,
      payload: { text: '已联系供电部门修复路灯。', photos: [] },
    })),
  },
  'POST /api/workbench/hotline/tickets/:id/extension/decision': {
    ...center,
    wrongDepartment: null,
    na: 'the center reviews: no department holds a review grant',
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('extension')}/extension/decision`, payload: { approve: true } })),
  },
  'POST /api/workbench/hotline/tickets/:id/review': {
    ...center,
    wrongDepartment: null,
    na: 'the center reviews: no department holds a review grant',
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('replied')}/review`, payload: { pass: true } })),
  },
  'POST /api/workbench/hotline/tickets/:id/urge': {
    right: 'supervisor',
    wrongDistrict: 'dl.supervisor',
    wrongDepartment: null,
    lower: 'rx.operator',
    na: 'supervisors hold city- or district-wide grants, not department ones',
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('dispatched')}/urge`, payload: { note: '请尽快办理' } })),
  },
  'POST /api/workbench/hotline/tickets/:id/follow-up': {
    right: 'rx.operator',
    wrongDistrict: 'dl.hotline',
    wrongDepartment: null,
    lower: 'mh.street.handler',
    na: 'the center follows up: no department holds a follow-up grant',
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('concluded')}/follow-up`, payload: { solved: true, satisfaction: 5 } })),
  },
  'POST /api/workbench/hotline/tickets/:id/reopen': {
    right: 'rx.operator',
    wrongDistrict: 'dl.hotline',
    wrongDepartment: null,
    lower: 'mh.street.handler',
    na: 'the center follows up: no department holds a follow-up grant',
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('closed')}/reopen`, payload: { reason: '问题没有解决' } })),
  },
};
