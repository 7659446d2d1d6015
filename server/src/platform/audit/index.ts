export { auditEvents } from './tables.ts';
export { appendAuditEvents, type AuditInput } from './writer.ts';
export { verifyAuditChain, type VerifyResult } from './verify.ts';
export { canonicalJson } from './chain.ts';
