import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { Ctx } from '../../platform/context.ts';
import type { Database } from '../../platform/db/index.ts';
import { resolveActor, SESSION_COOKIE } from '../identity/index.ts';
import { DbAdapter } from './adapter.ts';
import { accountClaims } from './claims.ts';
import { signingKeys } from './keys.ts';
import { allScopes, scopeClaims } from './scopes.ts';

/** The provider's own paths (discovery names them); the interaction page is ours (interaction.ts). */
export const OIDC_PREFIX = '/oidc';
export const interactionPath = (uid: string) => `${OIDC_PREFIX}/interaction/${uid}`;

/** The issuer: PUBLIC_URL (without a trailing slash), or this machine's address in development. */
export const issuerOf = (ctx: Ctx) => (ctx.config.PUBLIC_URL ?? `http://localhost:${ctx.config.PORT}`).replace(/\/+$/, '');

/**
 * The login prompt asks again when the browser's yiwang session is not the account the provider's
 * session remembers (signed out, or someone else signed in): the yiwang session is the sign-in.
 */
type OidcLibrary = typeof import('oidc-provider');

/** oidc-provider (and Koa under it) is loaded on the first /oidc request, not by every process and test that never serves one. */
let library: Promise<OidcLibrary> | undefined;
const loadLibrary = () => (library ??= import('oidc-provider'));

function yiwangSessionCheck({ interactionPolicy }: OidcLibrary, base: Ctx) {
  return new interactionPolicy.Check('yiwang_session', 'the yiwang sign-in changed', async (koa: KoaContextWithOIDC) => {
    const token = koa.cookies.get(SESSION_COOKIE);
    const actor = token ? await resolveActor(base, token) : undefined;
    return !actor || actor.id !== koa.oidc.session?.accountId;
  });
}

function configuration(lib: OidcLibrary, base: Ctx): Configuration {
  const policy = lib.interactionPolicy.base();
  policy.get('login')!.checks.add(yiwangSessionCheck(lib, base));
  const secret = base.config.secrets.sessionSecret;
  return {
    adapter: (name: string) => new DbAdapter(name, base.database, secret, base.config.secrets.dataKey),
    clients: [],
    cookies: { keys: [createHmac('sha256', secret).update('oidc-cookies').digest('base64url')] },
    claims: scopeClaims,
    scopes: allScopes,
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true, methods: ['S256'] },
    clientDefaults: { grant_types: ['authorization_code'], id_token_signed_response_alg: 'ES256', token_endpoint_auth_method: 'client_secret_basic' },
    enabledJWA: { idTokenSigningAlgValues: ['ES256'], userinfoSigningAlgValues: ['ES256'], introspectionSigningAlgValues: ['ES256'] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: { enabled: false },
    },
    interactions: { policy, url: (_koa, interaction) => interactionPath(interaction.uid) },
    routes: {
      authorization: `${OIDC_PREFIX}/auth`,
      token: `${OIDC_PREFIX}/token`,
      jwks: `${OIDC_PREFIX}/jwks`,
      userinfo: `${OIDC_PREFIX}/me`,
      end_session: `${OIDC_PREFIX}/session/end`,
      revocation: `${OIDC_PREFIX}/token/revocation`,
      introspection: `${OIDC_PREFIX}/token/introspection`,
      code_verification: `${OIDC_PREFIX}/device`,
      device_authorization: `${OIDC_PREFIX}/device/auth`,
      pushed_authorization_request: `${OIDC_PREFIX}/request`,
      registration: `${OIDC_PREFIX}/reg`,
      backchannel_authentication: `${OIDC_PREFIX}/backchannel`,
    },
    ttl: { AccessToken: 600, AuthorizationCode: 60, ClientCredentials: 600, IdToken: 3600, Interaction: 600, Session: 12 * 3600, Grant: 12 * 3600 },
    findAccount: async (_koa, sub) => {
      const claims = await accountClaims(base, sub);
      return claims ? { accountId: sub, claims: async () => ({ ...claims, sub }) } : undefined;
    },
    renderError: (koa, out) => {
      koa.type = 'application/json';
      koa.body = out;
    },
  };
}

interface Built {
  issuer: string;
  kids: string;
  provider: Provider;
  callback: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}
const built = new WeakMap<Database, Built>();

/**
 * The provider of this database handle, built again when the issuer or the key set changes (a key
 * rotation in any process bumps the keys' generation). Everything else it keeps is in the database.
 */
export async function providerFor(ctx: Ctx): Promise<Built> {
  const issuer = issuerOf(ctx);
  const keys = await signingKeys(ctx);
  const kids = keys.kids.join(',');
  const current = built.get(ctx.database);
  if (current && current.issuer === issuer && current.kids === kids) return current;
  const base: Ctx = { ...ctx, requestId: null, generations: {}, actor: { id: null, kind: 'anonymous', name: 'anonymous', grants: [] } };
  const lib = await loadLibrary();
  const provider = new lib.default(issuer, { ...configuration(lib, base), jwks: { keys: keys.jwks as never } });
  provider.proxy = !!ctx.config.TRUST_PROXY;
  const handle = provider.callback();
  const next: Built = { issuer, kids, provider, callback: async (req, res) => void (await handle(req, res)) };
  built.set(ctx.database, next);
  return next;
}
