/**
 * Which application-form fields a certificate carries in its signed content (issue 11 §3).
 *
 * The signed content is what the holder shows to a verifier, so it holds what the certificate
 * type prints by law and nothing else: a field of the case's form goes in only when it is on the
 * allow-list of the certificate type (the guide's result name, e.g. 食品经营许可证). A type without
 * a list carries no form fields at all (the holder, issuer, item and dates are always there). No
 * list names a contact phone, an ID number, a bank account or a contact address: those stay in the
 * case, where the applicant and the department's staff see them. The holder's own ID number
 * appears only masked (`holder.code`). docs/cases.md lists the types and why each field is there.
 *
 * Keys are the form's field keys (platform/forms/demo-forms.ts); a guide author who builds a form
 * for one of these types uses the same keys to get the field printed.
 */
export const certificateFieldAllowList: Readonly<Record<string, readonly string[]>> = {
  // 《食品经营许可和备案管理办法》: 经营者名称、统一社会信用代码、法定代表人（负责人）、经营场所、主体业态、经营项目.
  食品经营许可证: ['operatorName', 'uscc', 'legalRepresentative', 'premises', 'businessForm', 'sellsOnline'],
  // 《食品生产许可管理办法》: 生产者名称、统一社会信用代码、法定代表人（负责人）、生产地址、食品类别.
  食品生产许可证: ['producerName', 'uscc', 'legalRepresentative', 'productionAddress'],
  // 个体工商户营业执照 (《促进个体工商户发展条例》/登记管理规定): 名称、经营者、经营场所、经营范围.
  营业执照: ['tradeName', 'operatorName', 'businessScope', 'premises'],
  // 结婚证 names both parties; their ID numbers are not copied into the electronic content.
  结婚证: ['name', 'partnerName'],
};

/** Only scalar values (as they appear on the certificate) of the allowed fields, under the form's labels, in allow-list order. */
export function certificateContentFields(
  certificateType: string,
  formData: Record<string, unknown>,
  labels: Record<string, string>,
): Record<string, string | number | boolean> {
  const allowed = certificateFieldAllowList[certificateType] ?? [];
  const out: Record<string, string | number | boolean> = {};
  for (const key of allowed) {
    const v = formData[key];
    if (typeof v === 'string' ? v.trim() === '' : typeof v !== 'number' && typeof v !== 'boolean') continue;
    out[labels[key] ?? key] = v as string | number | boolean;
  }
  return out;
}
