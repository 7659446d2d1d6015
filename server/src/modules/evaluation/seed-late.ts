import { demoId } from '../org/index.ts';
import { anonymousActor } from '../../platform/auth/actor.ts';
import { addCalendarDays } from '../../platform/calendar/dates.ts';
import { asActor, type Ctx } from '../../platform/context.ts';
import { completeIdNumber, completeUscc } from '../../platform/validators.ts';
import { getApplicableVersion, searchItems } from '../catalog/index.ts';
import { actOnCase, submitCase, uploadMaterial, type CaseAction } from '../cases/index.ts';
import { actorForUsername } from '../identity/index.ts';
import { recordFollowUp } from './rectify.ts';
import { createVisitEvaluation, evaluateByToken } from './tokens.ts';
import type { TokenEvaluationCreate } from './schemas.ts';

const CITY = '990100';
const pdf = (title: string) => Buffer.from(`%PDF-1.7\n% ${title}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

/** The working day `n` working days before the city's today (today itself for 0), by the platform calendar. */
function workingDaysBefore(ctx: Ctx, today: string, n: number): string {
  let day = today;
  while (!ctx.calendar.isWorkingDay(day) || ctx.calendar.workingDaysBetween(day, today).days < n) day = addCalendarDays(day, -1);
  return day;
}

interface LateReview {
  item: string;
  walkIn: Parameters<typeof submitCase>[1]['applicant'];
  formData: Record<string, unknown>;
  /** Working days before today the case was filed at the window. */
  filed: number;
  /** The city service center's window (its number) the case was filed at and the visit rated at. */
  window: string;
  /** Working days before today the result was picked up and the visit rated at the counter. */
  rated: number;
  rating: TokenEvaluationCreate;
  /** The unit's call back (working days before today), if it has called. */
  followUp?: { ago: number; note: string };
}

/**
 * Two window cases of the market regulation bureau whose on-site bad reviews the bureau has not
 * rectified in time, so that 电子监察 shows a late rectification and one about to turn red, and the
 * supervisor can urge them (docs/evaluation.md, "Demo"): rated 17 working days ago (due 15 working
 * days after, so 2 working days late: red) and 13 working days ago (2 working days left: yellow).
 */
const lateReviews: LateReview[] = [
  {
    item: '企业变更登记',
    walkIn: {
      kind: 'entity',
      name: '示范市湖滨商贸有限公司',
      uscc: completeUscc('91990102MA0000412'),
      entityType: '有限责任公司',
      legalRepresentative: '赵文斌',
    },
    formData: {
      applicantName: '示范市湖滨商贸有限公司',
      contactPhone: '0999-66554433',
      contactAddress: '示范市明湖区湖滨街道湖滨路 120 号',
      remarks: '住所变更',
    },
    filed: 19,
    window: 'A03',
    rated: 17,
    rating: {
      level: 1,
      dimensions: { efficiency: 1, serviceLevel: 2, attitude: 2 },
      tags: ['conditions_beyond_guide'],
      comment: '窗口要求全体股东到场签字，办事指南里没有这个要求，只好改天再来。',
    },
    followUp: { ago: 16, note: '已电话回访企业经办人，核实窗口提出了指南以外的要求，正在核查。' },
  },
  {
    item: '个体工商户设立登记',
    walkIn: { kind: 'person', name: '陈立新', idNumber: completeIdNumber('99010219790623151'), phone: '13500007777' },
    formData: {
      tradeName: '湖滨立新水果店',
      businessScope: '新鲜水果零售',
      premises: '示范市明湖区湖滨街道湖滨路 36 号',
      capital: 3,
      employees: 1,
      contactPhone: '13500007777',
    },
    filed: 15,
    window: 'A01',
    rated: 13,
    rating: { level: 2, dimensions: { efficiency: 3, serviceLevel: 2, attitude: 2 }, tags: ['repeated_visits'], comment: '经营场所证明跑了两趟才收下。' },
  },
];

async function codeOf(ctx: Ctx, name: string): Promise<string | undefined> {
  const page = await searchItems(ctx, { q: name, region: CITY, page: 1, pageSize: 50 } as never);
  return (page.items as { name: string; regionCode: string; implementationCode: string }[]).find((i) => i.name === name && i.regionCode === CITY)
    ?.implementationCode;
}

/** Files, decides and hands over each late review's case at the window with the clock set back, then rates the visit at the counter. */
export async function seedLateRectifications(ctx: Ctx): Promise<void> {
  const today = ctx.calendar.today();
  // Each event a few minutes after the previous one, from 09:40 Beijing time of its day; never in the future.
  let minute = 0;
  const at = (ago: number) => {
    const stamp = new Date(`${workingDaysBefore(ctx, today, ago)}T09:40:00+08:00`).getTime() + (minute++ % 300) * 60_000;
    return () => new Date(Math.min(stamp, Date.now()));
  };
  const as = async (username: string, ago: number): Promise<Ctx> => ({ ...asActor(ctx, await actorForUsername(ctx, username)), now: at(ago) });
  for (const late of lateReviews) {
    const code = await codeOf(ctx, late.item);
    if (!code) continue;
    const { guide } = await getApplicableVersion(ctx, code);
    const clerk = await as('scjg.clerk', late.filed);
    const materials = [];
    for (const m of guide.materials) {
      if (m.source === 'commitment') materials.push({ name: m.name, fileIds: [], commitment: true });
      else if (m.source === 'applicant' && m.required)
        materials.push({ name: m.name, fileIds: [(await uploadMaterial(clerk, pdf(m.name), `${m.name}.pdf`)).id] });
    }
    const { caseNo } = await submitCase(clerk, {
      implementationCode: code,
      formData: late.formData,
      materials,
      delivery: 'pickup',
      applicant: late.walkIn,
      windowId: demoId('window', `city:${late.window}`),
    });
    const steps: [number, string, CaseAction, Record<string, unknown>][] = [
      [late.filed, 'scjg.clerk', 'accept', {}],
      [late.filed - 1, 'scjg.reviewer', 'approve', { opinion: '材料齐全，符合登记条件' }],
      [late.rated + 1, 'scjg.approver', 'approve', { opinion: '准予登记' }],
      [late.rated, 'scjg.clerk', 'issue', {}],
      [late.rated, 'scjg.clerk', 'deliver', { method: 'pickup' }],
    ];
    for (const [ago, by, action, body] of steps) await actOnCase(await as(by, ago), caseNo, action, body);
    // At pickup the clerk opens 现场评价 and the applicant rates the visit on the counter tablet (signed out).
    const counter = await as('scjg.clerk', late.rated);
    const visit = await createVisitEvaluation(counter, caseNo); // the window the case was filed at
    const e = await evaluateByToken({ ...asActor(ctx, anonymousActor), now: counter.now }, visit.token, late.rating);
    if (late.followUp && e.rectification)
      await recordFollowUp(await as('scjg.approver', late.followUp.ago), e.rectification.id, {
        reached: true,
        note: late.followUp.note,
        version: e.rectification.version,
      });
  }
}
