import type { Ctx } from '../../platform/context.ts';
import { demoCity, demoDepartmentId } from '../org/index.ts';
import { CERTIFICATE_CONNECTOR, CERTIFICATE_RESOURCE } from './certificates.ts';
import { consentRepo } from './consent-repository.ts';
import { createResource, publishResource, submitResource } from './resources-service.ts';
import { decideShare, requestShare } from './sharing-service.ts';

const dept = (kind: string) => demoDepartmentId(kind, demoCity.city.code);

/** Certificate types the law protects: shared only with the holder's consent (a model list). */
export const consentTypes: { name: string; legalBasis: string }[] = [
  { name: '结婚证', legalBasis: '《中华人民共和国个人信息保护法》第十三条、第十四条（婚姻状况属个人信息，无法定情形须经个人同意）' },
  { name: '离婚证', legalBasis: '《中华人民共和国个人信息保护法》第十三条、第十四条' },
  { name: '出生医学证明', legalBasis: '《中华人民共和国个人信息保护法》第二十八条、第二十九条（医疗健康信息属敏感个人信息，须取得单独同意）' },
  { name: '不动产权证书', legalBasis: '《不动产登记资料查询暂行办法》第十九条（权利人以外的查询须经权利人同意或依法定情形）' },
  { name: '医师执业证书', legalBasis: '《中华人民共和国个人信息保护法》第十三条' },
];

/** The certificate library as a catalogued resource (owned by the data office), 住建局's approval, the consent types. */
export async function seedCertificateSharing(ctx: Ctx): Promise<void> {
  for (const t of consentTypes) await consentRepo.upsertType(ctx.database.db, { ...t, consentRequired: true });
  await consentRepo.upsertType(ctx.database.db, { name: '营业执照', consentRequired: false, legalBasis: '《企业信息公示暂行条例》第六条（登记信息依法公示）' });
  const f = (name: string, label: string, sensitivity: 'public' | 'internal' | 'sensitive' = 'sensitive') => ({ name, label, sensitivity });
  const created = await createResource(ctx, {
    code: CERTIFICATE_RESOURCE,
    departmentId: dept('zwfw'),
    name: '电子证照库',
    description: '本平台签发的电子证照：按持证主体与证照类型查询（GB/T 36906），部分证照类型须经持证人同意',
    subjectKind: 'person',
    fields: [
      f('identifier', '证照标识', 'internal'),
      f('name', '证照名称', 'public'),
      f('holder_name', '持证主体'),
      f('issuer', '发证机关', 'public'),
      f('issued_on', '发证日期', 'internal'),
      f('valid_until', '有效期至', 'internal'),
      f('status', '证照状态', 'internal'),
      f('content', '照面信息'),
    ],
    sharingType: 'conditional',
    open: false,
    updateFrequency: 'realtime',
    sourceSystem: '示范市电子证照库',
    connector: CERTIFICATE_CONNECTOR,
  });
  await submitResource(ctx, created.id);
  await publishResource(ctx, created.id, '目录要素齐全，予以发布');
  const share = await requestShare(ctx, {
    resourceId: created.id,
    departmentId: dept('zjj'),
    purpose: '建筑市场主体资质核验：核验营业执照等电子证照',
    legalBasis: '《国务院关于在线政务服务的若干规定》第十条（电子证照与纸质证照具有同等法律效力）',
    fields: ['identifier', 'name', 'holder_name', 'issuer', 'issued_on', 'valid_until', 'status'],
  });
  await decideShare(ctx, share.id, {
    action: 'approve',
    fields: ['identifier', 'name', 'holder_name', 'issuer', 'issued_on', 'valid_until', 'status'],
    expiresOn: '2027-12-31',
    note: '照面信息非核验所需，不予授权',
  });
}
