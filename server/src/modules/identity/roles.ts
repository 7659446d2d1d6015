import { definePermissions } from '../../platform/auth/index.ts';
import { registerFieldMessages } from '../../platform/i18n/index.ts';

definePermissions({
  'identity.staff.manage': { zh: '管理工作人员与角色分配', en: 'Manage staff and their roles' },
  'identity.role.manage': { zh: '管理角色', en: 'Manage roles' },
  'identity.person.read_sensitive': { zh: '查看完整身份证号码（留痕）', en: 'Read full ID numbers (audited)' },
});

registerFieldMessages({
  out_of_scope: { zh: '超出您的管辖范围', en: 'Outside your region or department' },
  beyond_granter: { zh: '包含您在该范围内不具备的权限', en: 'Includes permissions you do not hold there' },
  own_roles: { zh: '不能修改自己的角色，请由其他管理员操作', en: 'You cannot change your own roles; another administrator must' },
  outside_role_owner: { zh: '该自定义角色只能在其所属范围内使用或修改', en: 'This custom role is used and changed only within the scope that owns it' },
  own_account: {
    zh: '不能在此修改自己的账户，请由其他管理员操作（修改密码请用“修改密码”）',
    en: 'You cannot change your own account here; another administrator must (use Change password for yours)',
  },
  holds_more: { zh: '该人员拥有超出您权限的角色，不能由您修改', en: 'This person holds roles beyond yours; you cannot change them' },
  built_in_role: {
    zh: '内置角色由平台定义，名称和权限不能修改；请新建自定义角色',
    en: 'Built-in roles are defined by the platform and keep their names and permissions; create a custom role instead',
  },
  nothing_to_change: { zh: '没有要修改的内容', en: 'Nothing to change' },
});

export interface BuiltInRole {
  code: string;
  name: string;
  nameEn: string;
  permissions: string[];
  /**
   * Administrative roles (powers over other people's powers, the audit trail or personal data) are
   * granted only by someone holding every one of their permissions where the grant applies.
   * Operational roles (the daily work of a clerk, reviewer, operator…) are jobs the platform
   * defines; a staff manager hands them out within the scope they manage.
   */
  administrative: boolean;
}

/**
 * Built-in roles are defined in code so that a module adding a capability can extend them
 * (extendBuiltInRole) without a data migration; custom roles live only in the roles table.
 */
const builtIn = new Map<string, BuiltInRole>();

function role(code: string, name: string, nameEn: string, permissions: string[], administrative = false) {
  builtIn.set(code, { code, name, nameEn, permissions, administrative });
}

role('platform_admin', '平台管理员', 'Platform administrator', ['*'], true);
role(
  'it_admin',
  '信息化管理员',
  'IT administrator',
  [
    'org.region.manage',
    'org.department.manage',
    'org.service_center.manage',
    'identity.staff.manage',
    'identity.role.manage',
    'platform.calendar.manage',
    'platform.audit.read',
    'platform.jobs.read',
  ],
  true,
);
role('dept_admin', '部门管理员', 'Department administrator', ['identity.staff.manage'], true);
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
role('supervisor', '监察督办人员', 'Supervisor', ['platform.audit.read', 'identity.person.read_sensitive'], true);
role('credit_officer', '信用管理人员', 'Credit officer', []);
role('data_steward', '部门数据专员', 'Department data steward', []);
role('data_officer', '数据资源审核人员', 'Data office reviewer', []);

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
