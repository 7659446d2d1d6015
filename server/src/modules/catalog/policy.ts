import { definePermissions, can, type Actor, type Scope } from '../../platform/auth/index.ts';
import { AppError, registerErrors } from '../../platform/errors.ts';
import { registerFieldMessages } from '../../platform/i18n/index.ts';
import { extendBuiltInRole } from '../identity/index.ts';

export const catalogPermissions = {
  edit: 'catalog.item.edit',
  review: 'catalog.item.review',
  lists: 'catalog.list.manage',
} as const;

definePermissions({
  'catalog.item.edit': { zh: '编辑本部门事项实施清单与办事指南', en: "Edit your department's catalog implementations and guides" },
  'catalog.item.review': { zh: '审核发布、暂停、取消事项', en: 'Review, publish, suspend and abolish catalog items' },
  'catalog.list.manage': { zh: '维护收费目录、权责清单、中介服务清单', en: 'Maintain the fee catalog, power list and intermediary list' },
});

extendBuiltInRole('catalog_editor', [catalogPermissions.edit]);
extendBuiltInRole('catalog_reviewer', [catalogPermissions.review, catalogPermissions.lists]);

registerErrors({
  'catalog.fee_invalid': { status: 400, zh: '收费项目不在收费目录中或不在有效期内', en: 'A fee is not in the fee catalog or not effective' },
  'catalog.not_applicable': { status: 409, zh: '该事项未发布、已暂停或已取消，不能申请', en: 'This item is not published, or is suspended or abolished' },
  'catalog.draft_exists': { status: 409, zh: '该事项已有未发布的草稿或待审核版本', en: 'This item already has an unpublished draft or submitted version' },
  'catalog.pdf_unavailable': {
    status: 503,
    zh: '服务器未安装中文字体，暂不能生成空白表格 PDF（请安装 fonts-noto-cjk 或设置 CERTIFICATE_FONT）',
    en: 'No CJK font is installed on the server, so the blank form PDF cannot be made (install fonts-noto-cjk or set CERTIFICATE_FONT)',
  },
  'catalog.import_invalid': { status: 400, zh: '导入文件有错误，未导入任何数据', en: 'The import file has errors; nothing was imported' },
});

export function assertCan(actor: Actor, permission: string, scope: Scope): void {
  if (!can(actor, permission, scope)) throw new AppError('auth.out_of_scope', { extra: { permission } });
}

registerFieldMessages({
  before_effective_from: { zh: '失效日期不能早于生效日期', en: 'The end date cannot be before the start date' },
  not_in_fee_catalog: { zh: '不在收费目录中', en: 'Not in the fee catalog' },
  fee_not_effective: { zh: '该收费项目不在有效期内或已取消', en: 'This fee is not effective or has been retired' },
});
