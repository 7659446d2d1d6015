import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import type { Requester } from './exchange.ts';
import { accessRepo } from './share-repository.ts';

/** One read through the sharing API: who asked what about whom, why, under which approval, and how it ended. */
export interface AccessRecord {
  at: Date;
  requester: Requester;
  resource: { id: string | null; code: string; version: number | null; ownerDepartmentId: string | null; approvalId: string | null };
  subject: { kind: 'person' | 'entity'; personId: string | null; index: string | null; mask: string };
  fields: string[];
  purpose: string;
  caseNo?: string;
  outcome: 'ok' | 'refused' | 'failed';
  refusal: string | null;
  /** What else the person should see in 数据使用记录 (e.g. the certificate type looked up). */
  detail?: string;
}

/**
 * Logs the read for 数据使用记录 and audits it in one transaction (every call, whatever its outcome);
 * `audit.summary` adds what the kind of read needs to the common summary. Returns the log row's id.
 */
export async function recordAccess(ctx: Ctx, r: AccessRecord, audit: { action: string; summary: Record<string, unknown> }): Promise<string> {
  const id = newId();
  await transact(ctx, async (t) => {
    await accessRepo.insert(t.tx, {
      id,
      at: r.at,
      requesterDepartmentId: r.requester.departmentId,
      clientId: r.requester.clientId,
      clientName: r.requester.name,
      resourceId: r.resource.id,
      resourceCode: r.resource.code,
      resourceVersion: r.resource.version,
      ownerDepartmentId: r.resource.ownerDepartmentId,
      approvalId: r.resource.approvalId,
      subjectKind: r.subject.kind,
      personId: r.subject.personId,
      subjectIndex: r.subject.index,
      subjectMask: r.subject.mask,
      fields: r.fields,
      purpose: r.purpose,
      caseNo: r.caseNo ?? null,
      outcome: r.outcome,
      refusal: r.refusal,
      detail: r.detail ?? null,
      requestId: t.requestId,
    });
    t.audit({
      action: audit.action,
      objectType: 'data_resource',
      objectId: r.resource.id ?? r.resource.code,
      summary: {
        ...audit.summary,
        requester: r.requester.name,
        requesterDepartmentId: r.requester.departmentId,
        clientId: r.requester.clientId,
        subject: r.subject.mask,
        fields: r.fields,
        purpose: r.purpose,
        approvalId: r.resource.approvalId,
        caseNo: r.caseNo,
        outcome: r.outcome,
        refusal: r.refusal,
      },
    });
  });
  return id;
}
