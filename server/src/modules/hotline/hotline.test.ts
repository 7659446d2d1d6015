import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { demoDepartmentId, demoId } from '../org/index.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import { outboxMessages } from '../../platform/outbox/index.ts';
import { addWorkingMinutes, conclusionDue, defaultLimit } from './limits.ts';
import { runUrging } from './service.ts';
import { hotlineTickets } from './tables.ts';
import { shanghaiDate as shanghai } from '../../platform/calendar/engine.ts';

/** A response without its ids and instants: random hex and digits, where a phone's last four digits may occur by chance (a CI run met one). */
const withoutIdsAndInstants = (body: string) =>
  body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>').replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, '<time>');

let t: TestApp;
const cookies: Record<string, string> = {};
const cat = (code: string) => demoId('hotline-category', code);

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['rx.operator', 'rx.dispatcher', 'mh.handler', 'mh.street.handler', 'scjg.handler', 'supervisor']) cookies[u] = await t.login(u);
});
afterAll(() => t.close());

async function call(user: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url: url.startsWith('/') ? url : `/api/workbench/hotline/${url}`,
    headers: { cookie: cookies[user]! },
    payload: payload as never,
  });
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
async function upload(cookie: string, data = PNG, type = 'image/png') {
  return t.app.inject({ method: 'POST', url: '/api/hotline/photos?name=photo.png', headers: { cookie, 'content-type': type }, payload: data });
}

async function record(body: Record<string, unknown> = {}) {
  const res = await call('rx.operator', 'POST', 'tickets', {
    callerPhone: '13812345678',
    callerName: '张三丰',
    kind: 'complaint',
    categoryId: cat('cg.zdjy'),
    text: '小区门口早上有摊贩占道经营，行人无法通行',
    address: '示范市明湖区湖滨街道湖滨路 8 号',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().ticket as {
    id: string;
    status: string;
    unit: { level: string; departmentId: string | null; regionCode: string };
    suggestedTarget: { level: string; departmentId: string | null; regionCode: string } | null;
    dueDate: string;
    districtCode: string;
    streetCode: string;
    version: number;
  };
}

describe('routing', () => {
  it('resolves the place from the address and suggests the district for a territorial category', async () => {
    const tk = await record();
    expect(tk.status).toBe('new');
    expect(tk.unit.level).toBe('center');
    expect(tk.districtCode).toBe('990102');
    expect(tk.streetCode).toBe('990102001');
    expect(tk.suggestedTarget).toMatchObject({ level: 'district', departmentId: demoDepartmentId('zwfw', '990102') });
  });

  it('resolves a map point to the nearest street and routes a functional category to the district branch', async () => {
    const tk = await record({ categoryId: cat('sc.spaq'), address: '某餐馆', lng: 114.42, lat: 30.58 });
    expect(tk.districtCode).toBe('990103');
    expect(tk.suggestedTarget).toMatchObject({ departmentId: demoDepartmentId('scjg', '990103') });
  });

  it('records matters the hotline does not accept as referred', async () => {
    const tk = await record({ categoryId: cat('bsl.ss'), text: '我的案子法院还在审理，要求热线督促' });
    expect(tk.status).toBe('referred');
  });
});

describe('dispatch down the levels', () => {
  it('center → district → street, the street returns, the district re-dispatches; handling, review, follow-up, reopen once', async () => {
    const tk = await record();
    let r = await call('rx.dispatcher', 'POST', `tickets/${tk.id}/dispatch`, {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'dispatched', unit: { level: 'district' } });
    expect(r.json().signDueAt).toBeTruthy();

    // the street cannot see it yet
    expect((await call('mh.street.handler', 'GET', `tickets/${tk.id}`)).statusCode).toBe(403);
    // signing is the district's; it cannot skip sign to reply
    r = await call('mh.handler', 'POST', `tickets/${tk.id}/reply`, { text: '已处理' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'workflow.action_not_allowed', allowed: expect.arrayContaining(['sign', 'return']) });
    expect((await call('mh.handler', 'POST', `tickets/${tk.id}/sign`, {})).statusCode).toBe(200);
    // cannot dispatch up or sideways
    r = await call('mh.handler', 'POST', `tickets/${tk.id}/dispatch`, { regionCode: '990103001' });
    expect(r.statusCode).toBe(400);
    r = await call('mh.handler', 'POST', `tickets/${tk.id}/dispatch`, {});
    expect(r.json()).toMatchObject({ status: 'dispatched', unit: { level: 'street', regionCode: '990102001' } });

    r = await call('mh.street.handler', 'POST', `tickets/${tk.id}/return`, { reason: '地址在望湖街道辖区' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'returned', returnCount: 1, unit: { level: 'district' } });
    r = await call('mh.handler', 'POST', `tickets/${tk.id}/dispatch`, { regionCode: '990102001' });
    expect(r.json().status).toBe('dispatched');

    expect((await call('mh.street.handler', 'POST', `tickets/${tk.id}/sign`, {})).statusCode).toBe(200);
    // the street sees the ticket in its list
    const list = await call('mh.street.handler', 'GET', 'tickets?pageSize=100');
    expect(list.json().items.some((x: { id: string }) => x.id === tk.id)).toBe(true);
    expect(list.json().items.every((x: { unit: { regionCode: string } }) => x.unit.regionCode.startsWith('990102001'))).toBe(true);

    const photo = await upload(cookies['mh.street.handler']!);
    expect(photo.statusCode, photo.body).toBe(201);
    // a photo that is not the replier's own upload is refused, and nothing is written
    const others = (await upload(cookies['mh.handler']!)).json().id;
    r = await call('mh.street.handler', 'POST', `tickets/${tk.id}/reply`, { text: '已劝离摊贩并设置提示牌', photos: [others] });
    expect(r.statusCode).toBe(400);
    expect((await call('mh.street.handler', 'GET', `tickets/${tk.id}`)).json().status).toBe('signed');
    r = await call('mh.street.handler', 'POST', `tickets/${tk.id}/reply`, { text: '已劝离摊贩并设置提示牌', photos: [photo.json().id] });
    expect(r.json().status).toBe('replied');
    expect(r.json().events.at(-1).photos).toEqual([photo.json().id]);
    // the center sees the photo; it is the image uploaded
    const img = await call('rx.dispatcher', 'GET', `tickets/${tk.id}/photos/${photo.json().id}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.equals(PNG)).toBe(true);
    expect((await call('rx.dispatcher', 'GET', `tickets/${tk.id}/photos/${others}`)).statusCode).toBe(404);
    // the district cannot review (center only)
    expect((await call('mh.handler', 'POST', `tickets/${tk.id}/review`, { pass: true })).statusCode).toBe(403);
    r = await call('rx.dispatcher', 'POST', `tickets/${tk.id}/review`, { pass: false, note: '请补充整改后照片' });
    expect(r.json().status).toBe('signed');
    const after = (await upload(cookies['mh.street.handler']!)).json().id;
    await call('mh.street.handler', 'POST', `tickets/${tk.id}/reply`, { text: '已劝离摊贩，附整改后照片', photos: [after] });
    r = await call('rx.dispatcher', 'POST', `tickets/${tk.id}/review`, { pass: true });
    expect(r.json().status).toBe('concluded');
    const sms = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.template, 'hotline.follow_up'));
    expect(sms.length).toBeGreaterThan(0);
    const number: string = r.json().number;
    const mine = sms.find((m) => (m.params as { number: string }).number === number)!;
    expect((mine.params as { text: string; link: string }).text).toMatch(new RegExp(`^【12345】.*${number}.*${(mine.params as { link: string }).link}`));

    r = await call('rx.operator', 'POST', `tickets/${tk.id}/follow-up`, { solved: false, satisfaction: 1, via: 'call' });
    expect(r.json()).toMatchObject({ status: 'closed', solved: false, satisfaction: 1 });
    expect(r.json().allowedActions).toContain('reopen');
    r = await call('rx.operator', 'POST', `tickets/${tk.id}/reopen`, { reason: '摊贩第二天又来了' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'dispatched', reopenCount: 1, unit: { level: 'street' } });
    await call('mh.street.handler', 'POST', `tickets/${tk.id}/sign`, {});
    await call('mh.street.handler', 'POST', `tickets/${tk.id}/reply`, { text: '联合城管每日巡查' });
    await call('rx.dispatcher', 'POST', `tickets/${tk.id}/review`, { pass: true });
    r = await call('rx.operator', 'POST', `tickets/${tk.id}/follow-up`, { solved: false, satisfaction: 2 });
    // reopened once already: no longer offered, and refused
    expect(r.json().allowedActions).not.toContain('reopen');
    r = await call('rx.operator', 'POST', `tickets/${tk.id}/reopen`, { reason: '还是没解决' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('hotline.reopen_limit');
  });

  it('a received ticket is passed on down without signing it first (district → street), and the street signs it', async () => {
    const tk = await record({ text: '湖滨路人行道被摊贩占用，早晚高峰无法通行' });
    let r = await call('rx.dispatcher', 'POST', `tickets/${tk.id}/dispatch`, {});
    expect(r.json()).toMatchObject({ status: 'dispatched', unit: { level: 'district' } });
    const seen = await call('mh.handler', 'GET', `tickets/${tk.id}`);
    expect(seen.json().allowedActions).toEqual(expect.arrayContaining(['dispatch', 'sign', 'return']));
    expect(seen.json().suggestedTarget).toMatchObject({ level: 'street', regionCode: '990102001' });
    r = await call('mh.handler', 'POST', `tickets/${tk.id}/dispatch`, {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'dispatched', unit: { level: 'street', regionCode: '990102001' } });
    expect(r.json().events.filter((e: { action: string }) => e.action === 'dispatch')).toHaveLength(2);
    // the street cannot pass it up or sideways, and the center's review is not the street's
    expect((await call('mh.street.handler', 'POST', `tickets/${tk.id}/dispatch`, { regionCode: '990102002' })).statusCode).toBe(400);
    r = await call('mh.street.handler', 'POST', `tickets/${tk.id}/sign`, {});
    expect(r.json()).toMatchObject({ status: 'signed' });
    // the street returns: back to the district, which can now sign it itself
    r = await call('mh.street.handler', 'POST', `tickets/${tk.id}/return`, { reason: '不属本街道' });
    expect(r.json()).toMatchObject({ status: 'returned', unit: { level: 'district' } });
  });

  it('offers reopen only when the caller was unsatisfied or unsolved, and never for a new ticket returned nowhere', async () => {
    const tk = await record({ kind: 'suggestion', text: '建议湖滨路增设垃圾桶' });
    const fresh = await call('rx.dispatcher', 'GET', `tickets/${tk.id}`);
    expect(fresh.json().allowedActions).not.toContain('return');
    expect(fresh.json().allowedActions).not.toContain('escalate');
    await call('rx.dispatcher', 'POST', `tickets/${tk.id}/dispatch`, {});
    await call('mh.handler', 'POST', `tickets/${tk.id}/sign`, {});
    await call('mh.handler', 'POST', `tickets/${tk.id}/reply`, { text: '已增设两个垃圾桶' });
    await call('rx.dispatcher', 'POST', `tickets/${tk.id}/review`, { pass: true });
    const r = await call('rx.operator', 'POST', `tickets/${tk.id}/follow-up`, { solved: true, satisfaction: 5 });
    expect(r.json().status).toBe('closed');
    expect(r.json().allowedActions).not.toContain('reopen');
    const refused = await call('rx.operator', 'POST', `tickets/${tk.id}/reopen`, { reason: '再看看' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('hotline.reopen_not_unsatisfied');
  });

  it('answers an inquiry directly and closes it', async () => {
    const tk = await record({ kind: 'inquiry', categoryId: cat('zw.bszx'), text: '咨询居住证怎么办理' });
    const r = await call('rx.operator', 'POST', `tickets/${tk.id}/answer`, { text: '居住半年以上可申领居住证' });
    expect(r.json()).toMatchObject({ status: 'closed' });
  });
});

describe('limits', () => {
  it('counts working days across a holiday and working hours across lunch and the weekend', async () => {
    // 2026-09-30 (Wed): National Day holiday 10-01..10-07 (2026 notice), 3 working days → 10-12 at the earliest
    const d = conclusionDue(t.calendar, new Date('2026-09-30T02:00:00Z'), defaultLimit('inquiry', 'normal'), '990000/990100/990102');
    expect(d.date >= '2026-10-09').toBe(true);
    expect(d.date).toBe(t.calendar.addWorkingDays('2026-09-30', 3, '990000/990100/990102').date);
    // urgent: 7 working hours from 10:00 on the last working day before the holiday → 10:00 on the first one after it
    const urgent = conclusionDue(t.calendar, new Date('2026-09-30T02:00:00Z'), defaultLimit('complaint', 'urgent'));
    expect(urgent.date).toBe(t.calendar.addWorkingDays('2026-09-30', 1).date);
    expect(urgent.at!.toISOString()).toBe(`${urgent.date}T02:00:00.000Z`);
    // Friday 17:00 Shanghai + 60 working minutes → Monday 9:30
    expect(addWorkingMinutes(t.calendar, new Date('2026-11-20T09:00:00Z'), 60).toISOString()).toBe('2026-11-23T01:30:00.000Z');
    // 11:30 + 60 → 14:00 (lunch 12:00–13:30 does not count)
    expect(addWorkingMinutes(t.calendar, new Date('2026-11-24T03:30:00Z'), 60).toISOString()).toBe('2026-11-24T06:00:00.000Z');
  });

  it('extension: asked by the unit, approved by the center, moves the due date by working days', async () => {
    const tk = await record({ categoryId: cat('sc.xfwq'), text: '健身房跑路预付卡无法退款', address: '示范市人民路 1 号' });
    await call('rx.dispatcher', 'POST', `tickets/${tk.id}/dispatch`, { departmentId: demoDepartmentId('scjg', '990100') });
    await call('scjg.handler', 'POST', `tickets/${tk.id}/sign`, {});
    let r = await call('scjg.handler', 'POST', `tickets/${tk.id}/extension`, { days: 5, reason: '需调取多方交易记录' });
    expect(r.json().status).toBe('extension_requested');
    expect((await call('scjg.handler', 'POST', `tickets/${tk.id}/extension/decision`, { approve: true })).statusCode).toBe(403);
    r = await call('rx.dispatcher', 'POST', `tickets/${tk.id}/extension/decision`, { approve: true });
    expect(r.json()).toMatchObject({ status: 'signed', extensionCount: 1, dueDate: t.calendar.addWorkingDays(tk.dueDate, 5, null).date });
  });
});

describe('urging and escalation', () => {
  it('marks overdue, records the urge, escalates after the second miss', async () => {
    const tk = await record();
    await call('rx.dispatcher', 'POST', `tickets/${tk.id}/dispatch`, {});
    await call('mh.handler', 'POST', `tickets/${tk.id}/sign`, {});
    await call('mh.handler', 'POST', `tickets/${tk.id}/dispatch`, {});
    await call('mh.street.handler', 'POST', `tickets/${tk.id}/sign`, {});
    const later = new Date(Date.parse(`${tk.dueDate}T04:00:00Z`) + 2 * 86400_000);
    await runUrging(t.ctx, later);
    let [row] = await t.database.db.select().from(hotlineTickets).where(eq(hotlineTickets.id, tk.id));
    expect(row).toMatchObject({ timeState: 'overdue', missCount: 1, escalatedAt: null });
    const r = await call('supervisor', 'POST', `tickets/${tk.id}/urge`, { note: '请尽快办结', respondWithinDays: 1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().urgeCount).toBe(1);
    const urged = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.template, 'hotline.urged'));
    expect(urged.some((m) => m.recipientId === 'unit:990102001')).toBe(true);
    [row] = await t.database.db.select().from(hotlineTickets).where(eq(hotlineTickets.id, tk.id));
    expect(row!.urgeDueDate! < shanghai(later)).toBe(true);
    await runUrging(t.ctx, new Date(later.getTime() + 5 * 86400_000));
    [row] = await t.database.db.select().from(hotlineTickets).where(eq(hotlineTickets.id, tk.id));
    expect(row!.missCount).toBe(2);
    expect(row!.escalatedAt).not.toBeNull();
    expect(row!.escalatedToDepartmentId).toBe(demoDepartmentId('zwfw', '990102'));
  });
});

describe('reporter privacy', () => {
  it("the handling unit's responses never contain the reporter; the center's reading is audited", async () => {
    const tk = await record({
      kind: 'report',
      callerPhone: '13987654321',
      callerName: '李举报',
      categoryId: cat('sc.jgbs'),
      text: '某水果店价格欺诈',
      address: '示范市明湖区湖滨路 3 号',
    });
    await call('rx.dispatcher', 'POST', `tickets/${tk.id}/dispatch`, { departmentId: demoDepartmentId('scjg', '990100') });
    const responses = [
      await call('scjg.handler', 'GET', `tickets/${tk.id}`),
      await call('scjg.handler', 'GET', 'tickets?pageSize=100'),
      await call('scjg.handler', 'POST', `tickets/${tk.id}/sign`, {}),
    ];
    for (const res of responses) {
      expect(res.statusCode).toBe(200);
      expect(withoutIdsAndInstants(res.body)).not.toMatch(/13987654321|(?<![\d])4321(?!\d)|李举报|李\*/);
    }
    expect((await call('scjg.handler', 'GET', `tickets/${tk.id}/caller`)).statusCode).toBe(403);
    const seen = await call('rx.operator', 'GET', `tickets/${tk.id}/caller`);
    expect(seen.json()).toMatchObject({ phone: '13987654321', name: '李举报' });
    const audits = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'hotline.caller.read'));
    expect(audits.some((a) => a.objectId === tk.id)).toBe(true);
  });

  it('a report filed by a signed-in citizen on the portal shows no name to the unit, and the citizen sees it as theirs', async () => {
    const citizen = await t.login('citizen1');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/hotline/tickets',
      headers: { cookie: citizen },
      payload: { kind: 'report', categoryId: cat('sc.spaq'), text: '某餐馆使用过期食材', address: '示范市明湖区湖滨街道湖滨路 9 号' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    await call('rx.dispatcher', 'POST', `tickets/${id}/dispatch`, { departmentId: demoDepartmentId('scjg', '990100') });
    const seen = await call('scjg.handler', 'GET', `tickets/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(withoutIdsAndInstants(seen.body)).not.toMatch(/张明|13800001111|(?<!\d)1111(?!\d)/);
    const mine = await t.app.inject({ method: 'GET', url: '/api/portal/hotline/tickets', headers: { cookie: citizen } });
    expect(mine.json().items.map((x: { id: string }) => x.id)).toContain(id);
    const caller = await call('rx.operator', 'GET', `tickets/${id}/caller`);
    expect(caller.json().phone).toBe('13800001111');
  });
});

describe('duplicates and merge', () => {
  it('suggests a recent ticket of the same category and street, merges, and answers both together', async () => {
    const first = await record({ kind: 'suggestion', categoryId: cat('cg.ggss'), text: '建议修复湖滨路路灯' });
    const res = await call('rx.operator', 'POST', 'tickets', {
      callerPhone: '13700000001',
      kind: 'suggestion',
      categoryId: cat('cg.ggss'),
      text: '湖滨路路灯坏了',
      address: '示范市明湖区湖滨街道湖滨路 20 号',
    });
    const dup = res.json();
    expect(dup.duplicates.map((d: { id: string }) => d.id)).toContain(first.id);
    const m = await call('rx.operator', 'POST', `tickets/${dup.ticket.id}/merge`, { intoId: first.id });
    expect(m.json()).toMatchObject({ status: 'merged', mergedInto: first.id });
    await call('rx.dispatcher', 'POST', `tickets/${first.id}/dispatch`, {});
    await call('mh.handler', 'POST', `tickets/${first.id}/sign`, {});
    await call('mh.handler', 'POST', `tickets/${first.id}/reply`, { text: '路灯已修复' });
    await call('rx.dispatcher', 'POST', `tickets/${first.id}/review`, { pass: true });
    const child = await call('rx.operator', 'GET', `tickets/${dup.ticket.id}`);
    expect(child.json().status).toBe('concluded');
    expect(child.json().events.at(-1).text).toBe('路灯已修复');
  });
});

describe('portal and knowledge', () => {
  it('photos: JPEG or PNG by content only; a signed-in caller attaches one to the portal request', async () => {
    const citizen = await t.login('citizen1');
    const pdf = await upload(citizen, Buffer.from('%PDF-1.4 fake'), 'image/png');
    expect(pdf.statusCode).toBe(415);
    expect((await t.app.inject({ method: 'POST', url: '/api/hotline/photos', headers: { 'content-type': 'image/png' }, payload: PNG })).statusCode).toBe(401);
    const photo = (await upload(citizen)).json().id;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/hotline/tickets',
      headers: { cookie: citizen },
      payload: { kind: 'complaint', categoryId: cat('cg.ljcl'), text: '楼下垃圾三天没清运', address: '示范市明湖区湖滨街道湖滨路 9 号', photos: [photo] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const seen = await call('rx.operator', 'GET', `tickets/${res.json().id}`);
    expect(seen.json().events[0].photos).toEqual([photo]);
    expect((await call('rx.operator', 'GET', `tickets/${res.json().id}/photos/${photo}`)).statusCode).toBe(200);
    // anonymous requests cannot carry photos
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/public/hotline/tickets',
      payload: { callerPhone: '13600000001', kind: 'help', text: '路灯坏了', address: '示范市明湖区湖滨路', photos: [photo] },
    });
    expect(anon.statusCode).toBe(400);
  });

  it("my requests: the caller sees their own photos and, once the center passed it, the answer with its photos (not a sent-back reply's)", async () => {
    const citizen = await t.login('citizen1');
    const mine = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/portal/hotline/tickets?pageSize=50', headers: { cookie: citizen } })).json().items as {
        id: string;
        requestPhotos: string[];
        answer: { text: string; photos: string[] } | null;
      }[];
    const portalPhoto = (cookie: string, id: string, fileId: string) =>
      t.app.inject({ method: 'GET', url: `/api/portal/hotline/tickets/${id}/photos/${fileId}`, headers: { cookie } });
    const sent = (await upload(citizen)).json().id as string;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/hotline/tickets',
      headers: { cookie: citizen },
      payload: { kind: 'complaint', categoryId: cat('cg.ljcl'), text: '楼道里的垃圾一周没人清', address: '示范市明湖区湖滨街道湖滨路 9 号', photos: [sent] },
    });
    const id = res.json().id as string;
    expect((await mine()).find((x) => x.id === id)).toMatchObject({ requestPhotos: [sent], answer: null });
    const got = await portalPhoto(citizen, id, sent);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    // another person cannot fetch it
    expect((await portalPhoto(await t.login('citizen2'), id, sent)).statusCode).toBe(404);

    await call('rx.dispatcher', 'POST', `tickets/${id}/dispatch`, {});
    await call('mh.handler', 'POST', `tickets/${id}/sign`, {});
    const handler = cookies['mh.handler']!;
    const first = (await upload(handler)).json().id as string;
    expect((await call('mh.handler', 'POST', `tickets/${id}/reply`, { text: '已安排清运', photos: [first] })).statusCode).toBe(200);
    expect((await mine()).find((x) => x.id === id)!.answer).toBeNull();
    expect((await call('rx.dispatcher', 'POST', `tickets/${id}/review`, { pass: false, note: '请附清运后的照片' })).statusCode).toBe(200);
    const second = (await upload(handler)).json().id as string;
    await call('mh.handler', 'POST', `tickets/${id}/reply`, { text: '已清运完毕，见照片', photos: [second] });
    expect((await call('rx.dispatcher', 'POST', `tickets/${id}/review`, { pass: true })).statusCode).toBe(200);

    expect((await mine()).find((x) => x.id === id)).toMatchObject({ requestPhotos: [sent], answer: { text: '已清运完毕，见照片', photos: [second] } });
    expect((await portalPhoto(citizen, id, second)).statusCode).toBe(200);
    // the reply that was sent back is not shown to the caller
    expect((await portalPhoto(citizen, id, first)).statusCode).toBe(404);
  });

  it('anonymous with a phone, idempotent; without a phone refused', async () => {
    const body = { callerPhone: '13600000000', kind: 'help', text: '家门口下水道堵了', address: '示范市东岭区桂园街道桂园小区' };
    const a = await t.app.inject({ method: 'POST', url: '/api/public/hotline/tickets', headers: { 'idempotency-key': 'k-portal-1' }, payload: body });
    const b = await t.app.inject({ method: 'POST', url: '/api/public/hotline/tickets', headers: { 'idempotency-key': 'k-portal-1' }, payload: body });
    expect(a.statusCode, a.body).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    const c = await t.app.inject({ method: 'POST', url: '/api/public/hotline/tickets', payload: { ...body, callerPhone: undefined } });
    expect(c.json().code).toBe('hotline.caller_required');
  });

  it('finds articles by Chinese words and pinyin initials', async () => {
    const zh = await t.app.inject({ method: 'GET', url: '/api/hotline/knowledge?q=占道经营' });
    expect(zh.json().items[0].title).toContain('占道经营');
    const py = await t.app.inject({ method: 'GET', url: `/api/hotline/knowledge?q=zdjy` });
    expect(py.json().items.some((a: { title: string }) => a.title.includes('占道经营'))).toBe(true);
  });

  it('ranks articles by overlap with the query: not every word has to match; full pinyin finds by prefix', async () => {
    const loose = await t.app.inject({ method: 'GET', url: `/api/hotline/knowledge?q=${encodeURIComponent('路灯坏了好几天')}` });
    expect(loose.json().items[0].title).toBe('路灯不亮如何报修');
    const best = await t.app.inject({ method: 'GET', url: `/api/hotline/knowledge?q=${encodeURIComponent('夜间工地施工噪声')}` });
    expect(best.json().items[0].title).toBe('夜间施工噪声扰民');
    expect(best.json().total).toBeGreaterThan(1); // 广场舞噪声扰民 shares 噪声, ranked after
    expect(best.json().items.map((a: { title: string }) => a.title)).toContain('广场舞噪声扰民');
    const full = await t.app.inject({ method: 'GET', url: '/api/hotline/knowledge?q=zhandao' });
    expect(full.json().items[0].title).toContain('占道经营');
    const none = await t.app.inject({ method: 'GET', url: `/api/hotline/knowledge?q=${encodeURIComponent('量子')}` });
    expect(none.json().total).toBe(0);
  });

  it("shows the operator a caller's earlier tickets", async () => {
    const r = await call('rx.operator', 'GET', 'callers/13812345678/tickets');
    expect(r.statusCode).toBe(200);
    expect(r.json().length).toBeGreaterThan(0);
  });
});
