import { definePermissions } from '../../platform/auth/index.ts';
import { registerErrors } from '../../platform/errors.ts';
import { registerFieldMessages } from '../../platform/i18n/index.ts';
import { extendBuiltInRole } from '../identity/index.ts';

export const oidcPermissions = {
  /** Register, change and disable the OIDC clients of departments in one's scope (the IT office). */
  manageClients: 'oidc.client.manage',
  /** Rotate the provider's signing keys (installation-wide). */
  rotateKeys: 'oidc.key.rotate',
};

definePermissions({
  'oidc.client.manage': { zh: '登记与管理部门业务系统（OIDC 客户端）', en: 'Register and manage department systems (OIDC clients)' },
  'oidc.key.rotate': { zh: '轮换统一身份认证签名密钥', en: 'Rotate the identity provider signing keys' },
});

extendBuiltInRole('it_admin', [oidcPermissions.manageClients]);

registerErrors({
  'oidc.client_disabled': { status: 409, zh: '该业务系统已停用', en: 'This client is disabled' },
});

registerFieldMessages({
  redirect_uri_https: {
    zh: '回调地址须为 https（本机 http://localhost 除外），且不含 # 片段',
    en: 'Redirect URIs must be https (http://localhost excepted) without a # fragment',
  },
  redirect_uri_required: { zh: '授权码模式须至少填写一个回调地址', en: 'The authorization code grant needs at least one redirect URI' },
  scope_grant_mismatch: {
    zh: '接口权限（api:…）只用于客户端凭证模式，身份信息范围只用于授权码模式',
    en: 'API scopes (api:…) go with client credentials, identity scopes with the authorization code grant',
  },
});
