// 一件事 bundles as data: the combined form asks a shared field once, an unmapped duplicate is flagged
// (and refuses publishing), one material list, the measured reductions, the public routes and scoped editing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/index.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { demoDepartmentId } from '../org/index.ts';
import { getLifeEvent, getLifeEventForWorkbench, publishLifeEvent, saveLifeEventDraft } from './life-events.ts';
import type { LifeEventDefinition } from './life-events-definition.ts';
import { CITY } from './catalog-test-kit.ts';
import * as catalog from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo bundles', () => {
  it('lists six published bundles with members of several departments and their reductions', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/catalog/life-events' });
    expect(res.statusCode).toBe(200);
    const list = res.json() as { code: string; members: { name: string; departmentName: string }[]; departments: string[] }[];
    expect(list.map((b) => b.code).sort()).toEqual(['after-death', 'company-change', 'newborn', 'open-restaurant', 'retirement', 'start-business']);
    const restaurant = list.find((b) => b.code === 'open-restaurant')!;
    expect(restaurant.members.map((m) => m.name)).toEqual([
      '企业设立登记',
      '食品经营许可',
      '户外招牌设置审批',
      '公众聚集场所投入使用、营业前消防安全检查',
      '食品从业人员健康证明办理',
    ]);
    expect(restaurant.departments).toEqual(['示范市市场监督管理局', '示范市城市管理局', '示范市消防救援支队', '示范市卫生健康委员会']);
  });

  it('the combined form asks a shared field once and fills every member field it maps', async () => {
    const doc = await getLifeEvent(t.ctx, 'open-restaurant');
    const props = Object.keys(doc.combinedForm.schema.properties);
    // contactPhone is in all five member forms: asked once.
    expect(props.filter((k) => k === 'contactPhone' || k.endsWith('__contactPhone'))).toEqual(['contactPhone']);
    expect(doc.fieldMap.contactPhone!.map((x) => x.member).sort()).toEqual(['fireCheck', 'foodPermit', 'health', 'licence', 'signboard']);
    // The food permit's operator name is the applicant's name of the others (a mapping of different keys).
    expect(doc.fieldMap.applicantName).toContainEqual({ member: 'foodPermit', field: 'operatorName' });
    // What only one member asks stays its own.
    expect(props).toContain('foodPermit__businessForm');
    expect(doc.combinedForm.ui.fields.contactPhone!.group).toBe('shared');
  });

  it('one material list: a material several members need is asked once; shared data and results are never asked', async () => {
    const doc = await getLifeEvent(t.ctx, 'open-restaurant');
    const named = (n: string) => doc.materials.filter((m) => m.name === n);
    // 场所使用证明 is needed by the signboard and the fire check: once, by commitment.
    expect(named('场所使用证明')).toEqual([
      expect.objectContaining({
        asked: true,
        provision: 'commitment',
        members: [expect.objectContaining({ member: 'signboard' }), expect.objectContaining({ member: 'fireCheck' })],
      }),
    ]);
    // The business licence comes from the licence member's result for the three that wait for it.
    expect(named('营业执照').every((m) => !m.asked && m.provision === 'from_result' && m.fromMember === 'licence')).toBe(true);
    expect(named('从业人员身份证件')).toEqual([expect.objectContaining({ asked: false, provision: 'shared' })]);
  });

  it('measures the reductions from the member guides against the bundle', async () => {
    const doc = await getLifeEvent(t.ctx, 'open-restaurant');
    const r = doc.reductions;
    // Members: licence 1 day, food permit 5, signboard 5, fire check 7, health 3 = 21 working days one after another.
    expect(r.before.workingDays).toBe(21);
    expect(r.after.workingDays).toBe(7);
    expect(r.reduced.workingDays).toBe(14);
    expect(r.percent.workingDays).toBe(66.7);
    // 5 steps for each of the four promised items, 5 for the licence … against the bundle's 3.
    expect(r.before.steps).toBe(25);
    expect(r.after.steps).toBe(3);
    // Visits: food permit 1 + fire check 1 + health 1 = 3 → 0.
    expect(r.before.visits).toBe(3);
    expect(r.after.visits).toBe(0);
    expect(r.after.materials).toBe(doc.materials.filter((m) => m.asked).length);
    expect(r.after.materials).toBeLessThan(r.before.materials);
    // licence (1) then the fire check (7): the longest chain.
    expect(r.criticalPathDays).toBe(8);
  });

  it('GET /api/catalog/life-events/{code} is public; an unknown code is 404', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/api/catalog/life-events/newborn' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ code: 'newborn', version: 1, guide: { visitsRequired: 0 } });
    expect((await t.app.inject({ method: 'GET', url: '/api/catalog/life-events/nothing-here' })).statusCode).toBe(404);
  });
});

describe('editing', () => {
  const lead = () => demoDepartmentId('zwfw', CITY);

  async function baseDefinition(): Promise<LifeEventDefinition> {
    const wb = await getLifeEventForWorkbench(await t.as('admin'), 'company-change');
    return structuredClone(wb.working.definition);
  }

  it('an unmapped duplicate field is flagged, and publishing is refused until it is mapped', async () => {
    const editor = await t.as('admin');
    const def = await baseDefinition();
    // Forget the mapping of contactPhone: four members ask for it.
    def.sharedFields = def.sharedFields.filter((s) => s.key !== 'contactPhone');
    const saved = await saveLifeEventDraft(editor, 'company-change-2', { departmentId: lead(), definition: { ...def, name: '企业信息变更（试）' } });
    expect(saved.issues).toContainEqual(
      expect.objectContaining({
        code: 'unmapped_duplicate',
        detail: { field: 'contactPhone', fields: ['housingFund.contactPhone', 'licence.contactPhone', 'socialInsurance.contactPhone', 'tax.contactPhone'] },
      }),
    );
    await expect(publishLifeEvent(editor, 'company-change-2')).rejects.toMatchObject({ code: 'catalog.life_event_invalid' });
    const fixed = await saveLifeEventDraft(editor, 'company-change-2', { departmentId: lead(), definition: await baseDefinition() });
    expect(fixed.issues).toEqual([]);
    const published = await publishLifeEvent(editor, 'company-change-2');
    expect(published).toMatchObject({ state: 'published', publishedVersion: 1 });
    expect((await getLifeEvent(t.ctx, 'company-change-2')).members).toHaveLength(4);
  });

  it('a dependency cycle and a mapping to a field no member has are flagged', async () => {
    const def = await baseDefinition();
    def.members[0]!.dependsOn = ['tax'];
    def.sharedFields.push({
      key: 'nowhere',
      members: [
        { member: 'tax', field: 'nope' },
        { member: 'licence', field: 'nope' },
      ],
    });
    const saved = await saveLifeEventDraft(await t.as('admin'), 'company-change-3', { departmentId: lead(), definition: def });
    expect(saved.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['dependency_cycle', 'unknown_field']));
  });

  it('editing is scoped to the lead department; publishing needs the reviewer; both are audited', async () => {
    const def = await baseDefinition();
    const other = await t.as('scjg.editor');
    await expect(saveLifeEventDraft(other, 'company-change', { departmentId: lead(), definition: def })).rejects.toMatchObject({ code: 'auth.out_of_scope' });
    const cookie = await t.login('scjg.editor');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/workbench/catalog/life-events/company-change/publish',
      headers: { cookie },
    });
    expect(res.statusCode).toBe(403);
    const rows = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, 'company-change-2')).orderBy(asc(auditEvents.seq))).map(
      (r) => r.action,
    );
    expect(rows).toEqual(expect.arrayContaining(['catalog.life_event.save_draft', 'catalog.life_event.publish']));
  });
});

describe('the publication check in the workbench', () => {
  it('lists the bundles with their working version, status and members named as published', async () => {
    const cookie = await t.login('zwfw.catalog');
    const res = await t.app.inject({ method: 'GET', url: '/api/workbench/catalog/life-events', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const newborn = (res.json() as { code: string; members: { key: string; name: string | null }[] }[]).find((b) => b.code === 'newborn')!;
    expect(newborn).toMatchObject({ state: 'published', publishedVersion: 1, workingVersion: 1, workingStatus: 'published' });
    expect(newborn.members[0]).toEqual({ key: 'birthCert', name: expect.any(String) });
    // Outside the lead department's scope: an empty list.
    const other = await t.app.inject({ method: 'GET', url: '/api/workbench/catalog/life-events', headers: { cookie: await t.login('scjg.editor') } });
    expect(other.json()).toEqual([]);
  });

  it('shows the draft against the published version and a member guide changed since (a renamed material)', async () => {
    const reviewer = await t.as('zwfw.catalog');
    const before = await getLifeEventForWorkbench(reviewer, 'open-restaurant');
    expect(before.changes).toEqual([]);
    expect(before.published).toMatchObject({ version: 1 });
    const v = before.published!.members.find((m) => m.key === 'foodPermit')!.guideVersion;
    // The food permit's department renames one of its materials and publishes the guide (as journey 03 does).
    const permit = before.working.definition.members.find((m) => m.key === 'foodPermit')!.implementationCode;
    const editor = await t.as('scjg.editor');
    const started = await catalog.startDraft(editor, permit);
    const guide = structuredClone(started.working!.guide) as { materials: { name: string; source: string }[] };
    const renamed = guide.materials.find((m) => m.source === 'applicant' && m.name !== '营业执照')!;
    const oldName = renamed.name;
    renamed.name = `${oldName}（新版）`;
    await catalog.updateDraft(editor, permit, { guide: guide as never });
    await catalog.submitDraft(editor, permit);
    await catalog.publishSubmitted(reviewer, permit);

    const def = structuredClone(before.working.definition);
    def.summary = `${def.summary}（试）`;
    const saved = await saveLifeEventDraft(reviewer, 'open-restaurant', { departmentId: before.departmentId, definition: def });
    expect(saved.working).toMatchObject({ version: 2, status: 'draft' });
    expect(saved.issues).toEqual([]);
    expect(saved.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ what: 'summary', after: def.summary }),
        expect.objectContaining({ what: 'member_guide', member: 'foodPermit', before: `食品经营许可 v${v}`, after: `食品经营许可 v${v + 1}` }),
        expect.objectContaining({ what: 'material_added', after: expect.stringContaining(`${oldName}（新版）`) }),
        expect.objectContaining({ what: 'material_removed', before: expect.stringContaining(oldName) }),
      ]),
    );
    const published = await publishLifeEvent(reviewer, 'open-restaurant');
    expect(published).toMatchObject({ publishedVersion: 2, changes: [] });
    expect((await getLifeEvent(t.ctx, 'open-restaurant')).materials.map((m) => m.name)).toContain(`${oldName}（新版）`);
  });
});
