import { z } from 'zod';
import { pageQuerySchema } from '../../platform/db/paging.ts';
import { oidcGrantTypes } from './tables.ts';
import { allScopes } from './scopes.ts';

const redirectUri = z.string().trim().url().max(500);

export const OidcClientCreate = z.object({
  name: z.string().trim().min(1).max(100),
  departmentId: z.string().uuid(),
  grantTypes: z.array(z.enum(oidcGrantTypes)).min(1).max(3),
  redirectUris: z.array(redirectUri).max(10).default([]),
  postLogoutRedirectUris: z.array(redirectUri).max(10).default([]),
  scopes: z
    .array(z.enum(allScopes as [string, ...string[]]))
    .min(1)
    .max(20),
});
export type OidcClientCreate = z.infer<typeof OidcClientCreate>;

export const OidcClientUpdate = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  redirectUris: z.array(redirectUri).max(10).optional(),
  postLogoutRedirectUris: z.array(redirectUri).max(10).optional(),
  scopes: z
    .array(z.enum(allScopes as [string, ...string[]]))
    .min(1)
    .max(20)
    .optional(),
  active: z.boolean().optional(),
});
export type OidcClientUpdate = z.infer<typeof OidcClientUpdate>;

export const OidcClient = z.object({
  clientId: z.string(),
  name: z.string(),
  departmentId: z.string(),
  departmentName: z.string().nullable(),
  grantTypes: z.array(z.enum(oidcGrantTypes)),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  scopes: z.array(z.string()),
  active: z.boolean(),
  secretRotatedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The answer that carries the secret: once, at creation and at each rotation. */
export const OidcClientWithSecret = OidcClient.extend({ clientSecret: z.string() });

export const OidcClientListQuery = pageQuerySchema;

export const OidcScope = z.object({ scope: z.string(), kind: z.enum(['identity', 'api']), permissions: z.array(z.string()), zh: z.string(), en: z.string() });
