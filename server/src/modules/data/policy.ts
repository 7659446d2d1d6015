import { definePermissions } from '../../platform/auth/index.ts';
import { registerErrors } from '../../platform/errors.ts';
import { registerFieldMessages } from '../../platform/i18n/index.ts';

export const dataPermissions = {
  declare: 'data.resource.declare',
  publish: 'data.resource.publish',
  request: 'data.share.request',
  decide: 'data.share.decide',
  query: 'data.exchange.query',
  proof: 'data.proof.manage',
} as const;

definePermissions({
  'data.resource.declare': { zh: '申报本部门政务信息资源目录', en: "Declare the department's data resources" },
  'data.resource.publish': { zh: '审核发布政务信息资源目录（数据管理机构）', en: 'Review and publish data resources (data office)' },
  'data.share.request': { zh: '申请使用有条件共享的数据资源', en: 'Request conditional data resources' },
  'data.share.decide': { zh: '审批对本部门数据资源的共享申请', en: "Decide requests for the department's data resources" },
  'data.proof.manage': { zh: '维护证明事项清单（证明事项清理）', en: 'Maintain the proof list (证明事项清理)' },
  'data.exchange.query': { zh: '通过共享接口查询数据（按授权范围，全程留痕）', en: 'Query shared data through the API (within approvals, audited)' },
});

registerErrors({
  'data.code_taken': { status: 409, zh: '资源编码已被使用', en: 'This resource code is taken' },
  'data.not_shared': { status: 403, zh: '该数据资源不予共享', en: 'This data resource is not shared' },
  'data.not_published': { status: 404, zh: '数据资源不存在或尚未发布', en: 'No published data resource with this code' },
  'data.no_approval': { status: 403, zh: '没有有效的共享授权，请先提出共享申请', en: 'No valid approval for this resource; request it first' },
  'data.approval_expired': { status: 403, zh: '共享授权已过期', en: 'The approval has expired' },
  'data.fields_out_of_scope': { status: 403, zh: '所查字段超出共享授权范围', en: 'Some fields are outside the approved scope' },
  'data.api_only': { status: 403, zh: '共享数据只能由已接入的业务系统通过接口查询', en: 'Shared data is queried only by registered systems through the API' },
  'data.provider_unavailable': { status: 503, zh: '数据提供方系统暂时无法响应，请稍后重试', en: 'The providing system did not answer; try again later' },
  'data.subject_invalid': { status: 400, zh: '查询对象的证件号码无效', en: 'The subject’s ID number or USCC is invalid' },
  'data.own_resource': { status: 409, zh: '不能申请本部门自己的数据资源', en: 'A department does not request its own resource' },
  'data.not_conditional': { status: 409, zh: '只有有条件共享的数据资源需要申请', en: 'Only conditional resources are requested' },
  'data.consent_required': {
    status: 403,
    zh: '该类证照依法须经持证人同意方可共享查询，持证人尚未授权',
    en: 'The law asks for the holder’s consent to share this type of certificate, and the holder has not given it',
  },
  'data.consent_not_needed': { status: 409, zh: '该类证照共享无需持证人授权', en: 'This certificate type needs no consent' },
  'data.proof_code_taken': { status: 409, zh: '该事项已列有同名证明', en: 'This item already lists a proof with this name' },
  'data.proof_not_listed': { status: 422, zh: '办事指南索要了证明事项清单以外的证明', en: 'The guide asks for proofs not on the proof list' },
});

registerFieldMessages({
  unknown_field: { zh: '该数据资源没有此字段', en: 'The resource has no such field' },
  not_requested: { zh: '只能授权申请中列出的字段', en: 'Only fields that were requested can be granted' },
  proof_not_listed: { zh: '该证明不在本事项的证明事项清单内，不得索要', en: 'This proof is not on the proof list of the item: it may not be asked for' },
  proof_dropped: { zh: '该证明已按清单取消，不得索要', en: 'The proof list drops this proof: it may not be asked for' },
  proof_replaced_by_sharing: {
    zh: '该证明已改为部门间数据共享核验，不得向申请人索要',
    en: 'This proof is now checked through data sharing: not asked of the applicant',
  },
  proof_replaced_by_commitment: {
    zh: '该证明已改为告知承诺，材料来源须为“告知承诺”',
    en: 'This proof is replaced by a commitment: the material’s source must be commitment',
  },
  in_the_past: { zh: '日期须晚于今天', en: 'The date must be after today' },
});
