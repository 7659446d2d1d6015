/** Scope matrix rows of the cases module's payment rules (缴费规则, cases/payment-wait.ts): as the 容缺 list, the item's department's IT administrator. */
import { admin } from './actors.ts';
import { mhMzjCode } from './fixtures.ts';
import type { RowTable } from './matrix-kit.ts';

export const paymentWaitRows: RowTable = {
  'PUT /api/admin/payment-rules/:implementationCode': {
    ...admin,
    req: async () => ({ url: `/api/admin/payment-rules/${await mhMzjCode()}`, payload: { beforeStep: 'issue', pauseClock: true, legalBasis: '（矩阵测试）' } }),
  },
  'DELETE /api/admin/payment-rules/:implementationCode': {
    ...admin,
    req: async () => ({ url: `/api/admin/payment-rules/${await mhMzjCode()}` }),
  },
};
