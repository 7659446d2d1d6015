import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const sharingTypes = ['unconditional', 'conditional', 'none'] as const;
export const sensitivityClasses = ['public', 'internal', 'sensitive', 'restricted'] as const;
export const updateFrequencies = ['realtime', 'daily', 'weekly', 'monthly', 'yearly', 'irregular'] as const;
export const resourceStatuses = ['draft', 'submitted', 'published', 'withdrawn'] as const;
export const shareStatuses = ['pending', 'approved', 'rejected', 'revoked', 'withdrawn'] as const;
export const subjectKinds = ['person', 'entity'] as const;
export const accessOutcomes = ['ok', 'refused', 'failed'] as const;

export interface ResourceField {
  name: string;
  label: string;
  sensitivity: (typeof sensitivityClasses)[number];
}

/**
 * 政务信息资源目录: what a department holds. The row is the working copy (draft, submitted to the
 * data office, published or withdrawn); every published version is kept in `data_resource_versions`
 * and sharing always reads the newest published one.
 */
export const dataResources = pgTable(
  'data_resources',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    departmentId: uuid('department_id').notNull(),
    regionPath: text('region_path').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    subjectKind: text('subject_kind', { enum: subjectKinds }).notNull(),
    fields: jsonb('fields').$type<ResourceField[]>().notNull(),
    sharingType: text('sharing_type', { enum: sharingTypes }).notNull(),
    open: boolean('open').notNull().default(false),
    updateFrequency: text('update_frequency', { enum: updateFrequencies }).notNull(),
    sourceSystem: text('source_system').notNull(),
    /** The connector (adapter) that answers for this resource, e.g. `sim.household`. */
    connector: text('connector').notNull(),
    status: text('status', { enum: resourceStatuses }).notNull().default('draft'),
    /** The version of the working copy; `publishedVersion` the one in force (null: never published). */
    version: integer('version').notNull().default(1),
    publishedVersion: integer('published_version'),
    reviewNote: text('review_note'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('data_resources_code_uq').on(t.code),
    index('data_resources_department_idx').on(t.departmentId),
    index('data_resources_region_idx').on(t.regionPath),
  ],
);

export interface ResourceSnapshot {
  name: string;
  description: string;
  subjectKind: (typeof subjectKinds)[number];
  fields: ResourceField[];
  sharingType: (typeof sharingTypes)[number];
  open: boolean;
  updateFrequency: (typeof updateFrequencies)[number];
  sourceSystem: string;
  connector: string;
}

/** Each published version of a resource, as published (never changed). */
export const dataResourceVersions = pgTable(
  'data_resource_versions',
  {
    id: uuid('id').primaryKey(),
    resourceId: uuid('resource_id').notNull(),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<ResourceSnapshot>().notNull(),
    publishedBy: uuid('published_by'),
    publishedAt: ts('published_at').notNull(),
  },
  (t) => [uniqueIndex('data_resource_versions_uq').on(t.resourceId, t.version)],
);

/** A department's request for a conditional resource, decided by the owner with a field scope and an expiry. */
export const dataShareRequests = pgTable(
  'data_share_requests',
  {
    id: uuid('id').primaryKey(),
    resourceId: uuid('resource_id').notNull(),
    requesterDepartmentId: uuid('requester_department_id').notNull(),
    requesterRegionPath: text('requester_region_path').notNull(),
    ownerDepartmentId: uuid('owner_department_id').notNull(),
    ownerRegionPath: text('owner_region_path').notNull(),
    purpose: text('purpose').notNull(),
    legalBasis: text('legal_basis').notNull(),
    fieldsRequested: jsonb('fields_requested').$type<string[]>().notNull(),
    fieldsGranted: jsonb('fields_granted').$type<string[]>(),
    expiresAt: ts('expires_at'),
    status: text('status', { enum: shareStatuses }).notNull().default('pending'),
    requestedBy: uuid('requested_by'),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('data_share_requests_requester_idx').on(t.requesterDepartmentId, t.resourceId),
    index('data_share_requests_owner_idx').on(t.ownerDepartmentId, t.status),
  ],
);

/**
 * Every call of the sharing API, allowed or not: who asked (client, department), what (resource,
 * version, fields), about whom (person id when registered, the keyed digest of the ID number, the
 * mask; or the USCC), why (purpose, approval, case) and what came of it. The person reads their
 * rows in 数据使用记录.
 */
export const dataAccessLog = pgTable(
  'data_access_log',
  {
    id: uuid('id').primaryKey(),
    at: ts('at').notNull(),
    requesterDepartmentId: uuid('requester_department_id').notNull(),
    clientId: text('client_id'),
    clientName: text('client_name').notNull(),
    resourceId: uuid('resource_id'),
    resourceCode: text('resource_code').notNull(),
    resourceVersion: integer('resource_version'),
    ownerDepartmentId: uuid('owner_department_id'),
    approvalId: uuid('approval_id'),
    subjectKind: text('subject_kind', { enum: subjectKinds }).notNull(),
    personId: uuid('person_id'),
    subjectIndex: text('subject_index'),
    subjectMask: text('subject_mask').notNull(),
    fields: jsonb('fields').$type<string[]>().notNull(),
    purpose: text('purpose').notNull(),
    caseNo: text('case_no'),
    outcome: text('outcome', { enum: accessOutcomes }).notNull(),
    refusal: text('refusal'),
    /** What was looked up beyond the fields, e.g. the certificate type of a certificate look-up. */
    detail: text('detail'),
    requestId: text('request_id'),
  },
  (t) => [
    index('data_access_log_person_idx').on(t.personId, t.at),
    index('data_access_log_subject_idx').on(t.subjectIndex, t.at),
    index('data_access_log_requester_idx').on(t.requesterDepartmentId, t.at),
    index('data_access_log_owner_idx').on(t.ownerDepartmentId, t.at),
  ],
);

/**
 * Certificate types shared as data (GB/T 36906 look-up by holder and type) that need the holder's
 * consent before a department reads them (the law asks it for e.g. civil-status and property
 * certificates); a type not listed needs none.
 */
export const dataCertificateTypes = pgTable('data_certificate_types', {
  name: text('name').primaryKey(),
  consentRequired: boolean('consent_required').notNull(),
  legalBasis: text('legal_basis').notNull().default(''),
});

/** A holder's consent to departments reading one type of their certificates; revoked stays as history. */
export const dataCertificateConsents = pgTable(
  'data_certificate_consents',
  {
    id: uuid('id').primaryKey(),
    holderKind: text('holder_kind', { enum: subjectKinds }).notNull(),
    holderId: uuid('holder_id').notNull(),
    certificateType: text('certificate_type').notNull(),
    grantedAt: ts('granted_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('data_certificate_consents_holder_idx').on(t.holderKind, t.holderId, t.certificateType)],
);

export const proofDispositions = ['dropped', 'shared_data', 'commitment', 'kept'] as const;

/**
 * 证明事项清单 (proof list): each proof (证明) an item still asks of applicants, with its legal basis
 * and how it is met now (dropped, replaced by shared data, replaced by a commitment 告知承诺, kept).
 * An item is named by its base catalog name; a guide is published only if every proof it asks of the
 * applicant is listed for the item and neither dropped nor replaced by shared data (catalog calls
 * `assertGuideProofs`). Public: no personal data in it.
 */
export const dataProofs = pgTable(
  'data_proofs',
  {
    id: uuid('id').primaryKey(),
    itemName: text('item_name').notNull(),
    proofName: text('proof_name').notNull(),
    issuer: text('issuer').notNull(),
    legalBasis: text('legal_basis').notNull(),
    disposition: text('disposition', { enum: proofDispositions }).notNull(),
    /** How it is met instead: the shared resource (code), the commitment's wording, or why it is kept. */
    replacement: text('replacement').notNull().default(''),
    departmentId: uuid('department_id').notNull(),
    regionPath: text('region_path').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('data_proofs_item_proof_uq').on(t.itemName, t.proofName), index('data_proofs_department_idx').on(t.departmentId)],
);
