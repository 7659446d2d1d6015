import type { z } from 'zod';
import { assertCan } from '../../platform/auth/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { blindIndex } from '../../platform/crypto/index.ts';
import { AppError } from '../../platform/errors.ts';
import { hitRateLimit } from '../../platform/http/rate-limit.ts';
import { isValidUscc, maskIdNumber, normalizeIdNumber } from '../../platform/validators.ts';
import { findPersonByIdNumber } from '../identity/index.ts';
import { callConnector, dataConnector, type ConnectorRequest } from './connectors.ts';
import { dataPermissions as P } from './policy.ts';
import { departmentNames } from './present.ts';
import { resourceRepo } from './repository.ts';
import type { ExchangeQuery } from './schemas.ts';
import { recordAccess } from './access-record.ts';
import { shareRepo } from './share-repository.ts';
import type { ResourceSnapshot } from './tables.ts';

/** Calls per requester (client, or department for internal fetches) per minute. */
export const EXCHANGE_RATE = { max: 120, windowSeconds: 60 };

export interface Requester {
  departmentId: string;
  /** The OIDC client that called (null: the platform itself, e.g. a case fetching a material). */
  clientId: string | null;
  name: string;
}

export type ExchangeInput = z.infer<typeof ExchangeQuery>;

const nowOf = (ctx: Ctx) => ctx.now?.() ?? new Date();

interface Resolved {
  resourceId: string | null;
  version: number | null;
  ownerDepartmentId: string | null;
  snapshot?: ResourceSnapshot;
  approvalId: string | null;
  /** The approval's legal basis (a conditional resource read under an approval). */
  legalBasis?: string;
}

function subjectOf(ctx: Ctx, input: ExchangeInput): { req: ConnectorRequest['subject']; mask: string; index: string | null } {
  if ('idNumber' in input.subject) {
    const id = normalizeIdNumber(input.subject.idNumber);
    if (!id) throw new AppError('data.subject_invalid', { fields: [{ field: 'subject.idNumber', code: 'invalid' }] });
    return { req: { kind: 'person', idNumber: id }, mask: maskIdNumber(id), index: blindIndex(ctx.config.secrets.dataKey, id) };
  }
  const uscc = input.subject.uscc.toUpperCase();
  if (!isValidUscc(uscc)) throw new AppError('data.subject_invalid', { fields: [{ field: 'subject.uscc', code: 'invalid' }] });
  return { req: { kind: 'entity', uscc }, mask: uscc, index: null };
}

/**
 * The checks before any provider is asked: the resource is published and shared; an unconditional
 * one gives every field, a conditional one only the fields of an approval of the requester that is in
 * force. A refusal is an AppError carrying what was resolved so far (for the log).
 */
async function authorize(ctx: Ctx, requester: Requester, input: ExchangeInput, now: Date): Promise<Resolved> {
  const db = ctx.database.db;
  const r = await resourceRepo.byCode(db, input.resource);
  const resolved: Resolved = { resourceId: r?.id ?? null, version: r?.publishedVersion ?? null, ownerDepartmentId: r?.departmentId ?? null, approvalId: null };
  const refuse = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new AppError(code, { extra }), { resolved });
  if (!r || r.publishedVersion === null) throw refuse('data.not_published');
  const snapshot = (await resourceRepo.version(db, r.id, r.publishedVersion))!.snapshot;
  resolved.snapshot = snapshot;
  const known = new Set(snapshot.fields.map((f) => f.name));
  const unknown = input.fields.filter((f) => !known.has(f));
  if (unknown.length) throw refuse('data.fields_out_of_scope', { fields: unknown });
  if (snapshot.sharingType === 'none') throw refuse('data.not_shared');
  if (snapshot.sharingType === 'unconditional' || r.departmentId === requester.departmentId) return resolved;
  const approval = input.approvalId ? await shareRepo.find(db, input.approvalId) : await shareRepo.latestApproved(db, r.id, requester.departmentId);
  if (!approval || approval.resourceId !== r.id || approval.requesterDepartmentId !== requester.departmentId || approval.status !== 'approved')
    throw refuse('data.no_approval');
  resolved.approvalId = approval.id;
  resolved.legalBasis = approval.legalBasis;
  if (!approval.expiresAt || approval.expiresAt <= now) throw refuse('data.approval_expired', { expiresAt: approval.expiresAt?.toISOString() });
  const beyond = input.fields.filter((f) => !(approval.fieldsGranted ?? []).includes(f));
  if (beyond.length) throw refuse('data.fields_out_of_scope', { fields: beyond });
  return resolved;
}

/**
 * One read of shared data: authorized, rate-limited, answered by the resource's connector (with its
 * timeout and retries, no transaction open while waiting), and logged and audited whatever the
 * outcome: who asked, what, about whom, why, under which approval.
 */
export async function querySharedData(ctx: Ctx, requester: Requester, input: ExchangeInput) {
  const now = nowOf(ctx);
  const subject = subjectOf(ctx, input);
  const person = subject.req.kind === 'person' ? await findPersonByIdNumber(ctx, subject.req.idNumber) : undefined;
  const fields = [...new Set(input.fields)];
  const record = (resolved: Resolved, outcome: 'ok' | 'refused' | 'failed', refusal: string | null) =>
    recordAccess(
      ctx,
      {
        at: now,
        requester,
        resource: {
          id: resolved.resourceId,
          code: input.resource,
          version: resolved.version,
          ownerDepartmentId: resolved.ownerDepartmentId,
          approvalId: resolved.approvalId,
        },
        subject: { kind: subject.req.kind, personId: person?.id ?? null, index: subject.index, mask: subject.mask },
        fields,
        purpose: input.purpose,
        caseNo: input.caseNo,
        outcome,
        refusal,
      },
      { action: 'data.exchange.query', summary: { resource: input.resource, version: resolved.version } },
    );

  let resolved: Resolved;
  try {
    resolved = await authorize(ctx, requester, input, now);
  } catch (e) {
    if (e instanceof AppError) await record((e as AppError & { resolved?: Resolved }).resolved ?? emptyResolved, 'refused', e.code);
    throw e;
  }
  if (ctx.config.RATE_LIMITS !== 'off') {
    const hit = await hitRateLimit(ctx.database.db, 'data.exchange', requester.clientId ?? requester.departmentId, EXCHANGE_RATE, now);
    if (!hit.ok) {
      await record(resolved, 'refused', 'rate.limited');
      throw new AppError('rate.limited', { extra: { retryAfterSeconds: hit.retryAfterSeconds } });
    }
  }
  const snapshot = resolved.snapshot!;
  const connector = dataConnector(snapshot.connector);
  let answer: Record<string, unknown> | null;
  try {
    if (!connector) throw new Error(`no connector ${snapshot.connector}`);
    answer = (await callConnector(connector, { resource: input.resource, subject: subject.req, fields })).answer;
  } catch (e) {
    ctx.log.warn({ err: e, resource: input.resource }, 'data provider failed');
    await record(resolved, 'failed', 'data.provider_unavailable');
    throw new AppError('data.provider_unavailable', { extra: { resource: input.resource } });
  }
  const accessId = await record(resolved, 'ok', null);
  const names = await departmentNames(ctx, [resolved.ownerDepartmentId!]);
  return {
    accessId,
    resource: input.resource,
    version: resolved.version!,
    resourceName: snapshot.name,
    /** Field → label, of the fields asked for. */
    labels: Object.fromEntries(snapshot.fields.filter((f) => fields.includes(f.name)).map((f) => [f.name, f.label])),
    approvalId: resolved.approvalId,
    /** The approval's legal basis; null: an unconditional resource or the caller's own. */
    legalBasis: resolved.legalBasis ?? null,
    sharingType: snapshot.sharingType,
    found: answer !== null,
    data: answer ? Object.fromEntries(fields.map((f) => [f, answer[f] ?? null])) : {},
    source: {
      departmentId: resolved.ownerDepartmentId!,
      departmentName: names.get(resolved.ownerDepartmentId!) ?? '',
      system: snapshot.sourceSystem,
      connector: snapshot.connector,
      fetchedAt: now.toISOString(),
    },
  };
}

const emptyResolved: Resolved = { resourceId: null, version: null, ownerDepartmentId: null, approvalId: null };

/** The sharing API: only a registered department system (client credentials, scope `api:data.exchange`). */
export async function exchangeQuery(ctx: Ctx, input: ExchangeInput) {
  const actor = ctx.actor;
  if (actor.kind !== 'api-client' || !actor.departmentId) throw new AppError('data.api_only');
  assertCan(actor, P.query, { departmentId: actor.departmentId });
  return querySharedData(ctx, { departmentId: actor.departmentId, clientId: actor.subjectId ?? null, name: actor.name }, input);
}
