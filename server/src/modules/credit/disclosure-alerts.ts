import { assertCan, systemActor } from '../../platform/auth/index.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { asActor, transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { listDepartments } from '../org/index.ts';
import { alertRepo } from './alert-repository.ts';
import { creditPermissions as P } from './policy.ts';
import { nowOf } from './present.ts';
import { DUE_SOON_WORKING_DAYS } from './records.ts';
import { recordRepo, type RecordRow } from './repository.ts';

/** The org kind of the credit office (示范市社会信用体系建设办公室, 信用办): it is told of every item. */
export const CREDIT_OFFICE_KIND = 'xyb';
/** The message template of the digest (its text is the web's, in zh and en: credit i18n `alert`). */
export const ALERT_TEMPLATE = 'credit.disclosure.due';
/** Where the digest points: the credit office workbench's 双公示 board. */
export const BOARD_LINK = '/workbench/credit?tab=board';
/** How many items a digest names (the count is always the whole). */
const NAMED = 20;

type Unit = { id: string; name: string; regionPath: string; role: 'office' | 'decider' };

/** The credit office's units and a department by its exact name, through the org module (public list). */
async function unitsOf(ctx: Ctx, rows: RecordRow[]): Promise<Map<Unit, RecordRow[]>> {
  const offices = await listDepartments(ctx, { page: 1, pageSize: 100, kind: CREDIT_OFFICE_KIND }, { public: true });
  const out = new Map<Unit, RecordRow[]>();
  for (const d of offices.items.filter((d) => d.active)) out.set({ id: d.id, name: d.name, regionPath: d.regionPath, role: 'office' }, rows);
  // Records carry only the deciding department's name (a department system's import may name one we do not know).
  const byName = new Map<string, Unit | null>();
  for (const r of rows) {
    if (!byName.has(r.departmentName)) {
      const found = await listDepartments(ctx, { page: 1, pageSize: 100, q: r.departmentName }, { public: true });
      const d = found.items.find((d) => d.active && d.name === r.departmentName && !offices.items.some((o) => o.id === d.id));
      byName.set(r.departmentName, d ? { id: d.id, name: d.name, regionPath: d.regionPath, role: 'decider' } : null);
    }
    const unit = byName.get(r.departmentName);
    if (unit) out.set(unit, [...(out.get(unit) ?? []), r]);
  }
  return out;
}

export interface AlertRun {
  day: string;
  /** `not_a_working_day`: nothing is looked at on a weekend or holiday (make-up Saturdays run). */
  skipped?: 'not_a_working_day';
  items: number;
  /** The digests sent by this run (a unit already told today is not told again). */
  sent: { unitId: string; unitName: string; items: number }[];
}

/**
 * The 双公示 deadline job: on a working day (the city's calendar, the context's clock), the unpublished
 * licence and penalty decisions that are late or due within two working days are sent as ONE digest
 * per unit: the credit office (every item) and each deciding department found by its name (its own).
 * Once per unit and day (`credit_disclosure_alerts`, unique day × unit; a second run sends nothing),
 * each digest audited (`credit.disclosure.alert`) in the transaction that records it.
 */
export async function alertDisclosureDeadlines(ctx: Ctx): Promise<AlertRun> {
  const system = asActor(ctx, systemActor);
  await system.calendar.refresh();
  const day = shanghaiDate(nowOf(system));
  if (!system.calendar.isWorkingDay(day)) return { day, skipped: 'not_a_working_day', items: 0, sent: [] };
  const soon = system.calendar.addWorkingDays(day, DUE_SOON_WORKING_DAYS).date;
  const rows = await recordRepo.board(system.database.db, soon);
  const sent: AlertRun['sent'] = [];
  if (!rows.length) return { day, items: 0, sent };
  for (const [unit, items] of await unitsOf(system, rows)) {
    const late = items.filter((r) => r.disclosureDue! < day).length;
    await transact(system, async (t) => {
      const alert = await alertRepo.insertOnce(t.tx, {
        id: newId(),
        day,
        unitId: unit.id,
        unitName: unit.name,
        role: unit.role,
        items: items.length,
        late,
        dueSoon: items.length - late,
        records: items.map((r) => r.id),
        sentAt: nowOf(t),
      });
      if (!alert) return; // told today already
      await enqueueNotification(t.tx, {
        channel: 'site',
        recipientKind: 'staff',
        recipientId: `unit:${unit.id}`,
        template: ALERT_TEMPLATE,
        params: {
          day,
          unit: unit.name,
          count: items.length,
          late,
          dueSoon: items.length - late,
          link: BOARD_LINK,
          items: items
            .slice(0, NAMED)
            .map((r) => ({ sourceRef: r.sourceRef, subject: r.subjectName, kind: r.kind, due: r.disclosureDue, late: r.disclosureDue! < day })),
        },
      });
      t.audit({
        action: 'credit.disclosure.alert',
        objectType: 'credit_disclosure_alert',
        objectId: alert.id,
        summary: { day, unit: unit.name, role: unit.role, items: items.length, late },
        scope: { regionPath: unit.regionPath, departmentId: unit.id },
      });
      sent.push({ unitId: unit.id, unitName: unit.name, items: items.length });
    });
  }
  return { day, items: rows.length, sent };
}

/** The digests of the last day one was sent (for the board's 最近提醒 line). */
export async function latestDisclosureAlerts(ctx: Ctx) {
  assertCan(ctx.actor, P.read);
  const rows = await alertRepo.latestDay(ctx.database.db);
  if (!rows.length) return { latest: null };
  const office = rows.find((r) => r.role === 'office') ?? rows[0]!;
  return {
    latest: {
      day: office.day,
      sentAt: rows.reduce((a, r) => (r.sentAt > a ? r.sentAt : a), office.sentAt).toISOString(),
      items: office.items,
      late: office.late,
      dueSoon: office.dueSoon,
      units: rows.map((r) => ({ unitName: r.unitName, role: r.role, items: r.items })),
    },
  };
}
