/**
 * Credit (docs/credit.md) from an inspection to a repaired file: the market regulation bureau's
 * random inspection finds a serious violation at 明湖餐饮 (enterprise1) → the bureau decides a penalty
 * on that result (filed in the credit file, due for 双公示) → the credit office proposes the dishonesty
 * list on that penalty, serves the notice; approval is refused while the objection period runs; the
 * enterprise objects online, the supervising office rejects the objection and approves → the
 * enterprise's next application with a commitment (告知承诺) is refused → it applies for credit repair
 * on 我的信用, the office grants it (the listing resting on the penalty ends) → the same application
 * with the commitment is accepted.
 *
 * The objection period (5 working days) cannot pass in a journey running on the real clock: the
 * journey goes through the objection, whose decision ends the period (credit.objection_period_open
 * otherwise, checked first). Set-up the pages do not offer (the entity's directory row, a task whose
 * draw is sure to name scjg.inspector1) goes through the API inside the signed-in page's session;
 * everything else is clicked (the penalty on the task's page of the inspection workbench).
 */
import type { APIRequestContext, Page } from 'playwright-core';
import { assert, buttonName, signIn, type Journey } from '../lib.ts';

const MINGHU = '示范市明湖餐饮管理有限公司';
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function completeUscc(body: string): string {
  const sum = [...body].reduce((s, c, i) => s + USCC_CHARS.indexOf(c) * USCC_WEIGHTS[i]!, 0);
  return body + USCC_CHARS[(31 - (sum % 31)) % 31]!;
}
/** enterprise1's company (demo: on the honor list). */
const MINGHU_USCC = completeUscc('91990102MA0000001');
const INDUSTRY = '信用旅程餐饮';
const DEMO_INSPECTORS = ['吴执法', '郑执法'];

async function json<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string, status = 200): Promise<T> {
  assert(res.status() === status, `${what}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** enterprise1's 食品经营许可 application, with the 规章制度 as a commitment (告知承诺). */
async function applyWithCommitment(request: APIRequestContext, baseUrl: string) {
  const found = await json<{ items: { name: string; regionCode: string; implementationCode: string }[] }>(
    await request.get(`${baseUrl}/api/catalog/items?q=${encodeURIComponent('食品经营许可')}&pageSize=20`),
    'catalog search',
  );
  const item = found.items.find((i) => i.name === '食品经营许可' && i.regionCode === '990100');
  assert(item, 'city-level 食品经营许可 in the catalog');
  const upload = async (name: string) => {
    const r = await request.post(`${baseUrl}/api/cases/uploads?name=${encodeURIComponent(name)}`, {
      headers: { 'content-type': 'application/octet-stream' },
      data: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n'),
    });
    return (await json<{ id: string }>(r, `upload ${name}`, 201)).id;
  };
  return request.post(`${baseUrl}/api/cases`, {
    data: {
      implementationCode: item.implementationCode,
      formData: {
        legalRepresentative: '张明',
        premises: '示范市明湖区湖滨路 8 号',
        businessForm: '小餐饮',
        areaSqm: 60,
        safetyManager: '张明',
        contactPhone: '13800001111',
      },
      materials: [
        { name: '食品经营许可申请书', fileIds: [await upload('申请书.pdf')] },
        { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: [await upload('布局图.pdf')] },
        { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', commitment: true },
      ],
      delivery: 'pickup',
    },
  });
}

/** A row of the credit office's table holding all of `texts`. */
const rowWith = (page: Page, ...texts: (string | RegExp)[]) => {
  let rows = page.locator('tr.ant-table-row');
  for (const x of texts) rows = rows.filter({ hasText: x });
  return rows.first();
};

export const journeys: Journey[] = [
  {
    name: 'an inspection finds a serious violation → penalty → dishonesty list (notice, objection, approval) → a commitment refused → credit repair granted → the commitment accepted',
    async run({ baseUrl, newPage, artifact }) {
      const title = `e2e 信用 ${Date.now().toString(36)}`;
      const documentNo = `示市监罚〔2026〕e2e${Date.now().toString(36)}号`;

      // --- set-up by the inspection manager (API in the page's session): 明湖餐饮 in the directory under an
      // industry of its own, only the two demo inspectors available, a task of that industry drawn.
      const mgr = await newPage({ width: 1280, height: 900 });
      await signIn(mgr, baseUrl, 'scjg.inspection', undefined, '/workbench/inspection/tasks');
      const csv = `统一社会信用代码,名称,主体类型,行业,区划代码,地址\n${MINGHU_USCC},${MINGHU},有限责任公司,${INDUSTRY},990102001,示范市明湖区湖滨路8号\n`;
      await json(
        await mgr.request.post(`${baseUrl}/api/workbench/inspection/entities/import`, { headers: { 'content-type': 'text/csv' }, data: csv }),
        'entity import',
      );
      const items = await json<{ items: { id: string; departmentId: string }[] }>(
        await mgr.request.get(`${baseUrl}/api/workbench/inspection/items?q=SC-01`),
        'items',
      );
      const item = items.items[0]!;
      const inspectors = await json<{ items: { id: string; name: string; available: boolean }[] }>(
        await mgr.request.get(`${baseUrl}/api/workbench/inspection/inspectors?departmentId=${item.departmentId}&pageSize=100`),
        'inspectors',
      );
      const away = inspectors.items.filter((i) => i.available && !DEMO_INSPECTORS.includes(i.name));
      const setAvailable = async (available: boolean) => {
        for (const i of away)
          await json(await mgr.request.patch(`${baseUrl}/api/workbench/inspection/inspectors/${i.id}`, { data: { available } }), `inspector ${i.name}`);
      };
      await setAvailable(false);
      let taskId = '';
      try {
        const plans = await json<{ id: string }[]>(await mgr.request.get(`${baseUrl}/api/workbench/inspection/plans`), 'plans');
        const created = await mgr.request.post(`${baseUrl}/api/workbench/inspection/plans/${plans[0]!.id}/tasks`, {
          data: { title, itemIds: [item.id], departmentIds: [item.departmentId], scope: { industries: [INDUSTRY] }, count: 1, dueDate: '2027-12-31' },
        });
        taskId = (await json<{ id: string }>(created, 'task', 201)).id;
        await json(await mgr.request.post(`${baseUrl}/api/workbench/inspection/tasks/${taskId}/commitment`), 'commitment', 201);
        const draw = await mgr.request.post(`${baseUrl}/api/workbench/inspection/tasks/${taskId}/draw`);
        assert(draw.ok(), `draw: ${draw.status()} ${await draw.text()}`);
      } finally {
        await setAvailable(true);
      }

      // --- the inspector finds a serious violation, on a phone
      const insp = await newPage({ width: 375, height: 800 });
      await signIn(insp, baseUrl, 'scjg.inspector1', undefined, '/workbench/inspection/my?pageSize=100');
      await insp.getByRole('heading', { level: 1, name: '我的检查' }).waitFor();
      const card = insp.locator('li.insp-assignment').filter({ hasText: title }).filter({ hasText: MINGHU });
      await card.waitFor();
      await card.getByRole('button', { name: /^记录结果/ }).click();
      await card.getByRole('radio', { name: '发现问题', exact: true }).check();
      await card.getByLabel('检查情况说明').fill('后厨使用过期食品原料，未建立进货查验记录，情节严重');
      await card.getByRole('radio', { name: '移送立案查处', exact: true }).check();
      await card.getByRole('button', { name: '提交结果' }).click();
      await card.getByText('已记录').waitFor();

      // --- the bureau decides the penalty on that result, on the task's page (决定行政处罚 on the row of the result with problems)
      await mgr.goto(`${baseUrl}/workbench/inspection/tasks/${taskId}`);
      await mgr.getByRole('button', { name: buttonName('决定行政处罚') }).click();
      const penaltyForm = mgr.getByRole('form', { name: '决定行政处罚' });
      await penaltyForm.getByRole('button', { name: buttonName('作出处罚决定') }).click();
      await penaltyForm.getByText('此项为必填项').first().waitFor(); // the form's own validation, nothing sent
      await penaltyForm.getByLabel('行政处罚决定书文号').fill(documentNo);
      await penaltyForm.getByLabel('违法事实').fill('使用超过保质期的食品原料，拒不改正');
      await penaltyForm.getByLabel('处罚内容').fill('没收违法所得，罚款人民币十万元');
      await penaltyForm.getByLabel('处罚依据').fill('《中华人民共和国食品安全法》第一百二十四条');
      await penaltyForm.getByRole('checkbox', { name: '严重违法' }).check();
      await penaltyForm.getByRole('button', { name: buttonName('作出处罚决定') }).click();
      await mgr.getByText(`已作出行政处罚决定（${documentNo}）`).waitFor();
      await mgr.screenshot({ path: artifact('inspection-penalty-1280.png'), fullPage: true });

      // --- the credit office proposes the dishonesty list on the penalty record and serves the notice
      const office = await newPage({ width: 1280, height: 900 });
      await signIn(office, baseUrl, 'credit.officer', undefined, `/workbench/credit?tab=records&q=${MINGHU_USCC}`);
      const penaltyRow = rowWith(office, documentNo);
      await penaltyRow.waitFor();
      await penaltyRow.getByRole('button', { name: buttonName('提请列入失信名单') }).click();
      const modal = office.locator('.ant-modal').filter({ hasText: '提请列入严重失信主体名单' });
      await modal.locator('#propose-basis').fill('《市场监督管理严重违法失信名单管理办法》第九条');
      await modal.getByRole('button', { name: buttonName('提请列入失信名单') }).click();
      // The modal closes on success (its 已提请列入 toast lasts 3 s: not something to wait for under load).
      await modal.waitFor({ state: 'hidden' });
      await office.goto(`${baseUrl}/workbench/credit?tab=lists`);
      const proposedRow = rowWith(office, MINGHU, '已提请');
      await proposedRow.waitFor();
      await proposedRow.getByRole('button', { name: buttonName('送达告知') }).click();
      await rowWith(office, MINGHU, '已告知').waitFor();

      // --- the supervising office cannot approve while the objection period runs
      const sup = await newPage({ width: 1280, height: 900 });
      await signIn(sup, baseUrl, 'supervisor', undefined, '/workbench/credit?tab=lists');
      await rowWith(sup, MINGHU, '已告知')
        .getByRole('button', { name: buttonName('批准列入') })
        .click();
      await sup.getByText('异议期未届满，不能审批列入').waitFor();

      // --- the enterprise reads the notice on 我的信用 and objects
      const ent = await newPage({ width: 375, height: 800 });
      await signIn(ent, baseUrl, 'enterprise1', undefined, '/credit/mine');
      const notice = ent.locator('li.cr-item').filter({ hasText: '已告知' }).filter({ hasText: '严重失信' });
      await notice.getByLabel('异议（陈述申辩）').fill('已销毁过期原料并建立进货查验制度，请求不予列入');
      await notice.getByRole('button', { name: '提出异议' }).click();
      await ent.locator('li.cr-item').filter({ hasText: '异议中' }).waitFor();
      await ent.screenshot({ path: artifact('credit-objection-375.png'), fullPage: true });

      // --- the supervising office rejects the objection (which ends the period) and approves
      await sup.reload();
      await rowWith(sup, MINGHU, '异议中')
        .getByRole('button', { name: buttonName('异议不成立') })
        .click();
      const reasons = sup.locator('.ant-modal').last();
      await reasons.locator('textarea').fill('拒不改正事实清楚，异议不成立');
      await reasons.locator('.ant-btn-primary').click();
      await rowWith(sup, MINGHU, '已告知')
        .getByRole('button', { name: buttonName('批准列入') })
        .click();
      await rowWith(sup, MINGHU, '已列入', '严重失信').waitFor();
      await sup.screenshot({ path: artifact('credit-listed-1280.png'), fullPage: true });

      // --- the enterprise's next application: no commitment for a subject on the dishonesty list
      const refused = await applyWithCommitment(ent.request, baseUrl);
      const refusedText = await refused.text();
      assert(refused.status() === 400 && refusedText.includes('commitment_refused_credit'), `commitment refused: ${refused.status()} ${refusedText}`);

      // --- it applies for credit repair on the penalty, the office grants it
      await ent.reload();
      const record = ent.locator('li.cr-item').filter({ hasText: documentNo });
      await record.getByRole('button', { name: '申请信用修复' }).click();
      await record.getByLabel('修复说明').fill('已全部整改：销毁过期原料、建立进货查验台账，并缴清罚款');
      await record.getByLabel('证明材料').fill('整改报告、罚款缴纳凭证');
      await record.getByRole('button', { name: '提交申请' }).click();
      await record.getByText(/待决定/).waitFor();

      await office.goto(`${baseUrl}/workbench/credit?tab=repairs`);
      await rowWith(office, '已全部整改')
        .getByRole('button', { name: buttonName('予以修复') })
        .click();
      const decision = office.locator('.ant-modal').last();
      await decision.locator('textarea').fill('已纠正失信行为，准予修复');
      await decision.locator('.ant-btn-primary').click();
      await rowWith(office, '已全部整改', '已修复').waitFor();
      await office.goto(`${baseUrl}/workbench/credit?tab=lists`);
      await rowWith(office, MINGHU, '已移出').waitFor();

      // --- the same application with the commitment is accepted now
      const accepted = await applyWithCommitment(ent.request, baseUrl);
      assert(accepted.status() === 201, `the commitment is accepted after the repair: ${accepted.status()} ${await accepted.text()}`);
      await ent.goto(`${baseUrl}/credit/mine`);
      await ent.locator('li.cr-item').filter({ hasText: documentNo }).filter({ hasText: '已修复' }).waitFor();
      await ent.screenshot({ path: artifact('credit-repaired-375.png'), fullPage: true });
    },
  },
];
