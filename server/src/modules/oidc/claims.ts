import { asActor, type Ctx } from '../../platform/context.ts';
import { systemActor } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import { assertAssuranceLevel, describeMe, getStaff } from '../identity/index.ts';

type Me = Awaited<ReturnType<typeof describeMe>>;
interface StaffPart {
  id: string;
  departmentId: string;
  departmentName: string;
  roles: { code: string; departmentId: string | null; regionCode: string }[];
}

/**
 * The claims of an account (the OIDC `sub` is the account id), by scope: name, masked ID number and
 * level of assurance for people; department and roles for staff. Undefined when the account is
 * unknown or closed.
 */
export async function accountClaims(ctx: Ctx, accountId: string): Promise<Record<string, unknown> | undefined> {
  let me: Me;
  try {
    me = await describeMe(asActor(ctx, { id: accountId, kind: 'system', name: '', grants: [] }));
  } catch {
    return undefined;
  }
  const claims: Record<string, unknown> = { sub: accountId, account_kind: me.kind };
  const person = me.person as { name?: string; idNumberMasked?: string } | undefined;
  const entity = me.entity as { name?: string } | undefined;
  const staff = me.staff as StaffPart | undefined;
  if (person?.name) claims.name = person.name;
  if (entity?.name) claims.name = entity.name;
  if (person?.idNumberMasked) claims.id_number_masked = person.idNumberMasked;
  const assurance = await assuranceLevel(ctx, accountId);
  if (assurance) claims.assurance_level = assurance;
  if (staff) {
    const member = await getStaff(asActor(ctx, systemActor), staff.id).catch(() => undefined);
    claims.name = member?.name ?? claims.name ?? me.username;
    claims.department_id = staff.departmentId;
    claims.department_name = staff.departmentName;
    claims.roles = staff.roles.map((r) => ({ role: r.code, department_id: r.departmentId, region_code: r.regionCode }));
  }
  if (!claims.name) claims.name = me.username;
  return claims;
}

/**
 * The account's level of assurance (registered / real_name / in_person), read through identity's one
 * public rule: asking for the highest level answers the current one.
 */
async function assuranceLevel(ctx: Ctx, accountId: string): Promise<string | undefined> {
  try {
    await assertAssuranceLevel(asActor(ctx, { id: accountId, kind: 'system', name: '', grants: [] }), 'in_person');
    return 'in_person';
  } catch (e) {
    const current = e instanceof AppError ? e.extra.currentLevel : undefined;
    return typeof current === 'string' ? current : undefined;
  }
}
