import { z } from 'zod';
import { pageQuerySchema } from '../../platform/db/paging.ts';
import { urgeStatuses, urgeSubjects } from './tables.ts';

export const Light = z.enum(['green', 'yellow', 'red']);
export const LightBucket = z.enum(['green', 'yellow', 'red', 'paused']);

export const LightCount = z.object({
  departmentId: z.string(),
  departmentName: z.string(),
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  paused: z.number().int(),
  total: z.number().int(),
});

export const LightCasesQuery = pageQuerySchema.extend({
  departmentId: z.string().min(1).max(64),
  light: LightBucket.describe('the bar: a running case’s light, or paused'),
});

export const LightCase = z.object({
  caseNo: z.string(),
  itemName: z.string(),
  departmentName: z.string().describe('the responsible unit'),
  applicantName: z.string(),
  status: z.string(),
  stepName: z.string(),
  submittedAt: z.string(),
  dueDate: z.string().describe('the case’s limit'),
  light: Light.nullable(),
  paused: z.boolean(),
  urge: z
    .object({ id: z.string(), status: z.enum(urgeStatuses), dueDate: z.string() })
    .nullable()
    .describe('the urge waiting for the unit’s answer, if any'),
});

export const UrgeCreate = z.object({
  caseNo: z.string().trim().min(1).max(64),
  message: z.string().trim().min(4).max(1000),
  answerDays: z.number().int().min(1).max(15).default(3).describe('working days the unit has to answer (platform calendar)'),
});

export const UrgeAnswer = z.object({
  answer: z.string().trim().min(4).max(2000),
  version: z.number().int().describe('the version you read (optimistic locking)'),
});

export const UrgeListQuery = pageQuerySchema.extend({
  box: z.enum(['to-answer', 'escalated']).optional().describe('to-answer: urges to my unit; escalated: escalated to my department; none: every urge I may see'),
  status: z.enum(urgeStatuses).optional(),
  caseNo: z.string().max(64).optional(),
});

export const UrgeView = z.object({
  id: z.string(),
  subjectType: z.enum(urgeSubjects).describe('what is urged: a case, or the rectification of a bad review of that case'),
  rectificationId: z.string().nullable(),
  caseNo: z.string(),
  itemName: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  caseLight: z.enum(['yellow', 'red']).describe('the case’s (or the rectification’s) light when urged'),
  caseDueDate: z.string(),
  message: z.string(),
  answerDays: z.number().int(),
  dueDate: z.string().describe('the answer is due by the end of this day'),
  dueEstimated: z.boolean().describe('the limit runs into a year whose holiday notice is not entered'),
  status: z.enum(urgeStatuses),
  overdue: z.boolean().describe('unanswered and past its limit today'),
  issuedByName: z.string(),
  issuedOn: z.string(),
  issuedAt: z.string(),
  answer: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredLate: z.boolean(),
  escalatedAt: z.string().nullable(),
  escalatedToName: z.string().nullable(),
  version: z.number().int(),
  mayAnswer: z.boolean().describe('the reader answers for the urged unit and it waits for an answer'),
});
export type UrgeView = z.infer<typeof UrgeView>;

export const TicketLightCount = z.object({
  unit: z.string().describe('the unit holding the tickets: its department id, or street:<region code> for a street office'),
  unitName: z.string(),
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  total: z.number().int(),
});

export const TicketLightsQuery = pageQuerySchema.extend({
  unit: z.string().min(1).max(80),
  light: Light.describe('the bar: an open ticket’s light'),
});

export const LightTicket = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.string(),
  title: z.string(),
  status: z.string(),
  unitName: z.string(),
  dueDate: z.string().nullable(),
  dueAt: z.string().nullable().describe('the moment it is due, for a limit in working hours'),
  light: Light,
  urgeCount: z.number().int().describe('the hotline center’s 催办 so far (the ticket page urges it)'),
});

export const RectificationLightCount = LightCount.omit({ paused: true });

export const RectificationLightsQuery = pageQuerySchema.extend({
  departmentId: z.string().min(1).max(64),
  light: Light.describe('the bar: an owed rectification’s light'),
});

export const LightRectification = z.object({
  id: z.string(),
  caseNo: z.string(),
  itemName: z.string(),
  departmentName: z.string(),
  status: z.string(),
  level: z.number().int().describe('the bad review’s level (1–2)'),
  tags: z.array(z.string()),
  openedOn: z.string(),
  dueOn: z.string(),
  light: Light,
  urge: z
    .object({ id: z.string(), status: z.enum(urgeStatuses), dueDate: z.string() })
    .nullable()
    .describe('the urge waiting for the unit’s answer, if any'),
});

export const RectificationUrgeCreate = z.object({
  rectificationId: z.string().uuid(),
  message: z.string().trim().min(4).max(1000),
  answerDays: z.number().int().min(1).max(15).default(3).describe('working days the unit has to answer (platform calendar)'),
});
