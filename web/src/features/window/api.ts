import { api, unwrap } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';
import { idempotent } from '../../lib/api-call';

/** The identity routes the window desk calls; types from the server's OpenAPI document. */
export type VerifyBody = BodyOf<'/api/admin/person-accounts/verify', 'post'>;
export type Verified = ResponseOf<'/api/admin/person-accounts/verify', 'post'>;
export type OpenBody = BodyOf<'/api/admin/persons', 'post'>;
export type Opened = ResponseOf<'/api/admin/persons', 'post'>;

export const verifyInPerson = (body: VerifyBody): Promise<Verified> => unwrap(api.POST('/api/admin/person-accounts/verify', { body }));

export const openPersonAccount = (body: OpenBody, key: string): Promise<Opened> => unwrap(api.POST('/api/admin/persons', { body, headers: idempotent(key) }));
