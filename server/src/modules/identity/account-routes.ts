import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.ts';
import { describeMe, SESSION_COOKIE } from './auth-service.ts';
import { Me } from './schemas.ts';
import {
  AccountClose,
  AccountProfile,
  AssuranceLevel,
  DataUsage,
  MobileChange,
  MySession,
  CitizenRegister,
  InPersonVerified,
  InPersonVerify,
  RealNameRequest,
  SmsCodeRequest,
  SmsCodeSent,
} from './account-schemas.ts';
import { getProfile } from './account-profile.ts';
import { changeMobile, closeMyAccount, endMySession, listMySessions, myDataUsage, signOutEverywhere } from './account-self-service.ts';
import { pageQuerySchema, pageSchema } from '../../platform/db/paging.ts';
import { verifyRealName } from './real-name.ts';
import { PERSON_VERIFY, verifyInPerson } from './verify-in-person.ts';
import { sendSmsCode } from './sms-codes.ts';
import { registerCitizen } from './register.ts';

const tags = ['identity'];

/** Sets the session cookie as the password sign-in does (routes.ts). */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: 12 * 3600 });
}

/** Citizens' own accounts: SMS codes and online registration (docs/identity.md). */
export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/auth/sms-code',
    {
      schema: {
        tags,
        summary: 'Send a one-time SMS code (5 minutes; limited per number and per address)',
        body: SmsCodeRequest,
        response: { 200: SmsCodeSent },
      },
    },
    async (req) => {
      if (req.body.purpose === 'change_mobile' && req.ctx.actor.kind !== 'person') throw new AppError('auth.required');
      return sendSmsCode(req.ctx, req.body);
    },
  );
  app.post(
    '/api/auth/register',
    {
      schema: {
        tags,
        summary: 'Register a citizen account (name, ID number, mobile confirmed by SMS code, password); signs in',
        body: CitizenRegister,
        response: { 201: z.object({ me: Me }) },
      },
    },
    async (req, reply) => {
      const { token, actor } = await registerCitizen(req.ctx, { ...req.body, userAgent: req.headers['user-agent'] });
      req.ctx.actor = actor;
      setSessionCookie(req, reply, token);
      return reply.status(201).send({ me: (await describeMe(req.ctx)) as z.infer<typeof Me> });
    },
  );

  app.get(
    '/api/account',
    { config: { auth: 'signed-in' }, schema: { tags, summary: 'My account: profile and level of assurance', response: { 200: AccountProfile } } },
    (req) => getProfile(req.ctx),
  );
  app.post(
    '/api/account/real-name',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'Real-name verification (实名认证) of my name and ID number, optionally with a face image; raises the level to real_name',
        body: RealNameRequest,
        response: { 200: z.object({ assuranceLevel: AssuranceLevel }) },
      },
    },
    (req) => verifyRealName(req.ctx, req.body),
  );
  app.post(
    '/api/admin/person-accounts/verify',
    {
      config: { permission: PERSON_VERIFY },
      schema: {
        tags,
        summary: "A window clerk verifies a walk-in citizen's account in person (ID card read or checked by eye): level in_person",
        body: InPersonVerify,
        response: { 200: InPersonVerified },
      },
    },
    (req) => verifyInPerson(req.ctx, req.body),
  );
  const signedIn = { auth: 'signed-in' } as const;
  app.get(
    '/api/account/sessions',
    { config: signedIn, schema: { tags, summary: 'My sessions on this and other devices', response: { 200: z.array(MySession) } } },
    (req) => listMySessions(req.ctx),
  );
  app.delete(
    '/api/account/sessions/:id',
    {
      config: signedIn,
      schema: { tags, summary: 'Sign one of my other devices out', params: z.object({ id: z.string().uuid() }), response: { 204: z.null() } },
    },
    async (req, reply) => {
      await endMySession(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/account/sessions/sign-out-everywhere',
    {
      config: signedIn,
      schema: { tags, summary: 'Sign out everywhere else (every session but this one ends)', response: { 200: z.object({ ended: z.number().int() }) } },
    },
    (req) => signOutEverywhere(req.ctx),
  );
  app.post(
    '/api/account/mobile',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Change my mobile number (change_mobile codes sent to the current and the new number)',
        body: MobileChange,
        response: { 200: z.object({ phoneMasked: z.string() }) },
      },
    },
    (req) => changeMobile(req.ctx, req.body),
  );
  app.get(
    '/api/account/data-usage',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '数据使用记录: who read my personal data, with their reason',
        querystring: pageQuerySchema,
        response: { 200: pageSchema(DataUsage) },
      },
    },
    (req) => myDataUsage(req.ctx, req.query),
  );
  app.post(
    '/api/account/close',
    {
      config: signedIn,
      schema: { tags, summary: 'Close my account (disabled for good; cases and certificates are kept)', body: AccountClose, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await closeMyAccount(req.ctx, req.body);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
};
