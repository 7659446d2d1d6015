/**
 * Enterprises and agents (docs/identity.md) through the pages: citizen3 (王建国), legal representative
 * of 西江建设, authorises citizen1 (张明) as agent for all items on 账号与安全; citizen1 switches to act
 * for the enterprise in the portal header and files an application as the enterprise (through the API
 * within the page's session: the form itself is driven by 04-cases) — a commitment in place of a
 * material is refused, since 西江建设 is on the dishonesty list (credit) —; citizen3 revokes; citizen1
 * can no longer act for it.
 */
import type { APIRequestContext } from 'playwright-core';
import { assert, buttonName, signIn, type Journey } from '../lib.ts';

const XIJIANG = '示范市西江建设工程有限公司';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function completeIdNumber(body: string): string {
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}
/** GB 32100: the 18th character of a unified social credit code. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function completeUscc(body: string): string {
  const sum = [...body].reduce((s, c, i) => s + USCC_CHARS.indexOf(c) * USCC_WEIGHTS[i]!, 0);
  return body + USCC_CHARS[(31 - (sum % 31)) % 31]!;
}
/** citizen1 (张明) in the demo data. */
const CITIZEN1_ID = completeIdNumber('99010219850615123');

/** 西江建设 is on the dishonesty list in the demo (docs/credit.md): it may not file a commitment (告知承诺) instead of a material. */
async function foodApplication(request: APIRequestContext, baseUrl: string, opts: { commitment: boolean }) {
  const res = await request.get(`${baseUrl}/api/catalog/items?q=${encodeURIComponent('食品经营许可')}&pageSize=20`);
  assert(res.ok(), `catalog search: ${res.status()}`);
  const item = ((await res.json()) as { items: { name: string; regionCode: string; implementationCode: string }[] }).items.find(
    (i) => i.name === '食品经营许可' && i.regionCode === '990100',
  );
  assert(item, 'city-level 食品经营许可 in the catalog');
  const upload = async (name: string) => {
    const r = await request.post(`${baseUrl}/api/cases/uploads?name=${encodeURIComponent(name)}`, {
      headers: { 'content-type': 'application/octet-stream' },
      data: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n'),
    });
    assert(r.status() === 201, `upload ${name}: ${r.status()} ${await r.text()}`);
    return ((await r.json()) as { id: string }).id;
  };
  return {
    implementationCode: item.implementationCode,
    formData: {
      legalRepresentative: '王建国',
      premises: '示范市明湖区湖滨路 20 号',
      businessForm: '小餐饮',
      areaSqm: 40,
      safetyManager: '张明',
      contactPhone: '13800001111',
    },
    materials: [
      { name: '食品经营许可申请书', fileIds: [await upload('申请书.pdf')] },
      { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: [await upload('布局图.pdf')] },
      opts.commitment
        ? { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', commitment: true }
        : { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', fileIds: [await upload('规章制度.pdf')] },
    ],
    delivery: 'pickup',
  };
}

export const journeys: Journey[] = [
  {
    name: 'a legal representative authorises an agent for all items on 账号与安全; the agent acts for the enterprise from the header and applies as it; after revocation the agent can no longer act for it',
    async run({ baseUrl, newPage, artifact }) {
      // 0. citizen3, a real-name verified legal representative, opens a new enterprise account on a phone.
      const rep = await newPage({ width: 375, height: 800 });
      await signIn(rep, baseUrl, 'citizen3', undefined, '/me/account');
      const newName = `示范市建国装饰工程有限公司${Date.now() % 1000}`;
      await rep.getByLabel('统一社会信用代码').fill(completeUscc(`91990102MA0${String(100 + (Date.now() % 899))}JG1`));
      await rep.getByLabel('企业名称').fill(newName);
      await rep.getByRole('button', { name: buttonName('开通企业账号') }).click();
      await rep
        .getByTestId('enterprise-agents')
        .filter({ has: rep.getByRole('heading', { name: new RegExp(newName) }) })
        .waitFor();

      // 1. citizen3 authorises citizen1 for every item of 西江建设.
      const section = rep.getByTestId('enterprise-agents').filter({ has: rep.getByRole('heading', { name: new RegExp(XIJIANG) }) });
      await section.waitFor();
      await section.getByLabel('经办人姓名').fill('张明');
      await section.getByLabel('经办人身份证号').fill(CITIZEN1_ID);
      await section.getByText('全部事项', { exact: true }).click();
      await section.getByRole('button', { name: buttonName('授权经办人') }).click();
      const row = section.getByTestId('agent-row').filter({ hasText: '张明' });
      await row.getByText('有效', { exact: true }).waitFor();
      await rep.screenshot({ path: artifact('enterprise-agents-375.png'), fullPage: true });

      // 2. citizen1 switches to act for 西江建设 in the header and applies as the enterprise.
      const agent = await newPage({ width: 1280, height: 800 });
      await signIn(agent, baseUrl, 'citizen1', undefined, '/');
      const select = agent.getByTestId('header-acting-for');
      await select.waitFor();
      await select.selectOption({ label: XIJIANG });
      await agent.locator('.portal-account__name').filter({ hasText: XIJIANG }).waitFor();
      const refused = await agent.request.post(`${baseUrl}/api/cases`, { data: await foodApplication(agent.request, baseUrl, { commitment: true }) });
      assert(
        refused.status() === 400 && (await refused.text()).includes('commitment_refused_credit'),
        `a commitment for an enterprise on the dishonesty list is refused: ${refused.status()} ${await refused.text()}`,
      );
      const submitted = await agent.request.post(`${baseUrl}/api/cases`, { data: await foodApplication(agent.request, baseUrl, { commitment: false }) });
      assert(submitted.status() === 201, `the agent applies for the enterprise: ${submitted.status()} ${await submitted.text()}`);
      const applicant = ((await submitted.json()) as { applicant: { kind: string; name: string } }).applicant;
      assert(applicant.kind === 'entity' && applicant.name === XIJIANG, `the applicant is the enterprise: ${JSON.stringify(applicant)}`);
      await agent.screenshot({ path: artifact('enterprise-acting-header-1280.png') });

      // 3. citizen3 revokes.
      await row.getByRole('button', { name: buttonName('撤销') }).click();
      await rep
        .locator('.ant-popconfirm')
        .getByRole('button', { name: buttonName('撤销') })
        .click();
      await row.getByText('已撤销', { exact: true }).waitFor();

      // 4. citizen1 can no longer act for it: not listed, not switched to, no application.
      const mine = (await (await agent.request.get(`${baseUrl}/api/account/enterprises`)).json()) as { items: { name: string }[] };
      assert(!mine.items.some((e) => e.name === XIJIANG), `no longer listed: ${JSON.stringify(mine.items)}`);
      const again = await agent.request.post(`${baseUrl}/api/cases`, { data: await foodApplication(agent.request, baseUrl, { commitment: false }) });
      assert(again.status() === 403, `after revocation the application is refused: ${again.status()}`);
      await agent.reload();
      await agent.locator('.portal-account__name').waitFor();
      // The session still acts for it (and is refused): the header says the authorisation ended, and
      // the person switches back to acting as themselves.
      const header = agent.getByTestId('header-acting-for');
      await header.locator('option', { hasText: XIJIANG }).first().waitFor({ state: 'attached' });
      const offered = await header.locator('option', { hasText: XIJIANG }).allTextContents();
      assert(offered.length === 1 && offered[0]!.includes('授权已失效'), `the header marks the enterprise as no longer authorised: ${JSON.stringify(offered)}`);
      const switched = agent.waitForResponse((r) => r.url().endsWith('/api/account/acting-for'));
      await header.selectOption('');
      const switchedBack = await switched;
      assert(switchedBack.ok(), `switching back to oneself: ${switchedBack.status()} ${switchedBack.request().postData()}`);
      await agent.waitForFunction(
        (name) => ![...document.querySelectorAll('[data-testid="header-acting-for"] option')].some((o) => o.textContent?.includes(name)),
        XIJIANG,
      );
      assert((await header.locator('option', { hasText: XIJIANG }).count()) === 0, 'back to acting as oneself, the enterprise is gone from the header');
    },
  },
];
