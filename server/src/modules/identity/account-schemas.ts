import { z } from 'zod';
import { normalizeIdNumber } from '../../platform/validators.ts';

const mobile = z
  .string()
  .trim()
  .refine((v) => /^1[3-9]\d{9}$/.test(v), { params: { code: 'phone' } })
  .describe('mainland mobile number (11 digits)');
const smsCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/)
  .describe('the 6-digit code sent by SMS');

export const SmsCodeRequest = z.object({
  mobile,
  purpose: z.enum(['register', 'login', 'change_mobile']).describe('what the code is for: it is good only for that'),
});
export const SmsCodeSent = z.object({
  expiresInSeconds: z.number().int(),
  demoCode: z.string().optional().describe('only without an SMS gateway outside production (demo, development, tests): the code itself'),
});

export const CitizenRegister = z.object({
  name: z.string().trim().min(1).max(50),
  idNumber: z
    .string()
    .trim()
    .max(18)
    .refine((v) => normalizeIdNumber(v) !== undefined, { params: { code: 'id_number' } })
    .describe('居民身份证号码 (GB 11643, check digit validated); stored sealed, never returned'),
  mobile,
  smsCode,
  password: z.string().min(1).max(128),
});

export const AssuranceLevel = z
  .enum(['registered', 'real_name', 'in_person'])
  .describe('registered online / real-name verified / verified in person at a window');

export { mobile as MobileField, smsCode as SmsCodeField };

export const AccountProfile = z.object({
  accountId: z.string(),
  username: z.string(),
  kind: z.enum(['staff', 'person', 'entity']),
  assuranceLevel: AssuranceLevel,
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  person: z
    .object({ id: z.string(), name: z.string(), idNumberMasked: z.string(), phoneMasked: z.string().nullable(), verifiedAt: z.string().nullable() })
    .nullable(),
});

export const RealNameRequest = z.object({
  face: z.string().max(2_000_000).optional().describe('face image (base64 JPEG) for the portrait comparison; the simulated provider fails "mismatch"'),
});

export const InPersonVerify = z.object({
  idNumber: z
    .string()
    .trim()
    .max(18)
    .refine((v) => normalizeIdNumber(v) !== undefined, { params: { code: 'id_number' } }),
  name: z.string().trim().min(1).max(50),
  method: z.enum(['id_card_read', 'by_eye']).describe('ID card chip read by the reader, or card and face compared by eye'),
});
export const InPersonVerified = z.object({
  accountId: z.string(),
  username: z.string(),
  assuranceLevel: AssuranceLevel,
  person: z.object({ id: z.string(), name: z.string(), idNumberMasked: z.string() }),
});

export const MySession = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean().describe('the session of this request'),
});
export const MobileChange = z.object({
  newMobile: mobile,
  newCode: smsCode.describe('the change_mobile code sent to the new number'),
  oldCode: smsCode.optional().describe('the change_mobile code sent to the current number (required when the account has one)'),
});
export const DataUsage = z.object({
  at: z.string(),
  actorName: z.string(),
  actorKind: z.string(),
  action: z.string(),
  reason: z.string().nullable(),
});
export const AccountClose = z.object({ password: z.string().min(1).max(256) });
