/**
 * Scope matrix rows of delivery (双向寄递): the manual status update, the pickup hand-over and the
 * simulated carrier step on orders of a 市场监管局 (city) food-permit case of citizen1 (the
 * department's window clerk; a district's clerk of the same kind of department and another
 * department's clerk are refused).
 */
import { foodCase } from './fixtures.ts';
import { ok, once, type Entry, type RowTable } from './matrix-kit.ts';

const clerks = { right: 'scjg.clerk', wrongDistrict: 'dl.scjg.clerk', wrongDepartment: 'rsj.clerk', lower: 'scjg.reviewer' } as const;

/** citizen1 asks for a food-permit case's result by post (to their default address) or at the window. */
const newOrder = async (method: 'post' | 'pickup') => {
  const caseNo = await foodCase('accept');
  const [address] = await ok<{ id: string }[]>('citizen1', 'GET', '/api/delivery/addresses');
  return ok<{ id: string; pickupCode: string | null }>('citizen1', 'POST', '/api/delivery/orders', {
    caseNo,
    direction: 'result_out',
    method,
    ...(method === 'post' ? { addressId: address!.id } : {}),
  });
};
const posted = once(() => newOrder('post'));
const simulated = once(() => newOrder('post'));
const pickup = once(() => newOrder('pickup'));

export const deliveryRows: RowTable = {
  'POST /api/workbench/delivery/orders/:id/status': {
    ...clerks,
    req: async () => ({
      url: `/api/workbench/delivery/orders/${(await posted()).id}/status`,
      payload: { status: 'collected', carrier: 'EMS', trackingNumber: 'EM0001', note: '邮局揽收' },
    }),
  } satisfies Entry,
  'POST /api/workbench/delivery/orders/:id/hand-over': {
    ...clerks,
    req: async () => {
      const o = await pickup();
      return { url: `/api/workbench/delivery/orders/${o.id}/hand-over`, payload: { code: o.pickupCode } };
    },
  },
  'POST /api/workbench/delivery/orders/:id/simulate': {
    ...clerks,
    req: async () => ({ url: `/api/workbench/delivery/orders/${(await simulated()).id}/simulate` }),
  },
};
