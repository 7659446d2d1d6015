import QRCode from 'qrcode';
import { can } from '../../platform/auth/index.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { publicOrigin } from '../../platform/config/index.ts';
import { onDomainEvent, transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { randomToken, sm3 } from '../../platform/crypto/index.ts';
import { newId } from '../../platform/db/index.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { enqueueNotifications } from '../../platform/outbox/index.ts';
import { evaluationCaseFacts, type EvaluationCaseFacts } from '../cases/index.ts';
import { findWindowFacts } from '../org/index.ts';
import { contactPhoneOf } from '../identity/index.ts';
import { EVALUABLE_STATUSES, isUniqueViolation, recordEvaluation } from './evaluate.ts';
import { evaluationPermissions as P } from './policy.ts';
import { nowOf } from './present.ts';
import { evaluationRepo } from './repository.ts';
import { onlineDimensions, onSiteDimensions, type Evaluation, type TokenEvaluationCreate } from './schemas.ts';
import { tokenRepo } from './tokens-repository.ts';

/** Days an SMS link stays valid; a visit code is for the counter, so hours. */
export const SMS_TOKEN_DAYS = 30;
export const VISIT_TOKEN_HOURS = 2;

type TokenKind = 'sms' | 'visit';
const DAY_MS = 86_400_000;
const hashOf = (token: string) => sm3(`evaluation-token:${token}`);
const gone = () => new AppError('resource.not_found', { extra: { resource: 'evaluation_token' } });
export const evaluateLink = (ctx: Ctx, token: string) => `${publicOrigin(ctx.config)}/evaluate/${token}`;

/** Stores the digest of a new token and returns the token itself (shown once: in the SMS or at the counter). */
async function issueToken(
  t: TxCtx,
  kind: TokenKind,
  caseNo: string,
  ttlMs: number,
  createdBy: string | null,
  fixed?: string,
  window?: { id: string; label: string } | null,
) {
  const token = fixed ?? randomToken(24);
  const id = newId();
  const createdAt = nowOf(t);
  const expiresAt = new Date(createdAt.getTime() + ttlMs);
  await tokenRepo.insert(t.tx, {
    id,
    tokenHash: hashOf(token),
    kind,
    caseNo,
    createdBy,
    expiresAt,
    createdAt,
    windowId: window?.id ?? null,
    windowLabel: window?.label ?? null,
  });
  t.audit({
    action: `evaluation.token.issue`,
    objectType: 'evaluation_token',
    objectId: id,
    summary: { kind, caseNo, expiresAt: expiresAt.toISOString(), ...(window ? { windowId: window.id } : {}) },
  });
  return { id, token, expiresAt };
}

/**
 * When a case ends with a decision, its applicant (a person with a mobile number on file) gets an
 * SMS with a one-time link to rate it without signing in, valid 30 days. Runs in the transaction
 * that ended the case (the cases module's `cases.case.ended` event).
 */
export function subscribeEvaluationInvites(): void {
  onDomainEvent('cases.case.ended', async (t, e) => {
    if (e.applicantKind !== 'person') return;
    const phone = await contactPhoneOf(t, e.applicantId);
    if (!phone) return;
    const { token } = await issueToken(t, 'sms', e.caseNo, SMS_TOKEN_DAYS * DAY_MS, null);
    const text = `【一网通办】您的办件${e.caseNo}（${e.itemName}）已办结，欢迎评价：${evaluateLink(t, token)}（${SMS_TOKEN_DAYS}天内有效，限评一次）`;
    await enqueueNotifications(t.tx, [
      {
        channel: 'sms',
        recipientKind: 'person',
        recipientId: e.applicantId,
        address: phone,
        template: 'evaluation.invite',
        params: { caseNo: e.caseNo, itemName: e.itemName, text },
      },
    ]);
  });
}

async function liveToken(ctx: Ctx, token: string) {
  const row = await tokenRepo.live(ctx.database.db, hashOf(token), nowOf(ctx));
  if (!row) throw gone();
  return row;
}

const factsOf = (ctx: Ctx, caseNo: string) => evaluationCaseFacts({ ...ctx, actor: systemActor }, caseNo);
const dimensionsOf = (kind: TokenKind): readonly string[] => (kind === 'sms' ? onlineDimensions : onSiteDimensions);

/** What the rating page shows for a live token (404 when unknown, used or expired). */
export async function tokenView(ctx: Ctx, token: string) {
  const row = await liveToken(ctx, token);
  const facts = await factsOf(ctx, row.caseNo);
  return {
    kind: row.kind,
    caseNo: row.caseNo,
    itemName: facts.itemName,
    departmentName: facts.departmentName,
    dimensions: [...dimensionsOf(row.kind)],
    expiresAt: row.expiresAt.toISOString(),
  };
}

/**
 * Rates by a one-time token, without signing in. A staff session is refused (the clerk must not
 * rate for the citizen). The token is spent in the same transaction as the evaluation: a second
 * use, like an unknown or expired token, is 404. By SMS link: the case's one online evaluation
 * (409 when the applicant has already rated it in the portal); by visit code: an on-site one.
 */
export async function evaluateByToken(ctx: Ctx, token: string, input: TokenEvaluationCreate): Promise<Evaluation> {
  if (ctx.actor.kind === 'staff') throw new AppError('evaluation.staff_session');
  const probe = await liveToken(ctx, token);
  const allowed = dimensionsOf(probe.kind);
  const stray = Object.keys(input.dimensions).filter((d) => !allowed.includes(d));
  if (stray.length) throw invalid(stray.map((d) => ({ field: `dimensions.${d}`, code: 'unknown' })));
  const facts = await factsOf(ctx, probe.caseNo);
  if (!EVALUABLE_STATUSES.includes(facts.status) && probe.kind === 'sms') throw new AppError('evaluation.not_concluded');
  try {
    return await transact(ctx, async (t) => {
      const now = nowOf(t);
      const spent = await tokenRepo.spend(t.tx, probe.id, now);
      if (!spent) throw gone();
      if (spent.kind === 'sms' && (await evaluationRepo.onlineOfCase(t.tx, facts.caseNo))) throw new AppError('evaluation.already_evaluated');
      const visitWindow = spent.kind === 'visit' && spent.windowId ? { id: spent.windowId, label: spent.windowLabel ?? '' } : undefined;
      const e = await recordEvaluation(t, facts, spent.kind === 'sms' ? 'online' : 'on_site', input, ctx.actor.id, spent.kind, visitWindow);
      await tokenRepo.linkEvaluation(t.tx, spent.id, e.id);
      return e;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('evaluation.already_evaluated');
    throw err;
  }
}

/**
 * The window of a visit: the one the clerk names, else the window the case was filed at; it must
 * exist, be open and serve the case's department (a comprehensive window serves every one). 400
 * `request.invalid` on `windowId` otherwise: an on-site evaluation always records its window.
 */
async function visitWindow(ctx: Ctx, facts: EvaluationCaseFacts, windowId: string | undefined): Promise<{ id: string; label: string }> {
  const id = windowId ?? facts.windowId;
  if (!id) throw invalid([{ field: 'windowId', code: 'required' }]);
  const w = await findWindowFacts(ctx, id);
  if (!w || !w.active) throw invalid([{ field: 'windowId', code: 'not_found' }]);
  if (!w.comprehensive && !w.departmentIds.includes(facts.departmentId)) throw invalid([{ field: 'windowId', code: 'not_serving_department' }]);
  return { id: w.id, label: w.label };
}

/**
 * 现场评价: the window clerk opens an on-site evaluation of this visit for the case; the citizen
 * rates it on their own device or the counter tablet with the code (valid 2 hours, once). The
 * clerk must handle cases of the case's department (`evaluation.visit.create` in its scope). The
 * visit's window (`windowId`, or the case's filing window) is recorded on the code and the evaluation.
 */
export async function createVisitEvaluation(ctx: Ctx, caseNo: string, input: { windowId?: string } = {}) {
  const facts = await evaluationCaseFacts(ctx, caseNo);
  if (!can(ctx.actor, P.visit, { regionPath: facts.regionPath, departmentId: facts.departmentId }))
    throw new AppError('auth.forbidden', { extra: { permission: P.visit } });
  const window = await visitWindow(ctx, facts, input.windowId);
  const created = await transact(ctx, async (t) => {
    const { id, token, expiresAt } = await issueToken(t, 'visit', caseNo, VISIT_TOKEN_HOURS * 3_600_000, ctx.actor.id, undefined, window);
    return { id, caseNo, token, url: evaluateLink(t, token), expiresAt: expiresAt.toISOString(), window };
  });
  // The QR code of the link, for the citizen's phone at the counter (drawn after the transaction: nothing to lock).
  return { ...created, qrSvg: await QRCode.toString(created.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
}

/** Demo links with known tokens (docs/evaluation.md), valid 30 days from seeding: the demo seed only. */
export const DEMO_TOKENS = { sms: 'demo-sms-evaluate-0001', visit: 'demo-visit-evaluate-0001' } as const;
export async function seedDemoTokens(ctx: Ctx, caseNo: string): Promise<void> {
  // The visit code is the counter's where the case was filed.
  const facts = await factsOf(ctx, caseNo);
  const window = facts.windowId ? { id: facts.windowId, label: facts.windowLabel ?? '' } : null;
  await transact(ctx, async (t) => {
    for (const kind of ['sms', 'visit'] as const)
      await issueToken(t, kind, caseNo, SMS_TOKEN_DAYS * DAY_MS, null, DEMO_TOKENS[kind], kind === 'visit' ? window : null);
  });
}
