import type { InspectorInsert, InspectorRow } from './directory-repository.ts';
import type { DrawRow } from './draw-repository.ts';
import type { AssignmentRow, ResultRow } from './result-repository.ts';
import type { TaskRow } from './task-repository.ts';

// How the module's rows are answered (the schemas in schemas.ts).

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentInspector(r: InspectorRow | (InspectorInsert & { id: string })) {
  return {
    id: r.id,
    staffId: r.staffId ?? null,
    name: r.name,
    certificateNo: r.certificateNo,
    departmentId: r.departmentId,
    regionCode: r.regionCode,
    qualifications: r.qualifications ?? [],
    available: r.available ?? true,
  };
}

export function presentTask(r: TaskRow) {
  return {
    id: r.id,
    planId: r.planId,
    title: r.title,
    itemIds: r.itemIds,
    departmentIds: r.departmentIds,
    leadDepartmentId: r.leadDepartmentId,
    scope: r.scope,
    count: r.count,
    proportionBp: r.proportionBp,
    inspectorsPerEntity: r.inspectorsPerEntity,
    riskWeights: r.riskWeights,
    creditWeights: r.creditWeights,
    recentTasks: r.recentTasks,
    dueDate: r.dueDate,
    disclosureWorkingDays: r.disclosureWorkingDays,
    status: r.status,
  };
}

/** A draw; the seed only once revealed (drawn or voided). */
export function presentDraw(d: DrawRow) {
  return {
    id: d.id,
    taskId: d.taskId,
    seq: d.seq,
    status: d.status,
    commitment: d.commitment,
    seed: d.status === 'committed' ? null : d.seed,
    algorithm: d.algorithm,
    hashes: d.hashes,
    poolSize: d.poolSize,
    target: d.target,
    selectedCount: d.selectedCount,
    committedAt: d.committedAt.toISOString(),
    drawnAt: iso(d.drawnAt),
    voidedAt: iso(d.voidedAt),
    voidReason: d.voidReason,
  };
}

export function presentResult(
  r: Pick<ResultRow, 'id' | 'assignmentId' | 'outcome' | 'inspectedOn' | 'followUp' | 'disclosureDue' | 'disclosureDueEstimated' | 'disclosedAt'> &
    Partial<Pick<ResultRow, 'penaltyDocumentNo' | 'penaltyDecidedOn'>>,
) {
  return {
    id: r.id,
    assignmentId: r.assignmentId,
    outcome: r.outcome,
    inspectedOn: r.inspectedOn,
    followUp: r.followUp,
    disclosureDue: r.disclosureDue,
    disclosureDueEstimated: r.disclosureDueEstimated,
    disclosedAt: iso(r.disclosedAt),
    penalty: r.penaltyDocumentNo ? { documentNo: r.penaltyDocumentNo, decidedOn: r.penaltyDecidedOn ?? '' } : null,
  };
}

/** What assignments are shown with: task titles, inspectors, entity addresses, results (loaded by the caller). */
export interface AssignmentContext {
  titles: Map<string, string>;
  inspectors: Map<string, InspectorRow>;
  addresses: Map<string, string>;
  results: Map<string, ResultRow>;
}

export function presentAssignment(r: AssignmentRow, c: AssignmentContext) {
  const result = c.results.get(r.id);
  return {
    id: r.id,
    taskId: r.taskId,
    taskTitle: c.titles.get(r.taskId) ?? '',
    uscc: r.uscc,
    entityName: r.entityName,
    address: c.addresses.get(r.uscc) ?? null,
    inspectors: r.inspectorIds
      .map((k) => c.inspectors.get(k))
      .filter((i) => !!i)
      .map((i) => ({ id: i!.id, name: i!.name, certificateNo: i!.certificateNo })),
    result: result ? { outcome: result.outcome, inspectedOn: result.inspectedOn, disclosureDue: result.disclosureDue } : null,
  };
}
