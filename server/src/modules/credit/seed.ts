import { transact, type Ctx } from '../../platform/context.ts';
import { addCalendarDays } from '../../platform/calendar/dates.ts';
import { newId } from '../../platform/db/index.ts';
import { completeUscc } from '../../platform/validators.ts';
import { actorForUsername, demoEnterprises, demoIdNumber } from '../identity/index.ts';
import { asActor } from '../../platform/context.ts';
import { nowOf } from './present.ts';
import { fileRecords } from './records.ts';
import { alertDisclosureDeadlines } from './disclosure-alerts.ts';
import { entryRepo, recordRepo, repairRepo, type EntryInsert } from './repository.ts';
import { entitySubject, personSubject, type Subject } from './subjects.ts';

/** The demo's dishonest enterprise (严重失信主体名单) and its honor-list neighbour. */
export const DEMO_DISHONEST = completeUscc(demoEnterprises[1]!.body);
export const DEMO_HONOR = completeUscc(demoEnterprises[0]!.body);
/** An entity of the abnormal-operation list (imported from the market regulator). */
export const DEMO_ABNORMAL = completeUscc('91990103MA0000077');

/**
 * Demo credit data for 示范市: licence records already arrived from the demo cases (the event); here
 * the imported penalties (one published, one due soon, one late, one a person's: published masked),
 * 西江建设 on the dishonesty list after notice and a rejected objection, 明湖餐饮 on the honor list, an
 * imported abnormal-operation entry, a dishonesty proposal waiting for its notice, and a pending repair.
 */
export async function seedCreditDemo(ctx: Ctx): Promise<void> {
  const officer = asActor(ctx, await actorForUsername(ctx, 'credit.officer'));
  const supervisor = await actorForUsername(ctx, 'supervisor');
  await ctx.calendar.refresh();
  const today = ctx.calendar.today();
  const ago = (days: number) => addCalendarDays(today, -days);
  const xijiang = entitySubject(DEMO_DISHONEST, demoEnterprises[1]!.name)!;
  const minghu = entitySubject(DEMO_HONOR, demoEnterprises[0]!.name)!;
  const person = personSubject(ctx, demoIdNumber(1), '李秀英')!;
  const penalty = (s: Subject, ref: string, title: string, decidedOn: string) => ({
    subject: s,
    source: 'import' as const,
    sourceRef: ref,
    kind: 'penalty' as const,
    title,
    legalBasis: '《中华人民共和国行政处罚法》第五十七条',
    decidedOn,
    validUntil: addCalendarDays(decidedOn, 365 * 3),
    departmentName: '示范市市场监督管理局',
    regionPath: '990000/990100',
  });
  await transact(officer, async (t) => {
    const filed = await fileRecords(t, [
      penalty(xijiang, '示市监罚〔2026〕101号', '未按规定取得施工许可擅自施工，罚款人民币伍万元', ago(40)),
      penalty(xijiang, '示市监罚〔2026〕118号', '拒不履行行政处罚决定，加处罚款', ago(25)),
      penalty(person, '示市监罚〔2026〕120号', '无照经营流动摊点，警告', ago(20)),
      penalty(minghu, '示市监罚〔2026〕131号', '餐饮具消毒记录不全，警告', ago(8)),
      penalty(xijiang, '示市监罚〔2026〕135号', '建筑垃圾未按规定处置，罚款人民币贰万元', ago(14)),
    ]);
    // The older decisions are published; the two latest wait on the deadline board (one due soon, one late).
    for (const r of filed.filter((r) => r.decidedOn <= ago(20))) await recordRepo.update(t.tx, r.id, { publishedOn: addCalendarDays(r.decidedOn, 3) });
    // Licences that arrived from concluded demo cases before today are published too.
    const licences = await recordRepo.page(t.tx, { page: 1, pageSize: 100, source: 'cases', kind: 'licence' });
    for (const r of licences.rows) if (r.decidedOn < today) await recordRepo.update(t.tx, r.id, { publishedOn: r.decidedOn });

    const now = nowOf(t);
    const entry = (
      s: Subject,
      v: Omit<EntryInsert, 'id' | 'subjectKind' | 'subjectKey' | 'subjectName' | 'idMasked' | 'createdAt' | 'updatedAt' | 'regionPath'>,
    ): EntryInsert => ({
      id: newId(),
      subjectKind: s.kind,
      subjectKey: s.key,
      subjectName: s.name,
      idMasked: s.idMasked,
      regionPath: '990000/990100',
      createdAt: now,
      updatedAt: now,
      ...v,
    });
    const entries = [
      entry(xijiang, {
        list: 'dishonesty',
        reason: '拒不履行行政处罚决定（示市监罚〔2026〕101号），情节严重',
        legalBasis: '《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令第58号）；《示范市社会信用条例》第二十六条',
        validFrom: ago(10),
        validUntil: addCalendarDays(ago(10), 365 * 3),
        authority: 'office',
        status: 'listed',
        noticeServedOn: ago(20),
        objectionDue: ago(13),
        objection: '罚款已部分缴纳，申请暂缓列入。',
        objectionDecision: '经核查，至异议期届满仍未履行完毕，异议不成立。',
        proposedBy: officer.actor.id,
        decidedBy: supervisor.id,
      }),
      entry(minghu, {
        list: 'honor',
        reason: '连续三年纳税信用A级、无不良信用记录',
        legalBasis: '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）',
        validFrom: ago(60),
        validUntil: addCalendarDays(ago(60), 365 * 2),
        authority: 'office',
        status: 'listed',
        proposedBy: officer.actor.id,
        decidedBy: supervisor.id,
      }),
      entry(entitySubject(DEMO_ABNORMAL, '示范市东岸商贸有限公司')!, {
        list: 'abnormal_operation',
        reason: '未按规定期限公示年度报告',
        legalBasis: '《企业经营异常名录管理暂行办法》第四条',
        validFrom: ago(30),
        authority: '示范市市场监督管理局',
        status: 'listed',
      }),
      entry(entitySubject(completeUscc('91990102MA0000088'), '示范市湖滨建材经营部')!, {
        list: 'dishonesty',
        reason: '提供虚假承诺材料骗取许可',
        legalBasis: '《国务院办公厅关于全面推行证明事项告知承诺制的指导意见》（国办发〔2020〕42号）',
        validFrom: today,
        authority: 'office',
        status: 'proposed',
        proposedBy: officer.actor.id,
      }),
    ];
    await entryRepo.insert(t.tx, entries);
    const oldest = filed.find((r) => r.sourceRef === '示市监罚〔2026〕101号');
    if (oldest)
      await repairRepo.insert(t.tx, {
        id: newId(),
        recordId: oldest.id,
        subjectKind: 'entity',
        subjectKey: xijiang.key,
        applicantAccountId: null,
        statement: '罚款已全额缴纳，违法行为已整改完毕，申请信用修复。',
        evidence: '缴款凭证（示财票2026-08812）、整改报告、信用承诺书',
        appliedOn: ago(1),
        dueOn: ctx.calendar.addWorkingDays(ago(1), 5).date,
        dueEstimated: false,
        status: 'applied',
        createdAt: now,
      });
    t.audit({ action: 'credit.demo.seed', objectType: 'credit_list_entry', objectId: 'demo', summary: { records: filed.length, entries: entries.length } });
  });
  // 双公示 deadline digest of the last working day (today on a working day, so the scheduled run sends
  // nothing more): the board's 最近提醒 is not empty on a weekend start either.
  let day = today;
  while (!ctx.calendar.isWorkingDay(day)) day = addCalendarDays(day, -1);
  await alertDisclosureDeadlines(day === today ? ctx : { ...ctx, now: () => new Date(`${day}T09:00:00+08:00`) });
}
