import type { ServerFigureContext } from './types.ts';

/** The city-level implementation code of a demo item, found by name through the public catalog. */
export async function implementationCode({ baseUrl }: ServerFigureContext, name: string): Promise<string> {
  const res = (await (await fetch(`${baseUrl}/api/catalog/items?q=${encodeURIComponent(name)}&region=990100&pageSize=50`)).json()) as {
    items: { name: string; regionCode: string; implementationCode: string }[];
  };
  const found = res.items.find((i) => i.name === name && i.regionCode === '990100');
  if (!found) throw new Error(`no ${name}`);
  return found.implementationCode;
}

/**
 * 灵活就业人员参保登记 with its one applicant material put on the 容缺 list, so a submit needs no
 * upload and no shared-data fetch: the plain submit the case, write and shared-material figures share.
 */
export async function plainSubmitBody(ctx: ServerFigureContext) {
  const code = await implementationCode(ctx, '灵活就业人员参保登记');
  const put = await fetch(`${ctx.baseUrl}/api/admin/deferrals/${code}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: await ctx.cookie('it.admin') },
    body: JSON.stringify({ materials: ['灵活就业人员参保登记表'] }),
  });
  if (!put.ok) throw new Error(`deferral list: ${put.status} ${await put.text()}`);
  return {
    implementationCode: code,
    formData: {
      insurances: 'pension_and_medical',
      baseLevel: 60,
      startMonth: '2026-12-01',
      contactPhone: '13800001111',
      contactAddress: '示范市明湖区湖滨街道湖滨路 8 号',
    },
  };
}
