import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageSchema } from '../../platform/db/paging.ts';
import { AppError } from '../../platform/errors.ts';
import { setSessionCookie } from './account-routes.ts';
import { loginBySmsCode } from './citizen-sign-in.ts';
import { changePassword, describeMe, KNOWN_CLIENT_COOKIE, KNOWN_CLIENT_DAYS, login, logout, SESSION_COOKIE } from './auth-service.ts';
import { assertMayReadPersonalData, createStaff, getStaff, listStaff, updateStaff } from './staff-service.ts';
import { createRole, listRoles, permissionCatalogue, updateRole } from './role-service.ts';
import { getPerson, PERSON_REGISTER, registerPersonAccount, revealIdNumber } from './people-service.ts';
import {
  LoginBody,
  Me,
  PasswordChange,
  Permission,
  PersonAccount,
  PersonAccountCreate,
  Role,
  RoleCreate,
  RoleUpdate,
  Staff,
  StaffCreate,
  StaffListQuery,
  StaffUpdate,
} from './schemas.ts';

const tags = ['identity'];
const idParam = z.object({ id: z.string().uuid() });

export const identityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in by password, or by mobile number and SMS code; sets the session cookie',
        body: LoginBody,
        response: { 200: z.object({ me: Me }) },
      },
    },
    async (req, reply) => {
      const { username, password, mobile, smsCode } = req.body;
      if (mobile !== undefined || smsCode !== undefined) {
        if (!mobile || !smsCode) throw new AppError('request.invalid', { fields: [{ field: mobile ? 'smsCode' : 'mobile', code: 'required' }] });
        const signedIn = await loginBySmsCode(req.ctx, { mobile, smsCode, userAgent: req.headers['user-agent'] });
        req.ctx.actor = signedIn.actor;
        setSessionCookie(req, reply, signedIn.token);
        return { me: (await describeMe(req.ctx)) as z.infer<typeof Me> };
      }
      if (!username || !password) throw new AppError('request.invalid', { fields: [{ field: username ? 'password' : 'username', code: 'required' }] });
      const { token, actor, knownClient } = await login(req.ctx, {
        username,
        password,
        userAgent: req.headers['user-agent'],
        knownClient: req.cookies[KNOWN_CLIENT_COOKIE],
      });
      req.ctx.actor = actor;
      // Marks this browser as one the account signed in with (login throttling spares it); sent only to /api/auth.
      reply.setCookie(KNOWN_CLIENT_COOKIE, knownClient, {
        path: '/api/auth',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        maxAge: KNOWN_CLIENT_DAYS * 86_400,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        maxAge: 12 * 3600,
      });
      return { me: (await describeMe(req.ctx)) as z.infer<typeof Me> };
    },
  );
  app.post('/api/auth/logout', { schema: { tags, summary: 'Sign out', response: { 204: z.null() } } }, async (req, reply) => {
    await logout(req.ctx);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });
  app.get(
    '/api/auth/me',
    { config: { auth: 'signed-in', allowWithInitialPassword: true }, schema: { tags, summary: 'Who am I', response: { 200: Me } } },
    async (req) => (await describeMe(req.ctx)) as z.infer<typeof Me>,
  );
  // Anyone: whether someone is signed in, and who. A page open to all asks this, so an anonymous
  // visitor gets an ordinary answer ({ signedIn: false }), not a 401 the browser logs as an error.
  app.get(
    '/api/auth/session',
    {
      config: { allowWithInitialPassword: true },
      schema: { tags, summary: 'Whether someone is signed in (and who)', response: { 200: z.object({ signedIn: z.boolean(), me: Me.nullable() }) } },
    },
    async (req) =>
      req.ctx.actor.kind === 'anonymous' ? { signedIn: false, me: null } : { signedIn: true, me: (await describeMe(req.ctx)) as z.infer<typeof Me> },
  );
  app.post(
    '/api/auth/password',
    {
      config: { auth: 'signed-in', allowWithInitialPassword: true },
      schema: { tags, summary: 'Change my password', body: PasswordChange, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await changePassword(req.ctx, req.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/admin/staff',
    {
      config: { permission: 'identity.staff.manage' },
      schema: { tags, summary: 'List staff you may manage', querystring: StaffListQuery, response: { 200: pageSchema(Staff) } },
    },
    (req) => listStaff(req.ctx, req.query),
  );
  app.get(
    '/api/admin/staff/:id',
    { config: { permission: 'identity.staff.manage' }, schema: { tags, summary: 'A staff member', params: idParam, response: { 200: Staff } } },
    (req) => getStaff(req.ctx, req.params.id),
  );
  app.post(
    '/api/admin/staff',
    {
      config: { permission: 'identity.staff.manage', idempotent: true },
      schema: { tags, summary: 'Create a staff account with roles', body: StaffCreate, response: { 201: Staff } },
    },
    async (req, reply) => reply.status(201).send(await createStaff(req.ctx, req.body)),
  );
  app.patch(
    '/api/admin/staff/:id',
    {
      config: { permission: 'identity.staff.manage' },
      schema: { tags, summary: 'Update a staff member, roles, reset password or unlock', params: idParam, body: StaffUpdate, response: { 200: Staff } },
    },
    (req) => updateStaff(req.ctx, req.params.id, req.body),
  );

  app.get('/api/admin/roles', { config: { auth: 'staff' }, schema: { tags, summary: 'Roles', response: { 200: z.array(Role) } } }, (req) => listRoles(req.ctx));
  app.post(
    '/api/admin/roles',
    { config: { permission: 'identity.role.manage' }, schema: { tags, summary: 'Create a custom role', body: RoleCreate, response: { 201: Role } } },
    async (req, reply) => reply.status(201).send(await createRole(req.ctx, req.body)),
  );
  app.patch(
    '/api/admin/roles/:code',
    {
      config: { permission: 'identity.role.manage' },
      schema: { tags, summary: 'Update a role', params: z.object({ code: z.string() }), body: RoleUpdate, response: { 200: Role } },
    },
    (req) => updateRole(req.ctx, req.params.code, req.body),
  );
  app.get(
    '/api/admin/permissions',
    { config: { auth: 'staff' }, schema: { tags, summary: 'The permission catalogue', response: { 200: z.array(Permission) } } },
    () => permissionCatalogue(),
  );

  app.post(
    '/api/admin/persons',
    {
      config: { permission: PERSON_REGISTER, idempotent: true },
      schema: {
        tags,
        summary: "Open a citizen's account (自然人) after checking their identity: initial password changed at first sign-in",
        body: PersonAccountCreate,
        response: { 201: PersonAccount },
      },
    },
    async (req, reply) => reply.status(201).send(await registerPersonAccount(req.ctx, req.body)),
  );
  app.post(
    '/api/admin/persons/:id/id-number',
    {
      config: { permission: 'identity.person.read_sensitive' },
      schema: {
        tags,
        summary: 'Reveal a full ID number (audited; give the reason)',
        params: idParam,
        body: z.object({ reason: z.string().trim().min(4).max(200) }),
        response: { 200: z.object({ idNumber: z.string(), person: z.object({ id: z.string(), name: z.string() }) }) },
      },
    },
    async (req) => {
      const person = await getPerson(req.ctx, req.params.id);
      await assertMayReadPersonalData(req.ctx, person.regionCode);
      return { idNumber: await revealIdNumber(req.ctx, req.params.id, req.body.reason), person: { id: person.id, name: person.name } };
    },
  );
};
