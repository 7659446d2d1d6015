/**
 * 一件事 (docs/life-events.md) on a phone-sized screen: enterprise1 opens the life-event list from the
 * portal home, sees 开办餐饮店 with its departments and reductions, fills the one combined form and
 * the one material list, submits once, and follows the parent: the licence and the health
 * certificate filed at once, the food permit, signboard and fire check waiting for the licence.
 * Then each department's staff take their child to its result — the licence through the
 * workbench in the browser (scjg.clerk, scjg.reviewer, scjg.approver), the others by the API
 * (life-events-staff.ts), each through the actions its case offers — the dependants start with the
 * licence attached. The applicant asked at submit for every result together at the window (统一窗口领取):
 * the children wait for the one delivery, the lead department's clerk signs for it, and the applicant
 * sees it signed and every member concluded on the parent, the application concluded on 我的 and
 * every certificate in 我的证照.
 */
import { assert, buttonName, followRequests, signIn, type Journey } from '../lib.ts';
import { driveBundle, republishBundle, staffAct, type BundleView } from '../life-events-staff.ts';

const PDF = (title: string) => Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

export const journeys: Journey[] = [
  {
    name: 'a person opens a restaurant as one application on a phone and receives every result',
    async run({ baseUrl, newPage, artifact }) {
      // The bundle follows its members' guides in force (journey 03 changed 食品经营许可's) once republished.
      await republishBundle(baseUrl, newPage, 'open-restaurant');
      const page = await newPage({ width: 375, height: 800 });
      page.setDefaultTimeout(30_000);
      await signIn(page, baseUrl, 'enterprise1', undefined, '/me');
      // 我的 lists my 一件事 applications: none yet.
      await page.getByTestId('le-mine-empty').waitFor();
      // The portal home links to 一件事, clicked once the home page has loaded what it shows: under
      // load a click during its last layout shift was lost (CI: no navigation within 30 s).
      const requests = followRequests(page);
      await page.goto(`${baseUrl}/`);
      const link = page.getByRole('link', { name: /一件事一次办/ }).first();
      assert(((await link.getAttribute('href')) ?? '').endsWith('/life-events'), 'the home page links to the 一件事 list');
      await requests.quiet();
      await link.click();
      await page.waitForURL(/\/life-events$/);
      await page.getByRole('heading', { name: '一件事一次办' }).waitFor();
      await page.getByRole('heading', { name: '开办餐饮店“一件事”' }).waitFor();
      const list = (await page.locator('main').textContent()) ?? (await page.textContent('body')) ?? '';
      assert(list.includes('示范市消防救援支队') && list.includes('示范市城市管理局'), 'the list names the departments');
      await page.goto(`${baseUrl}/life-events/open-restaurant`);
      await page.getByRole('heading', { name: '开办餐饮店“一件事”' }).waitFor();
      await page
        .getByText(/待 企业设立登记 (办结|出证)后自动流转/)
        .first()
        .waitFor();
      await page.getByText('由“企业设立登记”结果自动获取').first().waitFor();

      // One form: the contact phone is asked once for five items.
      assert((await page.locator('#le-apply_contactPhone').count()) === 1, 'the shared contact phone is one field');
      await page.locator('#le-apply_applicantName').fill('示范市明湖餐饮有限公司');
      await page.locator('#le-apply_contactPhone').fill('13800001111');
      await page.locator('#le-apply_contactAddress').fill('示范市明湖区湖滨路 8 号');
      await page.locator('#le-apply_foodPermit__legalRepresentative').fill('王建国');
      await page.locator('#le-apply_foodPermit__premises').fill('示范市明湖区湖滨路 8 号');
      await page.locator('label', { hasText: '小餐饮' }).first().click();
      await page.locator('#le-apply_foodPermit__areaSqm').fill('60');
      await page.locator('#le-apply_foodPermit__safetyManager').fill('王建国');

      // One material list: each asked once; a commitment where the law allows one.
      let count = 0;
      while (await page.getByTestId(`cs-material-${count}`).count()) count++;
      assert(count >= 5, `the asked materials are listed (${count})`);
      for (let i = 0; i < count; i++) {
        const m = page.getByTestId(`cs-material-${i}`);
        // (The option is 告知承诺替代: a material that allows a commitment is committed to, as the law lets the applicant.)
        const commitment = m.getByRole('radio', { name: /告知承诺/ });
        if (await commitment.count()) await commitment.first().check();
        else {
          const name = ((await m.locator('legend').textContent()) ?? `material-${i}`).replace(/\s*\(.*$/, '');
          await m.locator('input[type=file]').setInputFiles({ name: `${i}.pdf`, mimeType: 'application/pdf', buffer: PDF(name) });
          await m.getByText(`${i}.pdf`, { exact: true }).waitFor();
        }
      }
      // 结果领取方式: every result together at the lead department's window (one delivery), not each on its own.
      assert(await page.getByRole('radio', { name: '各部门分别送达' }).isChecked(), 'each department delivers its own unless asked otherwise');
      await page.getByRole('radio', { name: '统一窗口领取' }).check();
      await page.screenshot({ path: artifact('life-event-apply-375.png'), fullPage: true });
      await page.getByRole('button', { name: buttonName('提交申请') }).click();
      await page.waitForURL(/\/life-events\/applications\/YJS\d{13}$/);
      // (The apply page names 企业设立登记 too: wait for the parent's own content.)
      await page.getByText('一件事办件').first().waitFor();
      await page.getByText('等待前置结果').first().waitFor();
      const text = (await page.textContent('body')) ?? '';
      assert(text.includes('办理中'), 'the licence and the health certificate are in progress');
      assert(text.includes('承诺办结日期'), 'the parent has its own due date');
      // 结果统一送达: pickup asked for, arranged once every result is issued (no choice offered again).
      const deliveryCard = page.getByTestId('le-delivery');
      await deliveryCard.getByText('全部结果出具后统一安排').waitFor();
      assert(((await deliveryCard.textContent()) ?? '').includes('窗口领取'), 'the card says the results are picked up at the window');
      assert(!(await page.getByTestId('le-delivery-choice').count()), 'no delivery choice once one is made');
      await page.screenshot({ path: artifact('life-event-bundle-375.png'), fullPage: true });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert(!wide, 'the page does not scroll sideways at 375 px');
      const bundleNo = new URL(page.url()).pathname.split('/').pop()!;

      // The licence's department takes it to its result in the workbench (a desktop screen).
      const bundle = async () => (await (await page.request.get(`${baseUrl}/api/life-events/applications/${bundleNo}`)).json()) as BundleView;
      const licence = (await bundle()).members.find((m) => m.key === 'licence')?.caseNo;
      assert(licence, 'the licence has its child case');
      const desk = async (username: string) => {
        const p = await newPage({ width: 1280, height: 900 });
        p.setDefaultTimeout(30_000);
        await signIn(p, baseUrl, username, undefined, `/workbench/cases/${licence}`);
        await p.getByTestId('cs-staff-case-no').waitFor();
        return p;
      };
      const clerk = await desk('scjg.clerk');
      await staffAct(clerk, '受理');
      const reviewer = await desk('scjg.reviewer');
      await staffAct(reviewer, '通过', (m) => m.locator('textarea').fill('名称、住所、经营范围符合规定'));
      const approver = await desk('scjg.approver');
      await staffAct(approver, '通过', (m) => m.locator('textarea').fill('准予设立登记'));
      await clerk.reload();
      await clerk.getByTestId('cs-staff-case-no').waitFor();
      await staffAct(clerk, '制证出件');

      // The dependants start with the licence attached; every child is taken to its result by its
      // department's staff through the actions its case offers (and the one delivery, when the
      // application has one, is signed for).
      const log = await driveBundle({ baseUrl, newPage, bundle });
      process.stdout.write(`    staff actions: ${log.join('; ')}\n`);
      const done = await bundle();
      const waiting = done.members.filter((m) => m.status !== 'concluded');
      assert(!waiting.length, `every member concluded: ${JSON.stringify(done.members.map((m) => [m.key, m.status, m.caseStatus, m.note]))}`);
      for (const k of ['foodPermit', 'signboard', 'fireCheck']) {
        const m = done.members.find((x) => x.key === k)!;
        assert(
          m.attached?.some((a) => a.from === 'licence'),
          `${k} started with the licence attached`,
        );
      }
      assert(done.status === 'concluded', `the application concluded (${done.status})`);
      // The one delivery was arranged and signed for, and that delivered every child.
      const one = done.delivery as { method: string; order: { status: string; contents: unknown[] } | null } | null;
      assert(one?.method === 'pickup' && one.order, `one delivery arranged: ${JSON.stringify(one)}`);
      assert(one.order.status === 'signed', `the one delivery is signed for (${one.order.status})`);
      const issued = done.members.filter((m) => m.issuedOn).length;
      assert(issued >= 4 && one.order.contents.length === issued, `it carries every issued result (${one.order.contents.length} of ${issued})`);
      assert(
        log.some((l) => l.startsWith('one delivery signed')),
        'the lead department signed for the one delivery',
      );

      // The applicant: the parent shows every member concluded.
      await page.goto(`${baseUrl}/life-events/applications/${bundleNo}`);
      await page.getByText('企业设立登记').first().waitFor();
      const parentText = (await page.locator('main').textContent()) ?? '';
      assert(!parentText.includes('等待前置结果') && !parentText.includes('办理中'), 'no member waits or is in progress on the parent page');
      assert((parentText.match(/已办结/g) ?? []).length >= 6, 'the application and its five members are 已办结');
      assert(((await page.getByTestId('le-delivery-status').textContent()) ?? '') === '已签收', 'the parent shows the one delivery signed for');
      await page.screenshot({ path: artifact('life-event-bundle-done-375.png'), fullPage: true });

      // 我的 lists it as concluded.
      await page.goto(`${baseUrl}/me`);
      const mine = page.getByTestId(`le-mine-${bundleNo}`);
      await mine.waitFor();
      assert(((await mine.textContent()) ?? '').includes('已办结'), '我的 shows the application concluded');

      // Every certificate of the five results is in 我的证照.
      const certs: { caseNo: string; identifier: string; name: string }[] = [];
      for (const m of done.members) {
        const view = (await (await page.request.get(`${baseUrl}/api/cases/${m.caseNo}`)).json()) as {
          certificate: { identifier: string; name: string } | null;
        };
        if (view.certificate) certs.push({ caseNo: m.caseNo!, ...view.certificate });
      }
      assert(certs.length >= 4, `the results with certificates: ${JSON.stringify(certs)}`);
      const wallet = (await (await page.request.get(`${baseUrl}/api/certificates?pageSize=100`)).json()) as { items: { identifier: string }[] };
      for (const c of certs)
        assert(
          wallet.items.some((w) => w.identifier === c.identifier),
          `${c.name} (${c.identifier}) is in the wallet`,
        );
      await page.goto(`${baseUrl}/me/certificates`);
      await page.getByRole('heading', { name: '我的证照' }).waitFor();
      // Each certificate is a card titled with its name (the list loads after the heading).
      for (const c of certs) await page.getByRole('heading', { name: c.name, exact: true }).first().waitFor();
      await page.screenshot({ path: artifact('life-event-wallet-375.png'), fullPage: true });
    },
  },
];
