import type { Actor } from '../../platform/auth/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { payloadKey } from './adapter.ts';
import { payloadRepo } from './repository.ts';
import { permissionsOfScopes } from './scopes.ts';

/**
 * The actor behind `Authorization: Bearer <access token>`: a client credentials token of an active
 * registered client. It acts with the permissions its scopes map to (only scopes the client still
 * holds), within the client's department and that department's region, nothing more. One statement.
 * Undefined for an unknown, expired or foreign token: the request stays anonymous (401 where
 * sign-in is needed).
 */
export async function resolveBearer(ctx: Ctx, token: string): Promise<Actor | undefined> {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return undefined;
  const found = await payloadRepo.clientToken(ctx.database.db, payloadKey(ctx.config.secrets.sessionSecret, token));
  if (!found || !found.client.active) return undefined;
  const exp = Number(found.payload.exp);
  if (!Number.isFinite(exp) || exp * 1000 <= Date.now()) return undefined;
  const allowed = new Set(found.client.scopes);
  const scopes = String(found.payload.scope ?? '')
    .split(' ')
    .filter((s) => s && allowed.has(s));
  const permissions = permissionsOfScopes(scopes);
  return {
    id: null,
    kind: 'api-client',
    name: found.client.name,
    subjectId: found.client.clientId,
    departmentId: found.client.departmentId,
    grants: permissions.length
      ? [{ role: `oidc_client:${found.client.clientId}`, permissions, departmentId: found.client.departmentId, regionPath: found.client.regionPath }]
      : [],
  };
}

/** The token of an `Authorization: Bearer …` header, if that is what it holds. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}
