/**
 * Issue 16 in the browser: a person books a slot at 示范市市民之家 on a phone, arrives and takes a
 * ticket at the hall's kiosk, is called by a window clerk, and the hall's big screen shows the call;
 * a person pays a fee through the simulated gateway and downloads the receipt PDF.
 *
 * The kiosk checks in only today's booking: when the booked slot is on a later day (always on a
 * weekend, when the hall is closed), the journey checks that the kiosk refuses the code for today and
 * the person takes a walk-in ticket for the same window group instead.
 */
import { assert, buttonName, signIn, type Journey } from '../lib.ts';

const HALL = 'bb3e861b-c425-43e9-81f0-b1daa61a64fa';

export const journeys: Journey[] = [
  {
    name: 'a person books a slot, takes a ticket at the kiosk, is called at a window and sees the call on the hall display',
    async run({ baseUrl, newPage }) {
      // 1. Book on a phone (citizen3 holds no booking in the demo: one booking per person, hall and day).
      const phone = await newPage({ width: 375, height: 800 });
      await signIn(phone, baseUrl, 'citizen3', undefined, '/appointments');
      await phone.locator('h1').first().waitFor();
      const slot = phone.locator('[data-testid="ap-slot"]:not([disabled])').first();
      await slot.waitFor({ timeout: 30_000 });
      await slot.click();
      await phone.locator('.ant-popconfirm .ant-btn-primary, .ant-popover .ant-btn-primary').first().click();
      const booked = phone.locator('[data-testid="ap-booked"]');
      await booked.waitFor({ timeout: 30_000 });
      const code = /([A-HJ-NP-Z2-9]{8})/.exec((await booked.textContent()) ?? '')?.[1];
      assert(code, `the booking code is shown: ${await booked.textContent()}`);
      const mine = (await (await phone.request.get(`${baseUrl}/api/appointments/bookings`)).json()) as { code: string; day: string; status: string }[];
      const booking = mine.find((b) => b.code === code);
      assert(booking?.status === 'booked', `the booking is listed as mine (${JSON.stringify(mine)})`);

      // 2. Arrive: the kiosk (no sign-in).
      const kiosk = await newPage({ width: 1080, height: 1920 });
      await kiosk.goto(`${baseUrl}/appointments/kiosk/${HALL}`);
      await kiosk.locator('h1').first().waitFor();
      await kiosk.getByLabel(/预约号|Booking code/).fill(code);
      await kiosk.getByRole('button', { name: buttonName('预约取号') }).click();
      const ticketCard = kiosk.locator('[data-testid="ap-ticket"]');
      const refused = kiosk.locator('.ant-alert-error');
      await Promise.race([ticketCard.waitFor({ timeout: 30_000 }), refused.waitFor({ timeout: 30_000 })]);
      if (!(await ticketCard.isVisible())) {
        // A booking for a later day: refused today; the person takes a walk-in ticket for 综合受理 (group A).
        assert(
          /今日|今天|today|not.*today/i.test((await refused.textContent()) ?? ''),
          `the kiosk refuses a booking of another day: ${await refused.textContent()}`,
        );
        await kiosk.locator('[data-testid="ap-kiosk-group"]').first().click();
        await ticketCard.waitFor({ timeout: 30_000 });
      }
      const ticket = ((await kiosk.locator('.ap-ticket-number').textContent()) ?? '').trim();
      assert(/^[A-Z]\d{3}$/.test(ticket), `a ticket number like A001: ${ticket}`);

      // 3. A window clerk calls until the ticket comes up (booked tickets first, then in the order taken).
      const clerk = await newPage({ width: 1280, height: 900 });
      await signIn(clerk, baseUrl, 'window.clerk', undefined, '/workbench/appointments/queue');
      const windowPicker = clerk.getByRole('combobox', { name: /窗口|Window/ });
      await windowPicker.click();
      await clerk.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: 'A01' }).first().click();
      const current = clerk.locator('[data-testid="ap-current"]');
      let called = '';
      for (let i = 0; i < 20 && called !== ticket; i++) {
        const before = (await current.count()) ? ((await current.textContent()) ?? '').trim() : '';
        await clerk.locator('[data-testid="ap-call-next"]').click();
        await clerk.waitForFunction(
          (prev) => {
            const el = document.querySelector('[data-testid="ap-current"]');
            return !!el && (el.textContent ?? '').trim() !== prev;
          },
          before,
          { timeout: 30_000 },
        );
        called = ((await current.textContent()) ?? '').trim();
      }
      assert(called === ticket, `the clerk called ${ticket} (last called ${called})`);

      // 4. The hall's big screen shows the call.
      const screen = await newPage({ width: 1920, height: 1080 });
      await screen.goto(`${baseUrl}/appointments/display/${HALL}`);
      const latest = screen.locator('[data-testid="ap-display-latest"]');
      await latest.waitFor({ timeout: 30_000 });
      await screen.waitForFunction((n) => (document.querySelector('[data-testid="ap-display-latest"]')?.textContent ?? '').includes(n), ticket, {
        timeout: 30_000,
      });
      assert(((await latest.textContent()) ?? '').includes('A01'), 'the screen names the window');
    },
  },
  {
    name: 'a person pays a fee through the simulated gateway and downloads the receipt PDF',
    async run({ baseUrl, newPage }) {
      const page = await newPage({ width: 375, height: 800 });
      await signIn(page, baseUrl, 'citizen1', undefined, '/payments');
      const pay = page.getByRole('button', { name: /支付\s*¥\s*550\.00/ }).first();
      await pay.waitFor({ timeout: 30_000 });
      const card = page.locator('[data-testid^="pay-order-"]').filter({ has: pay }).first();
      const orderNo = ((await card.getAttribute('data-testid')) ?? '').replace('pay-order-', '');
      assert(orderNo, 'the unpaid order is shown');
      await pay.click();
      // The gateway's signed notice arrives asynchronously (a job); the page waits for it.
      const receipt = page.locator(`[data-testid="pay-order-${orderNo}"]`).getByRole('link', { name: /下载缴费凭证|receipt/i });
      await receipt.waitFor({ timeout: 60_000 });
      const href = await receipt.getAttribute('href');
      assert(href, 'the receipt link');
      const res = await page.request.get(new URL(href, baseUrl).toString());
      assert(res.status() === 200, `the receipt downloads (${res.status()})`);
      assert((res.headers()['content-type'] ?? '').startsWith('application/pdf'), `a PDF (${res.headers()['content-type']})`);
      const body = await res.body();
      assert(body.subarray(0, 5).toString() === '%PDF-', 'the file is a PDF');
      const orders = (await (await page.request.get(`${baseUrl}/api/payments/orders/mine`)).json()) as { orderNo: string; status: string }[];
      assert(orders.find((o) => o.orderNo === orderNo)?.status === 'paid', 'the order is paid');
    },
  },
];
