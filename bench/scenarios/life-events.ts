import type { Scenario, ServerFigure, ServerFigureContext } from '../types.ts';

/**
 * 一件事 (docs/life-events.md): a 5-member bundle (开办餐饮店) submitted per second beside the
 * single-case submit (scenarios/cases.ts). One request files the parent and, in one transaction
 * through the ordinary submit, the two members that wait for nothing (企业设立登记, 食品从业人员健康证明);
 * the other three are recorded as waiting for the licence. The members' applicant-provided materials
 * are put on their 容缺 lists first, so a submit needs no upload (as the single-case figure does).
 */
const DURATION_MS = Number(process.env.BENCH_DURATION ?? 5) * 1000;

const scenarios: Scenario[] = [{ name: 'GET /api/catalog/life-events (six bundles, public)', baseline: 'query', path: '/api/catalog/life-events' }];
export default scenarios;

async function throughput(make: () => Promise<Response>, opts: { concurrency: number; ms: number; status: number }) {
  const times: number[] = [];
  let errors = 0;
  let firstError = '';
  const end = performance.now() + opts.ms;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await make();
        const text = await res.text();
        if (res.status === opts.status) times.push(performance.now() - t0);
        else (errors++, (firstError ||= `${res.status} ${text.slice(0, 300)}`));
      }
    }),
  );
  times.sort((a, b) => a - b);
  const p = (q: number) => Math.round(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]! * 10) / 10;
  return { requests: times.length, errors, firstError, perSecond: Math.round((times.length / opts.ms) * 100_000) / 100, p50: p(0.5), p99: p(0.99) };
}

async function bundleBody(ctx: ServerFigureContext) {
  const doc = (await (await fetch(`${ctx.baseUrl}/api/catalog/life-events/open-restaurant`)).json()) as {
    members: { key: string; implementationCode: string; dependsOn: string[] }[];
    materials: { name: string; asked: boolean; provision: string; members: { member: string; material: string }[] }[];
  };
  // The members filed at once: their applicant-provided materials on the 容缺 list.
  for (const m of doc.members.filter((x) => x.dependsOn.length === 0)) {
    const names = doc.materials
      .filter((x) => x.asked && x.provision === 'applicant')
      .flatMap((x) => x.members.filter((r) => r.member === m.key).map((r) => r.material));
    const put = await fetch(`${ctx.baseUrl}/api/admin/deferrals/${m.implementationCode}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: await ctx.cookie('it.admin') },
      body: JSON.stringify({ materials: names }),
    });
    if (!put.ok) throw new Error(`deferral list of ${m.key}: ${put.status} ${await put.text()}`);
  }
  return {
    formData: {
      applicantName: '示范市明湖餐饮有限公司',
      contactPhone: '13800001111',
      contactAddress: '示范市明湖区湖滨路 8 号',
      foodPermit__legalRepresentative: '王建国',
      foodPermit__premises: '示范市明湖区湖滨路 8 号',
      foodPermit__businessForm: '小餐饮',
      foodPermit__areaSqm: 60,
      foodPermit__safetyManager: '王建国',
    },
    materials: doc.materials.filter((x) => x.asked && x.provision === 'commitment').map((x) => ({ name: x.name, commitment: true })),
  };
}

export const serverFigures: ServerFigure[] = [
  {
    name: 'life events: a 5-member bundle submitted (parent + 2 child cases at once, 3 waiting), 8 in flight',
    async measure(ctx) {
      const body = JSON.stringify(await bundleBody(ctx));
      const headers = { 'content-type': 'application/json', cookie: await ctx.cookie('enterprise1') };
      const r = await throughput(() => fetch(`${ctx.baseUrl}/api/life-events/open-restaurant/applications`, { method: 'POST', headers, body }), {
        concurrency: 8,
        ms: DURATION_MS,
        status: 201,
      });
      return {
        value: `${r.perSecond} bundles/s (${Math.round(r.perSecond * 200) / 100} child cases/s), p50 ${r.p50} ms, p99 ${r.p99} ms (${r.requests} bundles, ${r.errors} errors${r.firstError ? `: ${r.firstError}` : ''})`,
        data: r,
      };
    },
  },
];
