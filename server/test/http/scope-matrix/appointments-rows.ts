/**
 * Scope matrix rows of appointments (预约与排队) at the demo hall 示范市市民之家 (run by the city
 * 政务服务管理局): publishing slots (the hall region's IT admin), calling the next ticket at window A01
 * and ending a called ticket (the hall's window clerks; a district's clerk and another department's
 * clerk are refused).
 */
import { demoId } from '../../../src/modules/org/index.ts';
import { call, matrixEnv, next, ok, once, type RowTable } from './matrix-kit.ts';

const hall = demoId('appointment-hall', 'city');
const groupA = demoId('appointment-group', 'city:A');
const windowA01 = demoId('window', 'city:A01');
const clerks = { right: 'window.clerk', wrongDistrict: 'mh.window', wrongDepartment: 'scjg.clerk', lower: 'scjg.reviewer' } as const;

/** A walk-in ticket of group A taken at the kiosk and called at A01: what the finish row ends. */
const calledTicket = once(async () => {
  const res = await call(null, 'POST', `/api/public/appointments/halls/${hall}/tickets`, { groupId: groupA });
  if (res.statusCode !== 201) throw new Error(`kiosk ticket: ${res.statusCode} ${res.body}`);
  for (;;) {
    const r = await ok<{ called: { id: string; number: string } | null }>('window.clerk', 'POST', `/api/workbench/appointments/halls/${hall}/call-next`, {
      windowId: windowA01,
    });
    if (!r.called) throw new Error('the kiosk ticket was not called');
    if (r.called.number === res.json().number) return r.called.id;
  }
});

export const appointmentsRows: RowTable = {
  'POST /api/workbench/appointments/halls/:hallId/slots': {
    right: 'it.admin',
    wrongDistrict: 'mh.admin',
    wrongDepartment: 'scjg.itadmin',
    lower: 'scjg.clerk',
    req: () => {
      const env = matrixEnv();
      const day = env.calendar.addWorkingDays(env.calendar.today(), 1 + (next() % 5), '990000/990100').date;
      return {
        url: `/api/workbench/appointments/halls/${hall}/slots`,
        payload: { groupId: groupA, from: day, to: day, times: [{ start: '18:00', end: '18:30' }], capacity: 2 },
      };
    },
  },
  'POST /api/workbench/appointments/halls/:hallId/call-next': {
    ...clerks,
    req: () => ({ url: `/api/workbench/appointments/halls/${hall}/call-next`, payload: { windowId: windowA01 } }),
  },
  'POST /api/workbench/appointments/tickets/:id/finish': {
    ...clerks,
    req: async () => ({ url: `/api/workbench/appointments/tickets/${await calledTicket()}/finish`, payload: { outcome: 'done' } }),
  },
};
