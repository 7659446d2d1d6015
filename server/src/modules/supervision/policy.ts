import { definePermissions, type Actor } from '../../platform/auth/index.ts';
import { registerErrors } from '../../platform/errors.ts';
import { regionWithin } from '../../platform/auth/index.ts';

export const supervisionPermissions = {
  /** Issue 督办 on a yellow or red case within the supervisor's region (and department, if the grant is bound to one). */
  urge: 'supervision.urge.issue',
  /** Answer the urges addressed to one's own department (a grant bound to it). */
  answer: 'supervision.urge.answer',
  /** 领导驾驶舱: the cases' figures of one's region (and department, if the grant is bound to one). */
  dashboard: 'supervision.dashboard.read',
} as const;

definePermissions({
  [supervisionPermissions.urge]: { zh: '对办件督办（电子监察）', en: 'Urge late cases (e-supervision)' },
  [supervisionPermissions.answer]: { zh: '答复本单位收到的督办', en: "Answer urges addressed to one's unit" },
  [supervisionPermissions.dashboard]: { zh: '查看领导驾驶舱（办件统计）', en: "View the leaders' dashboard (case statistics)" },
});

registerErrors({
  'supervision.case_not_late': {
    status: 409,
    zh: '只能对黄灯（临近期限）或红灯（已超期）的办件或差评整改督办',
    en: 'Only a case or rectification with a yellow (near its limit) or red (overdue) light can be urged',
  },
  'supervision.case_ended': { status: 409, zh: '办件已办结，无需督办', en: 'The case has ended; there is nothing to urge' },
  'supervision.urge_open': {
    status: 409,
    zh: '该办件已有尚未答复的督办，请等待答复或查看该督办',
    en: 'This case already has an urge waiting for its answer',
  },
  'supervision.rectification_not_open': {
    status: 409,
    zh: '只能对整改中的差评整改督办（已提交、申诉中或已结束的无需督办）',
    en: 'Only a rectification the unit is still working on can be urged',
  },
  'supervision.not_your_unit': { status: 403, zh: '只有被督办单位的工作人员可以答复', en: 'Only staff of the urged unit can answer' },
});

/**
 * The departments whose urges the actor answers: those of the grants carrying the answer
 * permission that are bound to one department (a region-wide grant answers for no unit).
 */
export function answeringUnits(actor: Actor): { departmentId: string; regionPath: string }[] {
  return actor.grants
    .filter((g) => g.departmentId && (g.permissions.includes(supervisionPermissions.answer) || g.permissions.includes('*')))
    .map((g) => ({ departmentId: g.departmentId!, regionPath: g.regionPath }));
}

/** Does the actor answer for the unit of this urge? */
export function answersFor(actor: Actor, urge: { departmentId: string; regionPath: string }): boolean {
  return answeringUnits(actor).some((u) => u.departmentId === urge.departmentId && regionWithin(urge.regionPath, u.regionPath));
}

/** The departments an escalation may land on for the actor: the own department and every department-bound grant's. */
export function ownDepartments(actor: Actor): string[] {
  return [...new Set([actor.departmentId, ...actor.grants.map((g) => g.departmentId)].filter((d): d is string => !!d))];
}
