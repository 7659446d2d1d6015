import { asActor, transact, type Ctx } from '../../platform/context.ts';
import { systemActor } from '../../platform/auth/index.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { getDepartment } from '../org/index.ts';
import { urgeRepo, type UrgeRow } from './urge-repository.ts';
import { urgeWorkflow } from './workflow.ts';
import { nowOf, todayOf } from './clock.ts';

/**
 * The unit's superior: its parent department; a department without one answers to the office that
 * supervises it, the department of the supervisor who issued the urge.
 */
async function superiorOf(ctx: Ctx, urge: UrgeRow): Promise<{ id: string; name: string } | undefined> {
  const unit = await getDepartment(ctx, urge.departmentId).catch(() => undefined);
  const superiorId = unit?.parentId ?? urge.issuerDepartmentId;
  if (!superiorId || superiorId === urge.departmentId) return undefined;
  const d = await getDepartment(ctx, superiorId).catch(() => undefined);
  return d && { id: d.id, name: d.name };
}

/**
 * The escalation job: every open urge whose answer was due before today is escalated, once, to the
 * unit's superior (status escalated, the superior's staff see it, a message to them); the unit may
 * still answer, recorded as late. Each urge in its own transaction, audited. Returns the urge ids.
 */
export async function escalateOverdueUrges(ctx: Ctx): Promise<string[]> {
  const system = asActor(ctx, systemActor);
  const today = todayOf(ctx);
  const done: string[] = [];
  for (const due of await urgeRepo.overdue(ctx.database.db, today)) {
    const superior = await superiorOf(system, due);
    await transact(system, async (t) => {
      const row = await urgeRepo.lock(t.tx, due.id);
      // Answered (or escalated) meanwhile: nothing to do.
      if (!row || !urgeWorkflow.can(row.status, 'escalate') || row.dueDate >= today) return;
      const status = urgeWorkflow.next(row.status, 'escalate');
      await urgeRepo.update(t.tx, row.id, row.version, {
        status,
        escalatedAt: nowOf(t),
        escalatedToDepartmentId: superior?.id ?? null,
        escalatedToName: superior?.name ?? null,
      });
      if (superior)
        await enqueueNotification(t.tx, {
          channel: 'site',
          recipientKind: 'staff',
          recipientId: `unit:${superior.id}`,
          template: 'supervision.urge.escalated',
          params: { caseNo: row.caseNo, unit: row.departmentName },
        });
      t.audit({
        action: 'supervision.urge.escalate',
        objectType: 'supervision_urge',
        objectId: row.id,
        summary: { caseNo: row.caseNo, unit: row.departmentName, dueDate: row.dueDate, to: superior?.name ?? null },
        scope: { regionPath: row.regionPath, departmentId: row.departmentId },
      });
      done.push(row.id);
    });
  }
  return done;
}
