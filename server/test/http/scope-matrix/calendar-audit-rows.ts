/** Scope matrix rows of the platform's administration: the working-day calendar and the audit chain. */
import { admin, cityAdmin } from './actors.ts';
import { mhPath, nextDate, ok, type RowTable } from './matrix-kit.ts';

export const calendarAuditRows: RowTable = {
  'POST /api/admin/calendar/overrides': {
    ...admin,
    req: () => ({ url: '/api/admin/calendar/overrides', payload: { date: nextDate(), kind: 'holiday', name: '矩阵停工日', regionPath: mhPath } }),
  },
  'DELETE /api/admin/calendar/overrides/:id': {
    ...admin,
    req: async () => ({
      url: `/api/admin/calendar/overrides/${(await ok('mh.admin', 'POST', '/api/admin/calendar/overrides', { date: nextDate(), kind: 'holiday', name: '矩阵停工日二', regionPath: mhPath })).id}`,
    }),
  },
  'POST /api/admin/calendar/notices': {
    ...cityAdmin,
    right: 'admin',
    req: () => ({
      url: '/api/admin/calendar/notices',
      payload: { year: 2031, holidays: [{ date: '2031-01-01', name: '元旦' }], makeupWorkdays: [], source: '国办发明电〔2030〕1号' },
    }),
  },
  'POST /api/admin/audit/verify': {
    ...cityAdmin,
    right: 'admin',
    wrongDepartment: null,
    na: 'the chain spans every region: only a grant at the root verifies it (a city grant is already the wrong scope)',
    req: () => ({ url: '/api/admin/audit/verify' }),
  },
};
