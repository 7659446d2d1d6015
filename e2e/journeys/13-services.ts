/**
 * The pages of appointments, payments, delivery, credit, the data centre and the supervision rules,
 * each opened by the person who uses it, so that the page checks (axe, layout at 375 px, English)
 * sweep them. The behaviour behind them is tested in their modules' server tests.
 */
import { assert, signIn, type Journey } from '../lib.ts';

const visits: { user: string; width: number; paths: string[] }[] = [
  { user: 'citizen1', width: 375, paths: ['/appointments', '/payments', '/delivery', '/credit', '/open-data', '/proofs'] },
  { user: 'enterprise2', width: 375, paths: ['/credit/mine'] },
  { user: 'window.clerk', width: 1280, paths: ['/workbench/appointments/queue', '/workbench/delivery', '/workbench/payments'] },
  { user: 'credit.officer', width: 1280, paths: ['/workbench/credit'] },
  { user: 'data.officer', width: 1280, paths: ['/workbench/data/resources', '/workbench/data/share-requests', '/workbench/data/proofs'] },
  { user: 'supervisor', width: 1280, paths: ['/workbench/supervision/rules'] },
];

export const journeys: Journey[] = visits.map(({ user, width, paths }) => ({
  name: `${user} opens ${paths.join(', ')}`,
  async run({ baseUrl, newPage }) {
    const page = await newPage({ width, height: 800 });
    await signIn(page, baseUrl, user, undefined, paths[0]);
    for (const path of paths) {
      if (new URL(page.url()).pathname !== path) await page.goto(`${baseUrl}${path}`);
      const heading = page.locator('main h1, [role="main"] h1, h1').first();
      await heading.waitFor();
      assert(((await heading.textContent()) ?? '').trim().length > 0, `${path} has a heading`);
    }
  },
}));
