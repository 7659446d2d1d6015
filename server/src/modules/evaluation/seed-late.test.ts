// The demo's late rectifications (seed-late.ts): 电子监察 shows the market bureau a red and a yellow
// one, rated at the counter weeks ago, so a supervisor can try 督办 on them after `npm start`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { rectificationLightCounts, rectificationsByLight } from './index.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('demo late rectifications', () => {
  it('the market bureau owes a red (late) and a yellow (about to turn red) rectification of an on-site review', async () => {
    const sup = await env.as('supervisor');
    const bar = (await rectificationLightCounts(sup)).find((b) => b.departmentName === '示范市市场监督管理局');
    expect(bar).toMatchObject({ red: 1, yellow: 1 });
    const red = await rectificationsByLight(sup, { departmentId: bar!.departmentId, light: 'red', page: 1, pageSize: 10 });
    expect(red.items).toEqual([expect.objectContaining({ itemName: '企业变更登记', status: 'open', level: 1 })]);
    expect(red.items[0]!.dueOn < sup.calendar.today()).toBe(true);
    const yellow = await rectificationsByLight(sup, { departmentId: bar!.departmentId, light: 'yellow', page: 1, pageSize: 10 });
    expect(yellow.items).toEqual([expect.objectContaining({ itemName: '个体工商户设立登记', status: 'open', level: 2 })]);
  });
});
