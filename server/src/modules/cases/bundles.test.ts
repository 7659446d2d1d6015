// 一件事 applications: one submit fans out to child cases in each department; a dependant starts when its
// prerequisite's result is issued (attached), before that result is delivered; a refused child stops the members the bundle names;
// the parent concludes when every child has; the parent's deadline runs on the bundle's limit across a holiday.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getLifeEvent, getLifeEventForWorkbench, publishLifeEvent, saveLifeEventDraft, type LifeEventDocument } from '../catalog/index.ts';
import { demoDepartmentId } from '../org/index.ts';
import { casesTestFile, pdf } from './cases-test-kit.ts';
import { submitLifeEvent } from './bundles.ts';
import { getBundle } from './bundles-read.ts';
import { cases } from './tables.ts';

const kit = casesTestFile();
const { call, upload, act, advance: conclude, lifeEventApplication } = kit;

/** A complete combined application: every field the combined form asks, every asked material once. */
const application = async (doc: LifeEventDocument, user: string) => ({ ...(await lifeEventApplication(doc, user)), delivery: 'pickup' as const });

describe('a 一件事 application', () => {
  it('fans out at once to the members that wait for nothing; the others start with the licence attached when it is issued', async () => {
    const doc = await getLifeEvent(kit.t.ctx, 'open-restaurant');
    const res = await call('enterprise1', 'POST', '/api/life-events/open-restaurant/applications', await application(doc, 'enterprise1'));
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    const status = (k: string) => b.members.find((m: { key: string }) => m.key === k);
    expect(b.bundleNo).toMatch(/^YJS\d{13}$/);
    expect(status('licence')).toMatchObject({ status: 'filed', departmentName: '示范市市场监督管理局', caseStatus: 'pending_acceptance' });
    expect(status('health')).toMatchObject({ status: 'filed', departmentName: '示范市卫生健康委员会' });
    for (const k of ['foodPermit', 'signboard', 'fireCheck']) expect(status(k)).toMatchObject({ status: 'waiting', caseNo: null });
    // The shared contact phone reached both filed children's forms.
    const filed = await kit.t.database.db
      .select()
      .from(cases)
      .where(eq(cases.caseNo, status('health').caseNo));
    expect(filed[0]!.formData.contactPhone).toBe('13800001111');
    // Each child is in its department's workbench.
    const todo = (await call('scjg.clerk', 'GET', '/api/workbench/todo?pageSize=100')).json();
    expect(JSON.stringify(todo)).toContain(status('licence').caseNo);

    // The dependants start when the licence is issued, before it is delivered.
    await conclude(status('licence').caseNo, 'issue');
    const issued = (await call('enterprise1', 'GET', `/api/life-events/applications/${b.bundleNo}`)).json();
    const mi = (k: string) => issued.members.find((x: { key: string }) => x.key === k);
    expect(mi('licence')).toMatchObject({ status: 'filed', caseStatus: 'pending_delivery', issuedOn: expect.any(String) });
    for (const k of ['foodPermit', 'signboard', 'fireCheck']) expect(mi(k)).toMatchObject({ status: 'filed', caseStatus: 'pending_acceptance' });
    const delivered = await act('scjg.clerk', status('licence').caseNo, 'deliver', { method: 'pickup' });
    expect(delivered.statusCode, delivered.body).toBe(200);
    const after = (await call('enterprise1', 'GET', `/api/life-events/applications/${b.bundleNo}`)).json();
    const m = (k: string) => after.members.find((x: { key: string }) => x.key === k);
    expect(m('licence')).toMatchObject({ status: 'concluded', attached: [expect.objectContaining({ from: 'licence', resultName: '营业执照' })] });
    const licence = m('licence').attached[0].certificateIdentifier as string;
    expect(licence).toBeTruthy();
    for (const k of ['foodPermit', 'signboard', 'fireCheck']) {
      expect(m(k)).toMatchObject({ status: 'filed', attached: [expect.objectContaining({ from: 'licence', certificateIdentifier: licence })] });
      // The licence is the dependant's material, from the wallet: never asked of the applicant.
      const [child] = await kit.t.database.db
        .select()
        .from(cases)
        .where(eq(cases.caseNo, m(k).caseNo));
      expect(child!.materials.find((x) => x.name === '营业执照')).toMatchObject({ provision: 'wallet', certificateIdentifier: licence });
    }
    expect(after.status).toBe('in_progress');
    // One timeline: the licence's actions and the dependants' submits.
    expect(after.timeline.filter((x: { member: string }) => x.member === 'licence').map((x: { action: string }) => x.action)).toEqual([
      'accept',
      'approve',
      'approve',
      'issue',
      'deliver',
    ]);
    // Someone else's application is not found.
    expect((await call('enterprise2', 'GET', `/api/life-events/applications/${b.bundleNo}`)).statusCode).toBe(404);
  });

  it('one upload two members ask for (场所使用证明, uploaded instead of committed to) reaches both dependants: each its own copy', async () => {
    const doc = await getLifeEvent(kit.t.ctx, 'open-restaurant');
    const input = await application(doc, 'enterprise1');
    const shared = doc.materials.find((m) => m.asked && m.members.length > 1)!;
    expect(shared.members.map((m) => m.member).sort()).toEqual(['fireCheck', 'signboard']);
    const file = await upload('enterprise1', pdf, `${shared.name}.pdf`);
    const materials = input.materials.map((m) => (m.name === shared.name ? { name: m.name, fileIds: [file] } : m));
    const res = await call('enterprise1', 'POST', '/api/life-events/open-restaurant/applications', { ...input, materials });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    await conclude(b.members.find((m: { key: string }) => m.key === 'licence').caseNo, 'issue');
    const after = await getBundle(await kit.t.as('enterprise1'), b.bundleNo);
    const m = (k: string) => after.members.find((x) => x.key === k)!;
    expect([m('signboard').status, m('fireCheck').status, m('fireCheck').note]).toEqual(['filed', 'filed', null]);
    const ids = [];
    for (const k of ['signboard', 'fireCheck']) {
      const [child] = await kit.t.database.db
        .select()
        .from(cases)
        .where(eq(cases.caseNo, m(k).caseNo!));
      ids.push(child!.materials.find((x) => x.name === shared.name)!.fileIds[0]);
    }
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('a refused child stops the members the bundle names and those waiting for it; the others continue', async () => {
    const doc = await getLifeEvent(kit.t.ctx, 'open-restaurant');
    const b = (await call('enterprise1', 'POST', '/api/life-events/open-restaurant/applications', await application(doc, 'enterprise1'))).json();
    const licence = b.members.find((m: { key: string }) => m.key === 'licence').caseNo;
    const refused = await act('scjg.clerk', licence, 'refuse', { reason: '名称与已登记企业近似', legalBasis: '《企业名称登记管理规定》第十一条' });
    expect(refused.statusCode, refused.body).toBe(200);
    const after = await getBundle(await kit.t.as('enterprise1'), b.bundleNo);
    const s = Object.fromEntries(after.members.map((m) => [m.key, m.status]));
    expect(s).toEqual({ licence: 'refused', foodPermit: 'stopped', signboard: 'stopped', fireCheck: 'stopped', health: 'filed' });
    expect(after.status).toBe('in_progress');
  });

  it('the parent concludes when every child has (two members, one waiting for the other)', async () => {
    const admin = await kit.t.as('admin');
    const def = (await getLifeEventForWorkbench(admin, 'open-restaurant')).working.definition;
    const keep = new Set(['licence', 'foodPermit']);
    const two = {
      ...def,
      name: '测试：执照与食品许可',
      members: def.members.filter((m) => keep.has(m.key)).map((m) => ({ ...m, onRefusedStop: m.onRefusedStop.filter((k) => keep.has(k)) })),
      sharedFields: def.sharedFields.map((f) => ({ ...f, members: f.members.filter((x) => keep.has(x.member)) })).filter((f) => f.members.length > 1),
      materialsFromResults: def.materialsFromResults.filter((r) => keep.has(r.member)),
    };
    const saved = await saveLifeEventDraft(admin, 'test-two', { departmentId: demoDepartmentId('zwfw', '990100'), definition: two });
    expect(saved.issues).toEqual([]);
    await publishLifeEvent(admin, 'test-two');
    const doc = await getLifeEvent(kit.t.ctx, 'test-two');
    const res = await call('enterprise1', 'POST', '/api/life-events/test-two/applications', await application(doc, 'enterprise1'));
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    await conclude(b.members[0].caseNo);
    const mid = await getBundle(await kit.t.as('enterprise1'), b.bundleNo);
    expect(mid.status).toBe('in_progress');
    await conclude(mid.members[1]!.caseNo!);
    const done = await getBundle(await kit.t.as('enterprise1'), b.bundleNo);
    expect(done).toMatchObject({ status: 'concluded', light: null });
    expect(done.concludedOn).toBeTruthy();
    expect(done.members.map((m) => m.status)).toEqual(['concluded', 'concluded']);
  });

  it('deadlines: the parent on the bundle’s limit in working days across 国庆, each child on its own', async () => {
    const doc = await getLifeEvent(kit.t.ctx, 'open-restaurant');
    const input = await application(doc, 'enterprise1');
    const ctx = { ...(await kit.t.as('enterprise1')), now: () => new Date('2026-09-30T10:00:00+08:00') };
    const no = await submitLifeEvent(ctx, 'open-restaurant', input);
    const b = await getBundle(ctx, no);
    expect(b.submittedOn).toBe('2026-09-30');
    // 7 working days from 30 Sep 2026 skip 国庆 (1–7 Oct) and count the make-up Saturday 10 Oct: Thursday 15 Oct (weekdays alone: 9 Oct).
    expect(b.dueDate).toBe('2026-10-15');
    expect(b.dueDate).toBe(kit.t.ctx.calendar.addWorkingDays('2026-09-30', 7, b.members[0] && '990000/990100').date);
    const health = b.members.find((m) => m.key === 'health')!;
    const licence = b.members.find((m) => m.key === 'licence')!;
    // Each child keeps its own limit: the licence (1 day) and the health certificate (3 days) are due before the bundle.
    expect(licence.dueDate! < health.dueDate!).toBe(true);
    expect(health.dueDate! < b.dueDate).toBe(true);
  });

  it('a window clerk files the whole bundle for a walk-in applicant (一窗受理)', async () => {
    const doc = await getLifeEvent(kit.t.ctx, 'newborn');
    const materials = [];
    for (const m of doc.materials.filter((x) => x.asked))
      materials.push(
        m.provision === 'commitment' ? { name: m.name, commitment: true } : { name: m.name, fileIds: [await upload('window.clerk', pdf, `${m.name}.pdf`)] },
      );
    const res = await call('window.clerk', 'POST', '/api/life-events/newborn/applications', {
      formData: { contactPhone: '13900002222', contactAddress: '示范市东岭区桂园街道 2 号' },
      materials,
      applicant: { kind: 'person', name: '赵新生', idNumber: '11010519491231002X', phone: '13900002222' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'window', applicantName: '赵新生' });
    expect(res.json().members.map((m: { status: string }) => m.status)).toEqual(['filed', 'waiting', 'waiting', 'waiting']);
  });
});
