/** The permission catalogue; modules add theirs at import time. */
export interface PermissionInfo {
  code: string;
  zh: string;
  en: string;
}

const catalogue = new Map<string, PermissionInfo>();

export function definePermissions(entries: Record<string, { zh: string; en: string }>): void {
  for (const [code, names] of Object.entries(entries)) catalogue.set(code, { code, ...names });
}

export function listPermissions(): PermissionInfo[] {
  return [...catalogue.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function isKnownPermission(code: string): boolean {
  return code === '*' || catalogue.has(code);
}

definePermissions({
  'platform.audit.read': { zh: '查看审计日志', en: 'Read the audit trail' },
  'platform.calendar.manage': { zh: '维护节假日日历', en: 'Manage the holiday calendar' },
  'platform.jobs.read': { zh: '查看后台任务', en: 'Read background jobs' },
});
