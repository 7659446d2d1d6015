import { z } from 'zod';
import { isValidUscc } from '../../platform/validators.ts';
import { pageQuerySchema } from '../../platform/db/paging.ts';

export const regionLevel = z.enum(['province', 'city', 'district', 'street', 'community']);

export const Region = z.object({
  code: z.string(),
  name: z.string(),
  level: regionLevel,
  parentCode: z.string().nullable(),
  path: z.string(),
  lng: z.string().nullable(),
  lat: z.string().nullable(),
});
export type Region = z.infer<typeof Region>;

export const RegionCreate = z.object({
  code: z
    .string()
    .regex(/^\d{6}(\d{3}(\d{3})?)?$/)
    .describe('GB/T 2260 code (6 digits), 9 for a street, 12 for a community'),
  name: z.string().trim().min(1).max(50),
  level: regionLevel,
  parentCode: z.string().nullable(),
});
export const RegionUpdate = z.object({ name: z.string().trim().min(1).max(50) });
export const RegionListQuery = pageQuerySchema.extend({ parentCode: z.string().optional(), level: regionLevel.optional() });

const uscc = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidUscc, { params: { code: 'uscc' } })
  .describe('unified social credit code (GB 32100), check character validated');

export const Department = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  nameEn: z.string().nullable(),
  uscc: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  regionPath: z.string(),
  parentId: z.string().nullable(),
  kind: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Department = z.infer<typeof Department>;

export const DepartmentCreate = z.object({
  name: z.string().trim().min(2).max(100),
  shortName: z.string().trim().min(1).max(30),
  nameEn: z.string().trim().max(200).nullish(),
  uscc,
  regionCode: z.string().min(6).max(12),
  parentId: z.string().uuid().nullish(),
  kind: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,30}$/),
  phone: z.string().trim().max(30).nullish(),
  address: z.string().trim().max(200).nullish(),
});
export const DepartmentUpdate = DepartmentCreate.partial().extend({ active: z.boolean().optional(), version: z.number().int().optional() });
export const DepartmentListQuery = pageQuerySchema.extend({ regionCode: z.string().optional(), kind: z.string().optional() });

export const ServiceCenter = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string(),
  hours: z.string(),
  phone: z.string().nullable(),
  windowCount: z.number().int(),
  version: z.number().int(),
});
export const ServiceCenterCreate = z.object({
  name: z.string().trim().min(2).max(100),
  regionCode: z.string().min(6).max(12),
  address: z.string().trim().min(2).max(200),
  hours: z.string().trim().min(2).max(200),
  phone: z.string().trim().max(30).nullish(),
});
export const ServiceCenterUpdate = ServiceCenterCreate.partial();

export const ServiceWindow = z.object({
  id: z.string(),
  serviceCenterId: z.string(),
  number: z.string(),
  name: z.string(),
  comprehensive: z.boolean(),
  departmentIds: z.array(z.string()),
  active: z.boolean(),
});
export type ServiceWindow = z.infer<typeof ServiceWindow>;
export const ServiceWindowCreate = z.object({
  number: z.string().trim().min(1).max(10),
  name: z.string().trim().min(1).max(50),
  comprehensive: z.boolean().default(false),
  departmentIds: z.array(z.string().uuid()).max(50).default([]),
});
export const ServiceWindowUpdate = ServiceWindowCreate.partial().extend({ active: z.boolean().optional() });
