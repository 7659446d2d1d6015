/**
 * Data centre (docs/data-centre.md): the sharing governance, then a citizen's application whose
 * materials are filled from shared data.
 *
 * 1. 公安局's data steward declares a resource and submits it; the data office publishes it; 住建局's
 *    steward asks for two of its fields; 公安局 approves one of them. These go through the API inside
 *    each signed-in page's session (what is checked: the workflow and the roles, not the pages).
 * 2. citizen1 applies online for 户口迁移（市内迁移）: the materials step says 居民户口簿 and 居民身份证 are
 *    filled from shared data (示范市公安局 · 居民户籍信息) and asks nothing for them; after the submit
 *    the case page shows the values fetched and their source; 账号与安全 → 共享数据使用记录 lists the
 *    reads under the case number. (The demo guide of that item names the household register, not the
 *    resource made in part 1: a guide names its resource in the catalog, which this journey does not edit.)
 */
import type { APIRequestContext } from 'playwright-core';
import { assert, signIn, type Journey } from '../lib.ts';

async function json<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string, status = 200): Promise<T> {
  assert(res.status() === status, `${what}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

export const journeys: Journey[] = [
  {
    name: 'a resource declared, published, requested and approved; a citizen applies and finds two materials filled from shared data, the case showing their source and 数据使用记录 the reads',
    async run({ baseUrl, newPage, artifact }) {
      const stamp = Date.now().toString(36);
      // --- 1. governance (API in the signed-in sessions)
      const gaj = await newPage();
      await signIn(gaj, baseUrl, 'gaj.data', undefined, '/workbench');
      const household = await json<{ items: { code: string; departmentId: string }[] }>(
        await gaj.request.get(`${baseUrl}/api/data/resources?q=gaj.household&pageSize=20`),
        'resources',
      );
      const gajDept = household.items.find((r) => r.code === 'gaj.household')!.departmentId;
      const created = await json<{ id: string }>(
        await gaj.request.post(`${baseUrl}/api/data/resources`, {
          data: {
            code: `gaj.residence_${stamp}`,
            departmentId: gajDept,
            name: `居住登记信息（旅程 ${stamp}）`,
            subjectKind: 'person',
            fields: [
              { name: 'name', label: '姓名', sensitivity: 'sensitive' },
              { name: 'household_address', label: '居住地址', sensitivity: 'sensitive' },
            ],
            sharingType: 'conditional',
            updateFrequency: 'daily',
            sourceSystem: '示范市公安局人口信息管理系统',
            connector: 'sim.household',
          },
        }),
        'declare',
        201,
      );
      await json(await gaj.request.post(`${baseUrl}/api/data/resources/${created.id}/submit`), 'submit');
      const office = await newPage();
      await signIn(office, baseUrl, 'data.officer', undefined, '/workbench');
      const published = await json<{ status: string; publishedVersion: number | null }>(
        await office.request.post(`${baseUrl}/api/data/resources/${created.id}/publish`, { data: { note: '目录要素齐全，予以发布' } }),
        'publish',
      );
      assert(published.publishedVersion === 1, `published as version 1, got ${JSON.stringify(published)}`);
      const zjj = await newPage();
      await signIn(zjj, baseUrl, 'zjj.data', undefined, '/workbench');
      const mine = await json<{ items: { requesterDepartmentId: string }[] }>(
        await zjj.request.get(`${baseUrl}/api/data/share-requests?pageSize=50`),
        'requests',
      );
      const zjjDept = mine.items[0]!.requesterDepartmentId;
      const asked = await json<{ id: string; status: string }>(
        await zjj.request.post(`${baseUrl}/api/data/share-requests`, {
          data: {
            resourceId: created.id,
            departmentId: zjjDept,
            purpose: '公共租赁住房保障资格审核：核验居住地址',
            legalBasis: '《公共租赁住房管理办法》第七条',
            fields: ['name', 'household_address'],
          },
        }),
        'request',
        201,
      );
      const decided = await json<{ status: string; fieldsGranted: string[] | null }>(
        await gaj.request.post(`${baseUrl}/api/data/share-requests/${asked.id}/decision`, {
          data: { action: 'approve', fields: ['household_address'], expiresOn: '2027-12-31' },
        }),
        'approve',
      );
      assert(decided.status === 'approved' && decided.fieldsGranted?.join() === 'household_address', `approved for one field: ${JSON.stringify(decided)}`);

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
      const usage = page.locator('tr').filter({ hasText: caseNo }).filter({ hasText: '居民户籍信息' });
      await usage.first().waitFor();
      assert((await usage.count()) === 2, `共享数据使用记录 lists both reads of case ${caseNo}, got ${await usage.count()}`);
    },
  },
];
