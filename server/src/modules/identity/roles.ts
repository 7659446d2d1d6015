import { definePermissions } from '../../platform/auth/index.ts';

definePermissions({
  'identity.staff.manage': { zh: '管理工作人员与角色分配', en: 'Manage staff and their roles' },
  'identity.role.manage': { zh: '管理角色', en: 'Manage roles' },
  'identity.person.read_sensitive': { zh: '查看完整身份证号码（留痕）', en: 'Read full ID numbers (audited)' },
});

export interface BuiltInRole {
  code: string;
  name: string;
  nameEn: string;
  permissions: string[];
}

/**
 * Built-in roles are defined in code so that a module adding a capability can extend them
 * (extendBuiltInRole) without a data migration; custom roles live only in the roles table.
 */
const builtIn = new Map<string, BuiltInRole>();

function role(code: string, name: string, nameEn: string, permissions: string[]) {
  builtIn.set(code, { code, name, nameEn, permissions });
}

role('platform_admin', '平台管理员', 'Platform administrator', ['*']);
role('it_admin', '信息化管理员', 'IT administrator', [
  'org.region.manage',
  'org.department.manage',
  'org.service_center.manage',
  'identity.staff.manage',
  'identity.role.manage',
  'platform.calendar.manage',
  'platform.audit.read',
  'platform.jobs.read',
]);
role('dept_admin', '部门管理员', 'Department administrator', ['identity.staff.manage']);
role('window_clerk', '窗口受理人员', 'Window clerk', []);
role('reviewer', '审查人员', 'Reviewer', []);
role('approver', '审批负责人', 'Approver', []);
role('catalog_editor', '事项编辑', 'Catalog editor', []);
role('catalog_reviewer', '事项审核', 'Catalog reviewer', []);
role('hotline_operator', '12345话务员', 'Hotline operator', []);
role('hotline_dispatcher', '12345派单员', 'Hotline dispatcher', []);
role('hotline_handler', '工单承办人员', 'Ticket handler', []);
role('inspector', '执法检查人员', 'Inspector', []);
role('inspection_manager', '抽查管理人员', 'Inspection manager', []);
role('supervisor', '监察督办人员', 'Supervisor', ['platform.audit.read', 'identity.person.read_sensitive']);
role('credit_officer', '信用管理人员', 'Credit officer', []);

export function extendBuiltInRole(code: string, permissions: string[]): void {
  const r = builtIn.get(code);
  if (!r) throw new Error(`unknown built-in role ${code}`);
  r.permissions = [...new Set([...r.permissions, ...permissions])];
}

export function builtInRoles(): BuiltInRole[] {
  return [...builtIn.values()];
}

export function builtInRole(code: string): BuiltInRole | undefined {
  return builtIn.get(code);
}
