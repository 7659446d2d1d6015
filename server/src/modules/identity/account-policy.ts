import { registerErrors } from '../../platform/errors.ts';
import { registerFieldMessages } from '../../platform/i18n/index.ts';

/** Errors of citizens' own accounts: SMS codes, registration, assurance levels (docs/identity.md). */
registerErrors({
  'auth.sms_code_invalid': { status: 400, zh: '短信验证码不正确', en: 'The SMS code is wrong' },
  'auth.sms_code_expired': { status: 400, zh: '短信验证码已过期或已使用，请重新获取', en: 'The SMS code has expired or was used; ask for a new one' },
  'auth.sms_code_exhausted': {
    status: 400,
    zh: '短信验证码输错次数过多，已失效，请重新获取',
    en: 'Too many wrong tries of this SMS code; ask for a new one',
  },
  'auth.sms_too_many': { status: 429, zh: '短信验证码发送过于频繁，请稍后再试', en: 'Too many SMS codes sent; try again later' },
  'auth.id_number_registered': {
    status: 409,
    zh: '该身份证号已注册账号，请直接登录或找回密码',
    en: 'An account is already registered with this ID number; sign in instead',
  },
  'auth.mobile_registered': { status: 409, zh: '该手机号已绑定其他账号', en: 'This mobile number belongs to another account' },
  'identity.real_name_failed': {
    status: 422,
    zh: '实名核验未通过：姓名与身份证号不一致或人像比对不符',
    en: 'Real-name verification failed: the name does not match the ID number, or the face check failed',
  },
  'identity.assurance_required': {
    status: 403,
    zh: '办理此事项需要更高的身份认证等级，请先完成实名认证',
    en: 'This item needs a higher level of identity assurance; complete real-name verification first',
  },
  'identity.account_closed': { status: 409, zh: '账号已注销', en: 'The account is closed' },
});

registerFieldMessages({
  sms_code_invalid: { zh: '验证码不正确', en: 'Wrong code' },
  sms_code_expired: { zh: '验证码已过期，请重新获取', en: 'Code expired; ask for a new one' },
  sms_code_exhausted: { zh: '输错次数过多，请重新获取', en: 'Too many wrong tries; ask for a new one' },
  id_number_registered: { zh: '该身份证号已注册', en: 'Already registered' },
  mobile_registered: { zh: '该手机号已绑定其他账号', en: 'Belongs to another account' },
  real_name_mismatch: { zh: '姓名与身份证号不一致', en: 'Name and ID number do not match' },
  face_mismatch: { zh: '人像比对不符', en: 'The face check failed' },
});

registerErrors({
  'identity.adapter_not_configured': {
    status: 503,
    zh: '本平台尚未接入实名核验或市场监管登记服务，请到政务服务窗口办理',
    en: 'This installation has no identity check or business register connected yet; please go to a service window',
  },
  'identity.enterprise_not_registered': {
    status: 422,
    zh: '市场监管登记中查无此统一社会信用代码',
    en: 'The market regulation register has no enterprise with this code',
  },
  'identity.not_legal_representative': {
    status: 403,
    zh: '您不是该企业登记的法定代表人',
    en: 'You are not the registered legal representative of this enterprise',
  },
  'identity.agent_not_authorized': {
    status: 403,
    zh: '您未获该企业授权办理此事项（授权不存在、已撤销、不在有效期内或不含此事项）',
    en: 'You are not authorised to act for this enterprise on this item (no authorisation, revoked, outside its dates or items)',
  },
});
registerFieldMessages({
  not_legal_representative: { zh: '不是登记的法定代表人', en: 'Not the registered legal representative' },
});
