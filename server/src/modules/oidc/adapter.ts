import type { Adapter, AdapterPayload } from 'oidc-provider';
import { hmacSm3, openPersonal } from '../../platform/crypto/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { clientRepo, payloadRepo, type ClientRow } from './repository.ts';

/** The digest under which a model's id is stored: token ids are the token values, never stored in clear. */
export const payloadKey = (secret: string, id: string) => hmacSm3(secret, `oidc|${id}`);

/** Models revoked with their grant (as in oidc-provider's own memory adapter); an Interaction naming a grant is not. */
const grantable = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/** What oidc-provider sees of a registered client (docs/oidc.md). */
export function clientMetadata(row: ClientRow, dataKey: string): AdapterPayload {
  const code = row.grantTypes.includes('authorization_code');
  return {
    client_id: row.clientId,
    client_secret: openPersonal(dataKey, row.secretSealed),
    client_name: row.name,
    redirect_uris: code ? row.redirectUris : [],
    post_logout_redirect_uris: row.postLogoutRedirectUris,
    grant_types: row.grantTypes,
    response_types: code ? ['code'] : [],
    scope: row.scopes.join(' '),
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'ES256',
  };
}

/**
 * oidc-provider's storage on our database (oidc_payloads), one adapter per model. Clients come from
 * oidc_clients (registered in the admin pages); a disabled client is unknown to the provider.
 * Writes are bookkeeping of the protocol (registered in index.ts): the acts behind them — sign-in,
 * consent, client registration — are audited where they happen.
 */
export class DbAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly database: Database,
    private readonly secret: string,
    private readonly dataKey: string,
  ) {}

  private key(id: string) {
    return payloadKey(this.secret, id);
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const stored: Record<string, unknown> = { ...payload };
    // A token's jti is its value: find() puts it back from the id it is asked for. A session keeps it (findByUid needs it).
    if (this.model !== 'Session') delete stored.jti;
    await payloadRepo.upsert(this.database.db, {
      model: this.model,
      id: this.key(id),
      payload: stored,
      grantId: grantable.has(this.model) && typeof payload.grantId === 'string' ? payload.grantId : null,
      userCode: typeof payload.userCode === 'string' ? payload.userCode : null,
      uid: typeof payload.uid === 'string' ? payload.uid : null,
      expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
    });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.model === 'Client') {
      const row = await clientRepo.find(this.database.db, id);
      return row?.active ? clientMetadata(row, this.dataKey) : undefined;
    }
    const row = await payloadRepo.find(this.database.db, this.model, this.key(id));
    return this.present(row, id);
  }

  private present(row: Awaited<ReturnType<typeof payloadRepo.find>>, id?: string): AdapterPayload | undefined {
    if (!row) return undefined;
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined;
    const payload = { ...row.payload } as AdapterPayload;
    if (id && this.model !== 'Session') payload.jti = id;
    if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
    return payload;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.present(await payloadRepo.findBy(this.database.db, this.model, 'uid', uid));
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.present(await payloadRepo.findBy(this.database.db, this.model, 'userCode', userCode));
  }

  async consume(id: string): Promise<void> {
    await payloadRepo.consume(this.database.db, this.model, this.key(id), new Date());
  }

  async destroy(id: string): Promise<void> {
    await payloadRepo.destroy(this.database.db, this.model, this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await payloadRepo.revokeByGrantId(this.database.db, grantId);
  }
}
