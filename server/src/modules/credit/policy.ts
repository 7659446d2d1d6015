import { definePermissions } from '../../platform/auth/index.ts';
import { registerErrors } from '../../platform/errors.ts';

export const creditPermissions = {
  /** Read the credit files, lists, checks, repairs and the 双公示 board of one's region. */
  read: 'credit.file.read',
  /** Import records and lists from department systems; publish 双公示 decisions. */
  manage: 'credit.record.manage',
  /** File records by API: a department system's client (scope api:credit.records), never a staff role. */
  submit: 'credit.record.submit',
  /** Propose honor and dishonesty entries, serve the notice, record objections, propose removals. */
  propose: 'credit.list.propose',
  /** Approve listings and removals, decide objections (not the proposer). */
  approve: 'credit.list.approve',
  /** Decide credit repair applications. */
  repair: 'credit.repair.decide',
} as const;

definePermissions({
  'credit.file.read': { zh: '查看信用档案、名单与双公示', en: 'Read credit files, lists and disclosures' },
  'credit.record.manage': { zh: '导入信用记录与名单、发布双公示', en: 'Import credit records and lists; publish disclosures' },
  'credit.record.submit': { zh: '通过接口报送信用记录（部门系统）', en: 'File credit records through the API (department systems)' },
  'credit.list.propose': { zh: '提请列入或移出红黑名单、送达告知、登记异议', en: 'Propose list entries and removals, serve notices, record objections' },
  'credit.list.approve': { zh: '审批列入、移出名单及异议处理', en: 'Approve listings, removals and objection decisions' },
  'credit.repair.decide': { zh: '信用修复决定', en: 'Decide credit repair applications' },
});

registerErrors({
  'credit.api_only': { status: 403, zh: '仅限已登记的部门系统通过接口报送', en: 'Only a registered department system may file records by API' },
  'credit.import_invalid': { status: 422, zh: '导入文件有错误，未导入任何数据', en: 'The file has errors; nothing was imported' },
  'credit.not_disclosable': { status: 409, zh: '该记录不属于双公示范围', en: 'This record is not a licence or penalty decision to disclose' },
  'credit.already_published': { status: 409, zh: '该记录已公示', en: 'This record has already been published' },
  'credit.notice_required': {
    status: 409,
    zh: '列入严重失信主体名单前须告知当事人并给予异议期',
    en: 'The subject must be notified and given the objection period before listing',
  },
  'credit.objection_period_open': { status: 409, zh: '异议期未届满，不能审批列入', en: 'The objection period has not ended' },
  'credit.objection_closed': { status: 409, zh: '异议期已届满', en: 'The objection period has ended' },
  'credit.imported_entry': { status: 409, zh: '导入的名单条目由作出决定的机关维护', en: 'Imported entries are maintained by the deciding authority' },
  'credit.same_person': { status: 403, zh: '审批人不能是提请人', en: 'The approver cannot be the proposer' },
  'credit.not_subject': { status: 403, zh: '只能为本单位的信用记录申请修复', en: 'You can apply to repair only your own credit records' },
  'credit.not_repairable': { status: 409, zh: '该记录不能申请信用修复', en: 'This record cannot be repaired' },
  'credit.repair_pending': { status: 409, zh: '该记录已有待处理的修复申请', en: 'A repair application for this record is pending' },
  'credit.repair_decided': { status: 409, zh: '该修复申请已作出决定', en: 'This repair application has been decided' },
});
