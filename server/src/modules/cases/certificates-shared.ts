import type { Ctx } from '../../platform/context.ts';
import { findDepartments } from '../org/index.ts';
import { certificateRepo } from './repository.ts';

/**
 * The certificate library's answer to the data module's certificate look-up (docs/data-centre.md,
 * "Certificates as shared data"): a holder's certificates of one type (by name), newest first.
 * Registered with data by `useCertificateSource` in this module's index.ts.
 */
export async function certificatesOfHolder(ctx: Ctx, holder: { kind: 'person' | 'entity'; id: string }, certificateType: string) {
  // A holder has few certificates: one page of the holder's index, filtered by type.
  const { rows } = await certificateRepo.listForHolder(ctx.database.db, holder, { page: 1, pageSize: 100 });
  const found = rows.filter((c) => c.name === certificateType);
  const issuers = new Map((await findDepartments(ctx, [...new Set(found.map((c) => c.issuerDepartmentId))])).map((d) => [d.id, d.name]));
  return found.map((c) => ({
    identifier: c.identifier,
    name: c.name,
    holderName: c.holderName,
    issuer: issuers.get(c.issuerDepartmentId) ?? '',
    issuedOn: new Date(c.issuedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
    validUntil: c.validUntil,
    status: c.status,
    content: c.content,
  }));
}
