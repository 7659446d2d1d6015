// The applicable guide a case is filed under, cached per process for one catalog generation (published-guides.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { countStatements } from '../../platform/db/index.ts';
import type { Ctx } from '../../platform/context.ts';
import * as catalog from './service.ts';
import { CITY, codeLookup, guideOf } from './catalog-test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
const codeOf = codeLookup(() => t);
/** A request's context: its generation counters read once (as a request's session statement does). */
const request = (): Ctx => ({ ...t.ctx, generations: {} });

describe('applicable version cache', () => {
  it('answers a second request without a statement, and follows a publish, a suspension and a resumption', async () => {
    const code = await codeOf('zjj', CITY, '建筑工程施工许可证核发');
    const first = await catalog.getApplicableVersion(request(), code);
    const again = request();
    await catalog.getApplicableVersion(again, code); // reads the counters into the snapshot
    const { value, statements } = await countStatements(t.database, () => catalog.getApplicableVersion(again, code));
    expect(value).toBe(first);
    expect(statements).toBe(0);

    const editor = await t.as('zjj.editor');
    const reviewer = await t.as('zwfw.catalog');
    await catalog.startDraft(editor, code);
    await catalog.updateDraft(editor, code, { guide: { ...guideOf('建筑工程施工许可证核发'), promisedLimitDays: 2 } });
    // A draft changes nothing a case is filed under.
    expect((await catalog.getApplicableVersion(request(), code)).version).toBe(first.version);
    await catalog.submitDraft(editor, code);
    await catalog.publishSubmitted(reviewer, code);
    const published = await catalog.getApplicableVersion(request(), code);
    expect(published.version).toBe(first.version + 1);
    expect(published.guide.promisedLimitDays).toBe(2);

    await catalog.changeState(reviewer, code, 'suspend', '系统升级');
    await expect(catalog.getApplicableVersion(request(), code)).rejects.toMatchObject({ code: 'catalog.not_applicable' });
    await catalog.changeState(reviewer, code, 'resume', '恢复');
    expect((await catalog.getApplicableVersion(request(), code)).version).toBe(published.version);
  });
});
