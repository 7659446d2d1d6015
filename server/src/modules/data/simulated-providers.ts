import { sm3 } from '../../platform/crypto/index.ts';
import { completeIdNumber, completeUscc } from '../../platform/validators.ts';
import { demoCitizens, demoEnterprises } from '../identity/index.ts';
import { TransientConnectorError, useDataConnector, type ConnectorRequest, type DataConnector } from './connectors.ts';

/**
 * Simulated department systems for the demo and the tests: the household register (公安户籍), social
 * insurance (社保), the real estate register (不动产登记), the marriage register (婚姻登记) and the
 * business register (企业登记). Answers are derived from the subject, so the same person always gets
 * the same record; the demo citizens and enterprises get their own names. `simulation` sets a latency
 * and makes a provider fail (tests, bench, a demo of the clerk's choice after a failed fetch).
 */
export const simulation = {
  /** DATA_SIM_LATENCY_MS: a latency for every simulated answer from start-up (the bench's shared-materials figure). */
  latencyMs: Number(process.env.DATA_SIM_LATENCY_MS ?? 0) || 0,
  /** Providers answering nothing (a transient failure on every attempt). */
  down: new Set<string>(),
  /** Calls each provider has had (tests count retries with it). */
  calls: new Map<string, number>(),
};

const people = new Map(demoCitizens.map((c) => [completeIdNumber(c.body), c]));
const companies = new Map(demoEnterprises.map((e) => [completeUscc(e.body), e]));

const pick = <T>(seed: string, list: readonly T[], salt = ''): T => list[parseInt(sm3(seed + salt).slice(0, 8), 16) % list.length]!;
const num = (seed: string, salt: string, mod: number) => parseInt(sm3(seed + salt).slice(0, 8), 16) % mod;

function birthDate(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}
function personName(idNumber: string): string {
  return (
    people.get(idNumber)?.name ??
    `${pick(idNumber, ['赵', '钱', '孙', '李', '周', '吴', '郑', '王'])}${pick(idNumber, ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋'], 'n')}`
  );
}

type Build = (req: ConnectorRequest) => Record<string, unknown> | null;

const builders: Record<string, Build> = {
  'sim.household': (req) => {
    if (req.subject.kind !== 'person') return null;
    const id = req.subject.idNumber;
    const c = people.get(id);
    return {
      name: personName(id),
      gender: Number(id[16]) % 2 === 1 ? '男' : '女',
      birth_date: birthDate(id),
      ethnicity: '汉族',
      household_address: c?.address ?? `示范市${pick(id, ['明湖区', '东岭区', '西江区'])}${pick(id, ['湖滨', '桂园', '渡口'], 's')}街道`,
      household_head: personName(id),
      relation_to_head: '户主',
    };
  },
  'sim.social_insurance': (req) => {
    if (req.subject.kind !== 'person') return null;
    const id = req.subject.idNumber;
    const months = 24 + num(id, 'si', 200);
    return {
      name: personName(id),
      insured: true,
      insurance_types: ['城镇职工基本养老保险', '职工基本医疗保险', '失业保险'],
      contribution_months: months,
      employer: pick(id, ['示范市明湖餐饮管理有限公司', '示范市西江建设工程有限公司', '示范市第一人民医院'], 'e'),
      last_paid_month: '2026-11',
    };
  },
  'sim.real_estate': (req) => {
    if (req.subject.kind !== 'person') return null;
    const id = req.subject.idNumber;
    const n = num(id, 're', 3);
    return {
      name: personName(id),
      property_count: n,
      properties: Array.from({ length: n }, (_, i) => ({
        certificate_no: `示不动产权第${String(1000000 + num(id, `c${i}`, 8999999)).padStart(7, '0')}号`,
        address: `示范市${pick(id, ['明湖区', '东岭区', '西江区'], `a${i}`)}${pick(id, ['湖滨路', '桂园路', '渡口大道'], `r${i}`)}${1 + num(id, `h${i}`, 200)}号`,
        area_sqm: 50 + num(id, `s${i}`, 100),
      })),
      mortgaged: n > 0 && num(id, 'm', 2) === 1,
    };
  },
  'sim.marriage': (req) => {
    if (req.subject.kind !== 'person') return null;
    const id = req.subject.idNumber;
    const status = Number(id.slice(6, 10)) > 2000 ? '未婚' : pick(id, ['已婚', '已婚', '离婚', '未婚'], 'ms');
    return {
      name: personName(id),
      marital_status: status,
      registered_on: status === '未婚' ? null : `${Number(id.slice(6, 10)) + 25}-05-20`,
      registry: status === '未婚' ? null : '示范市民政局婚姻登记处',
    };
  },
  'sim.business': (req) => {
    if (req.subject.kind !== 'entity') return null;
    const u = req.subject.uscc;
    const e = companies.get(u);
    return {
      name: e?.name ?? `示范市${pick(u, ['华兴', '瑞丰', '东方'])}贸易有限公司`,
      entity_type: e?.type ?? '有限责任公司',
      legal_representative: e?.rep ?? pick(u, ['刘洋', '陈静', '杨磊'], 'r'),
      registered_capital: `${100 + num(u, 'cap', 900)}万元人民币`,
      established_on: `20${String(10 + num(u, 'y', 15))}-0${1 + num(u, 'm', 9)}-1${num(u, 'd', 9)}`,
      status: '存续',
      address: `示范市${pick(u, ['明湖区', '东岭区', '西江区'], 'a')}`,
      business_scope: '餐饮服务；食品销售；企业管理咨询',
    };
  },
};

function simulated(name: string, build: Build): DataConnector {
  return {
    async fetch(req, signal) {
      simulation.calls.set(name, (simulation.calls.get(name) ?? 0) + 1);
      if (simulation.latencyMs > 0)
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, simulation.latencyMs);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(new TransientConnectorError('aborted'));
          });
        });
      if (simulation.down.has(name)) throw new TransientConnectorError(`${name} is down`);
      return build(req);
    },
  };
}

/** Registers the simulated providers (a city replaces them with its own adapters). */
export function registerSimulatedProviders(): void {
  for (const [name, build] of Object.entries(builders)) useDataConnector(name, simulated(name, build));
}
export const simulatedProviderNames = Object.keys(builders);
