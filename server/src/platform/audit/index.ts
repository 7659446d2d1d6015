export { auditEvents } from './tables.ts';
export { appendAuditEvents, homeScopeOf, type AuditInput } from './writer.ts';
export { verifyAuditChain, type VerifyResult } from './verify.ts';
export { sealAudit, sealAuditEvents, countUnsealed, type SealResult, type SealOptions } from './seal.ts';
export { canonicalJson } from './chain.ts';
