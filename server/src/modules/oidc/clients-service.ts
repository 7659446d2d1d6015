import { randomBytes } from 'node:crypto';
import { assertCan, scopesOf } from '../../platform/auth/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { sealPersonal } from '../../platform/crypto/index.ts';
import { pageOf, type PageQuery } from '../../platform/db/paging.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findDepartments, getDepartment } from '../org/index.ts';
import { oidcPermissions as P } from './policy.ts';
import { clientRepo, payloadRepo, type ClientRow } from './repository.ts';
import type { OidcClientCreate, OidcClientUpdate } from './schemas.ts';
import { assertMayGrantApiScopes } from './scope-grants.ts';
import { apiScopes, identityScopes, scopeClaims } from './scopes.ts';

const newSecret = () => randomBytes(32).toString('base64url');

async function present(ctx: Ctx, rows: ClientRow[]) {
  const departments = new Map((await findDepartments(ctx, [...new Set(rows.map((r) => r.departmentId))])).map((d) => [d.id, d.name]));
  return rows.map((r) => ({
    clientId: r.clientId,
    name: r.name,
    departmentId: r.departmentId,
    departmentName: departments.get(r.departmentId) ?? null,
    grantTypes: r.grantTypes,
    redirectUris: r.redirectUris,
    postLogoutRedirectUris: r.postLogoutRedirectUris,
    scopes: r.scopes,
    active: r.active,
    secretRotatedAt: r.secretRotatedAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** https only, except a loopback address (a developer's machine); no fragment (RFC 6749 §3.1.2). */
function checkRedirects(uris: string[], field: string) {
  uris.forEach((u, i) => {
    const url = new URL(u);
    const loopback = url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if ((url.protocol !== 'https:' && !loopback) || url.hash)
      throw new AppError('request.invalid', { fields: [{ field: `${field}.${i}`, code: 'redirect_uri_https' }] });
  });
}

function checkShape(input: { grantTypes: string[]; redirectUris: string[]; scopes: string[] }) {
  const code = input.grantTypes.includes('authorization_code');
  if (code && input.redirectUris.length === 0) throw new AppError('request.invalid', { fields: [{ field: 'redirectUris', code: 'redirect_uri_required' }] });
  input.scopes.forEach((s, i) => {
    const api = s in apiScopes;
    const fits = api ? input.grantTypes.includes('client_credentials') : code;
    if (!fits) throw new AppError('request.invalid', { fields: [{ field: `scopes.${i}`, code: 'scope_grant_mismatch' }] });
  });
}

/** The client's department: it must exist and lie in the actor's scope for managing clients. */
async function ownedDepartment(ctx: Ctx, departmentId: string) {
  const department = await getDepartment(ctx, departmentId).catch(() => undefined);
  if (!department) throw new AppError('request.invalid', { fields: [{ field: 'departmentId', code: 'not_found' }] });
  assertCan(ctx.actor, P.manageClients, { regionPath: department.regionPath, departmentId });
  return department;
}

async function loadInScope(ctx: Ctx, clientId: string) {
  const row = await clientRepo.find(ctx.database.db, clientId);
  if (!row) throw notFound('oidc_client', clientId);
  assertCan(ctx.actor, P.manageClients, { regionPath: row.regionPath, departmentId: row.departmentId });
  return row;
}

export async function listClients(ctx: Ctx, q: PageQuery) {
  const { scopes } = scopesOf(ctx.actor, P.manageClients);
  const { rows, total } = await clientRepo.list(ctx.database.db, q, scopes);
  return pageOf(await present(ctx, rows), total, q);
}

export async function getClient(ctx: Ctx, clientId: string) {
  return (await present(ctx, [await loadInScope(ctx, clientId)]))[0]!;
}

export async function createClient(ctx: Ctx, input: OidcClientCreate) {
  const department = await ownedDepartment(ctx, input.departmentId);
  checkRedirects(input.redirectUris, 'redirectUris');
  checkRedirects(input.postLogoutRedirectUris, 'postLogoutRedirectUris');
  const grantTypes = [...new Set(input.grantTypes)];
  const scopes = [...new Set(input.scopes)];
  if (grantTypes.includes('authorization_code') && !scopes.includes('openid')) scopes.unshift('openid');
  checkShape({ grantTypes, redirectUris: input.redirectUris, scopes });
  assertMayGrantApiScopes(ctx.actor, scopes, { regionPath: department.regionPath, departmentId: department.id }, apiScopes);
  const clientId = `yw-${randomBytes(9).toString('base64url')}`;
  const secret = newSecret();
  const row = await transact(ctx, async (t) => {
    await clientRepo.insert(t.tx, {
      clientId,
      name: input.name,
      departmentId: department.id,
      regionPath: department.regionPath,
      redirectUris: input.redirectUris,
      postLogoutRedirectUris: input.postLogoutRedirectUris,
      grantTypes,
      scopes,
      secretSealed: sealPersonal(ctx.config.secrets.dataKey, secret),
      createdBy: ctx.actor.id,
    });
    t.audit({
      action: 'oidc.client_registered',
      objectType: 'oidc_client',
      objectId: clientId,
      summary: { name: input.name, departmentId: department.id, grantTypes, scopes },
    });
    return (await clientRepo.find(t.tx, clientId))!;
  });
  return { ...(await present(ctx, [row]))[0]!, clientSecret: secret };
}

export async function updateClient(ctx: Ctx, clientId: string, input: OidcClientUpdate) {
  await loadInScope(ctx, clientId);
  if (input.redirectUris) checkRedirects(input.redirectUris, 'redirectUris');
  if (input.postLogoutRedirectUris) checkRedirects(input.postLogoutRedirectUris, 'postLogoutRedirectUris');
  const row = await transact(ctx, async (t) => {
    const current = (await clientRepo.lock(t.tx, clientId))!;
    const scopes = input.scopes ? [...new Set(input.scopes)] : current.scopes;
    if (current.grantTypes.includes('authorization_code') && !scopes.includes('openid')) scopes.unshift('openid');
    checkShape({ grantTypes: current.grantTypes, redirectUris: input.redirectUris ?? current.redirectUris, scopes });
    assertMayGrantApiScopes(ctx.actor, scopes, { regionPath: current.regionPath, departmentId: current.departmentId }, apiScopes, current.scopes);
    const updated = (await clientRepo.update(t.tx, clientId, { ...input, scopes }))!;
    if (input.active === false) await payloadRepo.deleteForClient(t.tx, clientId);
    const action =
      input.active === false && current.active ? 'oidc.client_disabled' : input.active && !current.active ? 'oidc.client_enabled' : 'oidc.client_updated';
    t.audit({ action, objectType: 'oidc_client', objectId: clientId, summary: { changed: Object.keys(input) } });
    return updated;
  });
  return (await present(ctx, [row]))[0]!;
}

/** A new secret, answered once; the old one stops working at once. */
export async function rotateClientSecret(ctx: Ctx, clientId: string) {
  const before = await loadInScope(ctx, clientId);
  if (!before.active) throw new AppError('oidc.client_disabled');
  const secret = newSecret();
  const row = await transact(ctx, async (t) => {
    const updated = (await clientRepo.update(t.tx, clientId, { secretSealed: sealPersonal(ctx.config.secrets.dataKey, secret), secretRotatedAt: new Date() }))!;
    t.audit({ action: 'oidc.client_secret_rotated', objectType: 'oidc_client', objectId: clientId, summary: { name: before.name } });
    return updated;
  });
  return { ...(await present(ctx, [row]))[0]!, clientSecret: secret };
}

/** The scopes a client may be given, with what each carries. */
export function listScopes() {
  return [
    ...identityScopes.map((scope) => ({
      scope,
      kind: 'identity' as const,
      permissions: [],
      zh: scopeClaims[scope]!.join(', '),
      en: scopeClaims[scope]!.join(', '),
    })),
    ...Object.entries(apiScopes).map(([scope, s]) => ({ scope, kind: 'api' as const, permissions: s.permissions, zh: s.zh, en: s.en })),
  ];
}
