/**
 * Data centre (docs/data-centre.md): the sharing governance, then a citizen's application whose
 * materials are filled from shared data.
 *
 * 1. 公安局's data steward declares a resource and submits it; the data office publishes it; 住建局's
 *    steward asks for two of its fields; 公安局 approves one of them. Each step is clicked through the
 *    data-centre pages (政务信息资源目录, 数据共享申请) by the signed-in steward, and checked in the list.
 * 2. citizen1 applies online for 户口迁移（市内迁移）: the materials step says 居民户口簿 and 居民身份证 are
 *    filled from shared data (示范市公安局 · 居民户籍信息) and asks nothing for them; after the submit
 *    the case page shows the values fetched and their source; 账号与安全 → 共享数据使用记录 lists the
 *    reads under the case number. (The demo guide of that item names the household register, not the
 *    resource made in part 1: a guide names its resource in the catalog, which this journey does not edit.)
 */
import type { APIRequestContext } from 'playwright-core';
import { assert, buttonName, signIn, type Journey } from '../lib.ts';

async function json<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string, status = 200): Promise<T> {
  assert(res.status() === status, `${what}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

export const journeys: Journey[] = [
  {
    name: 'a resource declared, published, requested and approved; a citizen applies and finds two materials filled from shared data, the case showing their source and 数据使用记录 the reads',
    async run({ baseUrl, newPage, artifact }) {
      const stamp = Date.now().toString(36);
      // --- 1. governance, through the data-centre pages
      const resourceCode = `gaj.residence_${stamp}`;
      const resourceName = `居住登记信息（旅程 ${stamp}）`;
      // 公安局's steward declares the resource (申报资源) and submits it (提交审核).
      const gaj = await newPage();
      await signIn(gaj, baseUrl, 'gaj.data', undefined, '/workbench/data/resources');
      await gaj.getByRole('button', { name: buttonName('申报资源') }).click();
      await gaj.locator('#data-resource_code').fill(resourceCode);
      await gaj.locator('#data-resource_name').fill(resourceName);
      await gaj.locator('#data-resource_fields_0_name').fill('name');
      await gaj.locator('#data-resource_fields_0_label').fill('姓名');
      await gaj.getByRole('button', { name: buttonName('增加信息项') }).click();
      await gaj.locator('#data-resource_fields_1_name').fill('household_address');
      await gaj.locator('#data-resource_fields_1_label').fill('居住地址');
      await gaj.locator('#data-resource_sourceSystem').fill('示范市公安局人口信息管理系统');
      await gaj.locator('#data-resource_connector').fill('sim.household');
      await gaj
        .locator('.form-drawer')
        .getByRole('button', { name: buttonName('保存') })
        .click();
      await gaj.locator('#data-resource_code').waitFor({ state: 'detached' });
      await gaj.goto(`${baseUrl}/workbench/data/resources?q=${encodeURIComponent(resourceCode)}`);
      const gajRow = gaj.getByRole('row').filter({ hasText: resourceCode });
      await gajRow.filter({ hasText: '草稿' }).waitFor();
      await gajRow.getByRole('button', { name: buttonName('提交审核') }).click();
      await gajRow.filter({ hasText: '待审核' }).waitFor();
      // The data office publishes it (审核发布).
      const office = await newPage();
      await signIn(office, baseUrl, 'data.officer', undefined, `/workbench/data/resources?q=${encodeURIComponent(resourceCode)}`);
      const officeRow = office.getByRole('row').filter({ hasText: resourceCode });
      await officeRow.getByRole('button', { name: buttonName('审核发布') }).click();
      await officeRow.filter({ hasText: '已发布 v1' }).waitFor();
      // 住建局's steward asks for both fields (申请使用).
      const purpose = `公共租赁住房保障资格审核：核验居住地址（${stamp}）`;
      const zjj = await newPage();
      await signIn(zjj, baseUrl, 'zjj.data', undefined, `/workbench/data/resources?q=${encodeURIComponent(resourceCode)}`);
      await zjj.getByRole('button', { name: `申请使用：${resourceName}` }).click();
      const ask = zjj.locator('.form-drawer');
      await ask.getByRole('checkbox', { name: '姓名', exact: true }).check();
      await ask.getByRole('checkbox', { name: '居住地址' }).check();
      await zjj.locator('#data-request_purpose').fill(purpose);
      await zjj.locator('#data-request_legalBasis').fill('《公共租赁住房管理办法》第七条');
      await ask.getByRole('button', { name: buttonName('保存') }).click();
      await zjj.locator('#data-request_purpose').waitFor({ state: 'detached' });
      await zjj.goto(`${baseUrl}/workbench/data/share-requests?status=pending`);
      await zjj.getByRole('row').filter({ hasText: purpose }).filter({ hasText: '待审批' }).waitFor();
      // 公安局 approves one of the two fields (授权), until the end of 2027.
      await gaj.goto(`${baseUrl}/workbench/data/share-requests?status=pending`);
      const pending = gaj.getByRole('row').filter({ hasText: purpose });
      await pending.getByRole('button', { name: buttonName('授权') }).click();
      const grant = gaj.locator('.form-drawer');
      await grant.getByRole('checkbox', { name: 'name', exact: true }).uncheck();
      assert(await grant.getByRole('checkbox', { name: 'household_address' }).isChecked(), 'the requested address is offered for approval');
      await gaj.locator('#data-approve_expiresOn').fill('2027-12-31');
      await grant.getByRole('button', { name: buttonName('保存') }).click();
      await gaj.locator('#data-approve_expiresOn').waitFor({ state: 'detached' });
      await gaj.goto(`${baseUrl}/workbench/data/share-requests?status=approved`);
      const approved = gaj.getByRole('row').filter({ hasText: purpose }).filter({ hasText: '已授权' });
      await approved.waitFor();
      // The 信息项 column shows the fields granted once decided.
      const granted = ((await approved.getByRole('cell').nth(3).textContent()) ?? '').trim();
      assert(granted.startsWith('household_address') && !granted.includes('name,'), `approved for one field: ${granted}`);

      // --- 2. the citizen applies (375 px)
      const page = await newPage({ width: 375, height: 800 });
      await signIn(page, baseUrl, 'citizen1');
      const found = await json<{ items: { name: string; regionCode: string; implementationCode: string }[] }>(
        await page.request.get(`${baseUrl}/api/catalog/items?q=${encodeURIComponent('户口迁移')}&region=990100&pageSize=20`),
        'catalog',
      );
      const code = found.items.find((i) => i.name === '户口迁移（市内迁移）' && i.regionCode === '990100')!.implementationCode;
      await page.goto(`${baseUrl}/apply/${code}`);
      const phone = page.locator('#cs-apply_contactPhone');
      await phone.waitFor();
      if (!(await phone.inputValue())) await phone.fill('13800001111');
      const address = page.locator('#cs-apply_contactAddress');
      if ((await address.count()) && !(await address.inputValue())) await address.fill('示范市明湖区湖滨街道湖滨路 8 号');
      await page.getByRole('button', { name: '下一步' }).click();
      const notes = page.getByTestId('cs-shared-source');
      await notes.first().waitFor();
      assert((await notes.count()) === 2, `two materials filled from shared data, got ${await notes.count()}`);
      for (const text of await notes.allTextContents())
        assert(text.includes('由共享数据填充') && text.includes('示范市公安局') && text.includes('居民户籍信息'), `the source is named: ${text}`);
      await page.screenshot({ path: artifact('data-apply-shared-375.png'), fullPage: true });
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByTestId('cs-apply-review').waitFor();
      await page.getByRole('button', { name: '提交申请', exact: true }).click();
      await page.waitForURL(/\/cases\/[0-9A-Z]+\/receipt$/);
      const caseNo = (await page.getByTestId('cs-receipt-case-no').textContent())?.trim() ?? '';
      assert(caseNo.startsWith(code), `a case number, got ${caseNo}`);

      await page.goto(`${baseUrl}/cases/${caseNo}`);
      const fetched = page.getByTestId('cs-shared-fetched');
      await fetched.first().waitFor();
      assert((await fetched.count()) === 2, 'the case shows both materials as fetched');
      const shown = (await fetched.first().textContent()) ?? '';
      assert(shown.includes('示范市公安局') && shown.includes('张明'), `the values and their source: ${shown}`);
      await page.screenshot({ path: artifact('data-case-shared-375.png'), fullPage: true });

      await page.goto(`${baseUrl}/me/account`);
      // 共享数据使用记录: the two reads of the household register under the case number (identity's record of the
      // ID-number read for the fetch names the case too, in its reason).
      const usage = page.locator('.ant-list-item').filter({ hasText: caseNo }).filter({ hasText: '居民户籍信息' });
      await usage.first().waitFor();
      assert((await usage.count()) === 2, `共享数据使用记录 lists both reads of case ${caseNo}, got ${await usage.count()}`);
    },
  },
];
