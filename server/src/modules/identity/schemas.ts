import { z } from 'zod';
import { pageQuerySchema } from '../../platform/db/paging.ts';
import { normalizeIdNumber } from '../../platform/validators.ts';

/** Either username (or a citizen's mobile number) + password, or mobile + SMS code (purpose `login`). */
export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64).optional(),
  password: z.string().min(1).max(256).optional(),
  mobile: z.string().trim().max(20).optional().describe('with smsCode: sign in by SMS code'),
  smsCode: z.string().trim().max(10).optional(),
});

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  kind: z.enum(['staff', 'person', 'entity']),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  permissions: z.array(z.string()),
  person: z.object({ id: z.string(), name: z.string(), idNumberMasked: z.string(), phoneMasked: z.string().nullable() }).optional(),
  entity: z.object({ id: z.string(), name: z.string(), uscc: z.string(), legalRepresentative: z.string() }).optional(),
  staff: z
    .object({
      id: z.string(),
      departmentId: z.string(),
      departmentName: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      roles: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          nameEn: z.string(),
          departmentId: z.string().nullable(),
          departmentName: z.string().nullable(),
          regionCode: z.string(),
          regionName: z.string(),
        }),
      ),
    })
    .optional(),
});

export const PasswordChange = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) });

const RoleAssignment = z.object({
  roleCode: z.string().min(1).max(50),
  departmentId: z.string().uuid().nullish(),
  regionCode: z.string().max(12).describe('region whose subtree the role covers; "" = everywhere (platform admins only)'),
});

export const Staff = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  departmentId: z.string(),
  departmentName: z.string(),
  regionCode: z.string(),
  lawEnforcementCertNo: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  version: z.number().int(),
  roles: z.array(z.object({ roleCode: z.string(), departmentId: z.string().nullable(), regionCode: z.string() })),
});

export const StaffCreate = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9._-]{2,31}$/)
    .describe('lower-case letters, digits, dot, dash; 3–32'),
  name: z.string().trim().min(1).max(50),
  departmentId: z.string().uuid(),
  password: z.string().min(1).max(128).describe('initial password; changed at first sign-in'),
  phone: z
    .string()
    .regex(/^1[3-9]\d{9}$/)
    .nullish(),
  lawEnforcementCertNo: z.string().trim().max(40).nullish(),
  roles: z.array(RoleAssignment).max(20).default([]),
});

export const StaffUpdate = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  departmentId: z.string().uuid().optional(),
  active: z.boolean().optional(),
  lawEnforcementCertNo: z.string().trim().max(40).nullish(),
  roles: z.array(RoleAssignment).max(20).optional(),
  resetPassword: z.string().min(1).max(128).optional(),
  unlock: z.boolean().optional(),
  version: z.number().int().optional(),
});

export const StaffListQuery = pageQuerySchema.extend({
  departmentId: z.string().uuid().optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const Role = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  permissions: z.array(z.string()),
  builtIn: z.boolean(),
  ownerRegionCode: z.string().describe('the region that owns the role ("" = root; built-in roles)'),
  ownerDepartmentId: z.string().nullable().describe('the department that owns the role, if any'),
});
export const RoleCreate = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{2,40}$/),
  name: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().min(1).max(100),
  permissions: z.array(z.string().max(100)).max(200),
  ownerRegionCode: z.string().max(12).optional().describe('owner region; default: the region of your role-management grant'),
  ownerDepartmentId: z.string().uuid().nullish().describe('owner department (optional)'),
});
export const RoleUpdate = RoleCreate.omit({ code: true, ownerRegionCode: true, ownerDepartmentId: true }).partial();
export const Permission = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });

/** 开通自然人账户: a window clerk or an administrator opens a citizen's account (identity checked in person). */
export const PersonAccountCreate = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9._-]{2,31}$/)
    .describe('lower-case letters, digits, dot, dash; 3–32'),
  name: z.string().trim().min(1).max(50),
  idNumber: z
    .string()
    .trim()
    .max(18)
    .refine((v) => normalizeIdNumber(v) !== undefined, { params: { code: 'id_number' } })
    .describe('居民身份证号码 (GB 11643, check digit validated; a 15-digit legacy number is upgraded); stored sealed, never returned'),
  phone: z
    .string()
    .trim()
    .refine((v) => /^1[3-9]\d{9}$/.test(v), { params: { code: 'phone' } })
    .nullish()
    .describe('mobile number for notifications (stored sealed)'),
  address: z.string().trim().max(200).nullish(),
  regionCode: z.string().trim().min(6).max(12).describe('region of residence; you must hold identity.person.register there'),
  password: z.string().min(1).max(128).describe('initial password; changed at first sign-in'),
});

export const PersonAccount = z.object({
  accountId: z.string(),
  username: z.string(),
  mustChangePassword: z.boolean(),
  person: z.object({ id: z.string(), name: z.string(), idNumberMasked: z.string(), phoneMasked: z.string().nullable(), regionCode: z.string().nullable() }),
});
