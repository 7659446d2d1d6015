import { sm3 } from '../crypto/index.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorKind: string;
  actorName: string;
  action: string;
  objectType: string;
  objectId: string;
  summary: Record<string, unknown>;
  requestId: string | null;
  ip: string | null;
  /** The event's scope; hashed only when set, so events written before scopes existed still verify. */
  regionPath?: string | null;
  departmentId?: string | null;
  /** The seq of the event sealed before this one; set on events sealed after decision 0006. */
  prevSeq?: number | null;
}

/** JSON with sorted keys, so the hash does not depend on how jsonb orders an object's keys. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(prevHash: string, e: ChainedFields): string {
  return sm3(
    `${prevHash}|${canonicalJson({
      seq: e.seq,
      id: e.id,
      occurredAt: e.occurredAt.toISOString(),
      actorId: e.actorId,
      actorKind: e.actorKind,
      actorName: e.actorName,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId,
      summary: e.summary,
      requestId: e.requestId,
      ip: e.ip,
      ...(e.regionPath != null ? { regionPath: e.regionPath } : {}),
      ...(e.departmentId != null ? { departmentId: e.departmentId } : {}),
      ...(e.prevSeq != null ? { prevSeq: e.prevSeq } : {}),
    })}`,
  );
}
