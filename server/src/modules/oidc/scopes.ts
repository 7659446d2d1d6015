/**
 * Scopes (docs/oidc.md). OpenID scopes carry claims about the signed-in person; API scopes let a
 * machine client (client credentials) call /api/… with the permissions they map to, within the
 * owning department only.
 */
export const identityScopes = ['openid', 'profile', 'yiwang.identity', 'yiwang.staff'] as const;

export const apiScopes: Record<string, { permissions: string[]; zh: string; en: string }> = {
  'api:cases.read': { permissions: ['cases.case.read'], zh: '读取本部门办件', en: "Read the department's cases" },
  'api:hotline.read': { permissions: ['hotline.ticket.read'], zh: '读取本部门热线工单', en: "Read the department's hotline tickets" },
  'api:hotline.stats': { permissions: ['hotline.stats.read'], zh: '读取热线统计', en: 'Read hotline statistics' },
  'api:data.exchange': {
    permissions: ['data.exchange.query'],
    zh: '查询共享数据（按共享授权，全程留痕）',
    en: 'Query shared data (within approvals, audited)',
  },
  'api:credit.records': {
    permissions: ['credit.record.submit'],
    zh: '报送信用记录（行政许可、行政处罚等，全程留痕）',
    en: 'File credit records (licences, penalties; audited)',
  },
};

export const allScopes = [...identityScopes, ...Object.keys(apiScopes)];

/** Claims per scope: what the id_token and userinfo carry. */
export const scopeClaims: Record<string, string[]> = {
  openid: ['sub'],
  profile: ['name', 'account_kind'],
  'yiwang.identity': ['id_number_masked', 'assurance_level'],
  'yiwang.staff': ['department_id', 'department_name', 'roles'],
};

/** The permissions a token's scopes give (unknown scopes give nothing). */
export function permissionsOfScopes(scopes: string[]): string[] {
  return [...new Set(scopes.flatMap((s) => apiScopes[s]?.permissions ?? []))];
}
