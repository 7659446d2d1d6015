import type { Ctx } from '../../platform/context.ts';
import { sealPersonal } from '../../platform/crypto/index.ts';
import { demoDepartmentId, getDepartment } from '../org/index.ts';
import { oidcClients } from './tables.ts';

/** The demo department system (docs/oidc.md): 示范市市场监督管理局's licensing system. Demo data only. */
export const DEMO_CLIENT_ID = 'yw-demo-scjg-licensing';
export const DEMO_CLIENT_SECRET = 'demo-licensing-secret-0123456789';

export async function seedOidcDemo(ctx: Ctx): Promise<void> {
  const department = await getDepartment(ctx, demoDepartmentId('scjg', '990100'));
  await ctx.database.db
    .insert(oidcClients)
    .values({
      clientId: DEMO_CLIENT_ID,
      name: '示范市市场监管局许可审批系统',
      departmentId: department.id,
      regionPath: department.regionPath,
      redirectUris: ['http://localhost:3000/callback'],
      postLogoutRedirectUris: ['http://localhost:3000/'],
      grantTypes: ['authorization_code', 'client_credentials'],
      scopes: ['openid', 'profile', 'yiwang.identity', 'yiwang.staff', 'api:cases.read'],
      secretSealed: sealPersonal(ctx.config.secrets.dataKey, DEMO_CLIENT_SECRET),
    })
    .onConflictDoNothing();
}
