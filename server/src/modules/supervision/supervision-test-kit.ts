/**
 * What the supervision tests share: a 食品经营许可 application of the city market bureau by citizen1
 * (uploaded through the API of the TestApp), to submit as a service with the clock set back.
 */
import { expect } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { searchItems } from '../catalog/index.ts';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]);

export async function foodImplementation(t: TestApp): Promise<string> {
  const page = await searchItems(t.ctx, { q: '食品经营许可', region: '990100', page: 1, pageSize: 50 } as never);
  const found = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find(
    (i) => i.name === '食品经营许可' && i.regionCode === '990100',
  );
  if (!found) throw new Error('no 食品经营许可 in 990100');
  return found.implementationCode;
}

/** A complete online application for 食品经营许可 by citizen1 (cookie of citizen1). */
export async function foodApplication(t: TestApp, implementationCode: string, cookie: string) {
  async function upload(data: Buffer, name: string): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/cases/uploads?name=${encodeURIComponent(name)}`,
      payload: data,
      headers: { cookie, 'content-type': 'application/octet-stream' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }
  return {
    implementationCode,
    formData: {
      legalRepresentative: '张明',
      premises: '示范市明湖区湖滨路 8 号',
      businessForm: '小餐饮',
      areaSqm: 60,
      safetyManager: '张明',
      contactPhone: '13800001111',
    },
    materials: [
      { name: '食品经营许可申请书', fileIds: [await upload(pdf, '申请书.pdf')] },
      { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: [await upload(png, '布局图.png')] },
      { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', fileIds: [] as string[], commitment: true },
    ],
    delivery: 'pickup' as const,
  };
}
