/**
 * Enterprises opened by their legal representative and their agents (经办人, docs/identity.md):
 * an agent acts for the enterprise only inside the dates and items of an unrevoked authorisation,
 * and the case records who acted for whom.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { completeIdNumber, completeUscc } from '../../platform/validators.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { implementationOf, registerOnline } from './accounts-test-kit.ts';

let t: TestApp;
let foodCode: string;
let benefitCode: string;

let seq = 0;
async function citizen(name: string, body17: string, verify = true) {
  seq += 1;
  const idNumber = completeIdNumber(body17);
  const { cookie, accountId, personId } = await registerOnline(t, { name, idNumber, mobile: `1360000${String(3000 + seq)}`, ip: `10.4.0.${seq}` });
  if (verify) expect((await call(cookie, 'POST', '/api/account/real-name', {})).statusCode).toBe(200);
  return { cookie, idNumber, name, accountId, personId };
}
const call = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });

const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
async function upload(cookie: string, name: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/cases/uploads?name=${encodeURIComponent(name)}`,
    payload: pdf,
    headers: { cookie, 'content-type': 'application/octet-stream' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
async function foodApplication(cookie: string) {
  return {
    implementationCode: foodCode,
    formData: {
      legalRepresentative: '贺大成',
      premises: '示范市明湖区湖滨路 18 号',
      businessForm: '小餐饮',
      areaSqm: 40,
      safetyManager: '贺大成',
      contactPhone: '13800001111',
    },
    materials: [
      { name: '食品经营许可申请书', fileIds: [await upload(cookie, '申请书.pdf')] },
      { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: [await upload(cookie, '布局图.pdf')] },
      { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', commitment: true },
    ],
    delivery: 'pickup',
  };
}

beforeAll(async () => {
  t = await createTestApp();
  foodCode = await implementationOf(t, '食品经营许可', '990100');
  benefitCode = await implementationOf(t, '失业保险金申领', '990100');
});
afterAll(() => t.close());

const uscc = completeUscc('91990102MA0AGT001');
const today = () => shanghaiDate(new Date());
const dayOffset = (days: number) => shanghaiDate(new Date(Date.now() + days * 86_400_000));

describe('enterprises and agents', () => {
  it('the legal representative opens the enterprise, authorises an agent for one item; the agent acts for it and the case records who acted for whom', async () => {
    const rep = await citizen('贺大成', '99010219750203111');
    const unverified = await citizen('未实名', '99010219750203222', false);
    expect((await call(unverified.cookie, 'POST', '/api/account/enterprises', { uscc, name: '示范市贺记餐饮有限公司' })).json().code).toBe(
      'identity.assurance_required',
    );
    expect((await call(rep.cookie, 'POST', '/api/account/enterprises', { uscc: '91990102MA0AGT0019', name: 'x' })).statusCode).toBe(400);
    const notInRegister = completeUscc('91990102MA0AG0000');
    expect((await call(rep.cookie, 'POST', '/api/account/enterprises', { uscc: notInRegister, name: 'x' })).json().code).toBe(
      'identity.enterprise_not_registered',
    );
    const opened = await call(rep.cookie, 'POST', '/api/account/enterprises', { uscc, name: '示范市贺记餐饮有限公司' });
    expect(opened.statusCode, opened.body).toBe(201);
    const entityId = opened.json().id as string;

    const agent = await citizen('韦经办', '99010219900505333', false);
    const granted = await call(rep.cookie, 'POST', `/api/account/enterprises/${entityId}/agents`, {
      idNumber: agent.idNumber,
      name: agent.name,
      itemCodes: [foodCode],
      authorizedFrom: today(),
      authorizedUntil: dayOffset(30),
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({ name: '韦经办', itemCodes: [foodCode], current: true });
    // Another citizen is not the legal representative: they see no agents and grant nothing.
    expect((await call(agent.cookie, 'GET', `/api/account/enterprises/${entityId}/agents`)).json().code).toBe('identity.assurance_required');

    const mine = (await call(agent.cookie, 'GET', '/api/account/enterprises')).json();
    expect(mine.items).toEqual([expect.objectContaining({ id: entityId, legalRepresentative: false, itemCodes: [foodCode] })]);
    expect((await call(agent.cookie, 'POST', '/api/account/acting-for', { entityId })).statusCode).toBe(204);
    const me = (await call(agent.cookie, 'GET', '/api/auth/me')).json();
    expect(me).toMatchObject({ displayName: '示范市贺记餐饮有限公司' });

    // Outside the listed items: refused.
    const other = await call(agent.cookie, 'POST', '/api/cases', { implementationCode: benefitCode, formData: {}, materials: [] });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('identity.agent_not_authorized');

    // The listed item: the case is the enterprise's, filed by the agent's account.
    const res = await call(agent.cookie, 'POST', '/api/cases', await foodApplication(agent.cookie));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ applicant: { kind: 'entity', name: '示范市贺记餐饮有限公司' } });
    const [submitted] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, res.json().caseNo));
    expect(submitted).toMatchObject({ action: 'case.submit', actorId: agent.accountId });

    // Outside the dates (the authorisation starts tomorrow): refused.
    await call(rep.cookie, 'POST', `/api/account/enterprises/${entityId}/agents`, { idNumber: agent.idNumber, name: agent.name, authorizedFrom: dayOffset(1) });
    const early = await call(agent.cookie, 'POST', '/api/cases', await foodApplication(agent.cookie));
    expect(early.json().code).toBe('identity.agent_not_authorized');
    // Ended yesterday: refused, and the switcher no longer lists it.
    await call(rep.cookie, 'POST', `/api/account/enterprises/${entityId}/agents`, {
      idNumber: agent.idNumber,
      name: agent.name,
      authorizedUntil: dayOffset(-1),
    });
    expect((await call(agent.cookie, 'POST', '/api/cases', await foodApplication(agent.cookie))).json().code).toBe('identity.agent_not_authorized');
    expect((await call(agent.cookie, 'GET', '/api/account/enterprises')).json().items).toEqual([]);

    // All items, no dates, then revoked: refused at once.
    await call(rep.cookie, 'POST', `/api/account/enterprises/${entityId}/agents`, { idNumber: agent.idNumber, name: agent.name });
    expect((await call(agent.cookie, 'POST', '/api/cases', await foodApplication(agent.cookie))).statusCode).toBe(201);
    expect((await call(rep.cookie, 'DELETE', `/api/account/enterprises/${entityId}/agents/${agent.personId}`)).statusCode).toBe(204);
    expect((await call(agent.cookie, 'POST', '/api/cases', await foodApplication(agent.cookie))).json().code).toBe('identity.agent_not_authorized');
    expect((await call(agent.cookie, 'POST', '/api/account/acting-for', { entityId })).json().code).toBe('identity.agent_not_authorized');

    // The legal representative sees every authorisation, revoked ones too; all of it is audited.
    const agents = (await call(rep.cookie, 'GET', `/api/account/enterprises/${entityId}/agents`)).json();
    expect(agents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '韦经办', current: false, revokedAt: expect.any(String) }),
        expect.objectContaining({ name: '贺大成', current: true }),
      ]),
    );
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, entityId));
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['legal_entity.open', 'legal_entity.agent_authorize', 'legal_entity.agent_revoke']));
  });

  it('demo: 王建国 (citizen3) acts for two enterprises and switches between them; back as himself', async () => {
    const cookie = await t.login('citizen3');
    const mine = (await call(cookie, 'GET', '/api/account/enterprises')).json();
    expect(mine.items.map((e: { name: string }) => e.name).sort()).toEqual(['示范市明湖餐饮管理有限公司', '示范市西江建设工程有限公司']);
    expect(mine.items.find((e: { name: string }) => e.name === '示范市西江建设工程有限公司').legalRepresentative).toBe(true);
    const mh = mine.items.find((e: { name: string }) => e.name === '示范市明湖餐饮管理有限公司');
    expect((await call(cookie, 'POST', '/api/account/acting-for', { entityId: mh.id })).statusCode).toBe(204);
    expect((await call(cookie, 'GET', '/api/account/enterprises')).json().actingFor).toBe(mh.id);
    expect((await call(cookie, 'GET', '/api/auth/me')).json().displayName).toBe('示范市明湖餐饮管理有限公司');
    expect((await call(cookie, 'POST', '/api/account/acting-for', { entityId: null })).statusCode).toBe(204);
    expect((await call(cookie, 'GET', '/api/auth/me')).json().displayName).toBe('王建国');
  });
});
