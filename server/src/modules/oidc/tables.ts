import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Refresh tokens are not offered: a department app signs the person in again through yiwang's session. */
export const oidcGrantTypes = ['authorization_code', 'client_credentials'] as const;

/**
 * Relying parties registered by the IT office (docs/oidc.md): a department's web app (authorization
 * code + PKCE) or machine client (client credentials). The secret is sealed (SM4, DATA_KEY): the
 * provider compares it in clear, so it cannot be a one-way digest.
 */
export const oidcClients = pgTable('oidc_clients', {
  clientId: text('client_id').primaryKey(),
  name: text('name').notNull(),
  /** The owning department and its region path at registration: the scope of the client's tokens. */
  departmentId: uuid('department_id').notNull(),
  regionPath: text('region_path').notNull(),
  redirectUris: jsonb('redirect_uris').$type<string[]>().notNull(),
  postLogoutRedirectUris: jsonb('post_logout_redirect_uris').$type<string[]>().notNull().default([]),
  grantTypes: jsonb('grant_types').$type<(typeof oidcGrantTypes)[number][]>().notNull(),
  scopes: jsonb('scopes').$type<string[]>().notNull(),
  secretSealed: text('secret_sealed').notNull(),
  secretRotatedAt: timestamp('secret_rotated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * What oidc-provider stores (sessions, interactions, grants, codes, tokens), one row per model and id.
 * Token ids are the token values: `id` holds their HMAC-SM3 digest, never the value.
 */
export const oidcPayloads = pgTable(
  'oidc_payloads',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    consumedAt: timestamp('consumed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.id] }),
    index('oidc_payloads_grant_idx').on(t.grantId),
    index('oidc_payloads_uid_idx').on(t.uid),
    index('oidc_payloads_expires_idx').on(t.expiresAt),
  ],
);

/**
 * Signing keys (JWKS). The private JWK is sealed (SM4, DATA_KEY). The newest active key signs; a
 * retired key stays published for verification until `expiresAt`, then it is dropped.
 */
export const oidcKeys = pgTable('oidc_keys', {
  kid: text('kid').primaryKey(),
  alg: text('alg').notNull(),
  publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>().notNull(),
  privateSealed: text('private_sealed').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
});
