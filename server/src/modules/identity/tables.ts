import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A sign-in: staff, a person, or an agent acting for a legal entity. */
export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull().unique(),
  kind: text('kind', { enum: ['staff', 'person', 'entity'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  active: boolean('active').notNull().default(true),
  /** person id for persons and for entity agents; staff id for staff. */
  personId: uuid('person_id'),
  entityId: uuid('entity_id'),
  staffId: uuid('staff_id'),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
  /**
   * Level of assurance (docs/identity.md): registered online (nothing checked), real_name (checked
   * against the public-security register), in_person (seen at a window). Accounts opened before
   * online registration were all opened by staff or a trusted source: real_name.
   */
  assuranceLevel: text('assurance_level', { enum: ['registered', 'real_name', 'in_person'] })
    .notNull()
    .default('real_name'),
  /** Closed by its owner (注销): inactive for good; cases and certificates are kept. */
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Server-side sessions: the cookie holds a random token, the row only its digest. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** The enterprise an agent acts for in this session (switched in the header); null: as themself. */
    actingEntityId: uuid('acting_entity_id'),
    actingEntityName: text('acting_entity_name'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/** 自然人. The ID number is sealed (SM4) and found by a keyed digest; only the mask is stored in clear. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    idNumberSealed: text('id_number_sealed').notNull(),
    idNumberIndex: text('id_number_index').notNull().unique(),
    idNumberMasked: text('id_number_masked').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }).notNull(),
    birthDate: text('birth_date').notNull(),
    phoneSealed: text('phone_sealed'),
    phoneMasked: text('phone_masked'),
    /** Keyed digest of the mobile number (sign-in by SMS code finds the person by it). */
    phoneIndex: text('phone_index'),
    address: text('address'),
    regionCode: text('region_code'),
    verifiedAt: timestamp('verified_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('persons_phone_idx').on(t.phoneIndex)],
);

/** One-time SMS codes (docs/identity.md): only a keyed digest of the code is stored. */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey(),
    phoneIndex: text('phone_index').notNull(),
    purpose: text('purpose', { enum: ['register', 'login', 'change_mobile'] }).notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sms_codes_phone_idx').on(t.phoneIndex, t.purpose, t.createdAt)],
);

/** 法人: a legal entity with its unified social credit code. */
export const legalEntities = pgTable('legal_entities', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  uscc: text('uscc').notNull().unique(),
  entityType: text('entity_type').notNull(),
  legalRepresentative: text('legal_representative').notNull(),
  /** The legal representative's person, once they opened the enterprise account themselves (docs/identity.md). */
  legalRepPersonId: uuid('legal_rep_person_id'),
  regionCode: text('region_code'),
  address: text('address'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** 经办人: a person acting for a legal entity. */
export const entityAgents = pgTable(
  'entity_agents',
  {
    entityId: uuid('entity_id')
      .notNull()
      .references(() => legalEntities.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    authorizedUntil: text('authorized_until'),
    /** First day the authorisation holds ('YYYY-MM-DD'); null: from its grant. */
    authorizedFrom: text('authorized_from'),
    /** The items (implementation or item codes) the agent may apply for; null: all. */
    itemCodes: jsonb('item_codes').$type<string[]>(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    /** The account of the legal representative who granted it. */
    grantedBy: uuid('granted_by'),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.personId] })],
);

/** 工作人员. */
export const staff = pgTable(
  'staff',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    departmentId: uuid('department_id').notNull(),
    regionCode: text('region_code').notNull(),
    phoneMasked: text('phone_masked'),
    lawEnforcementCertNo: text('law_enforcement_cert_no'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('staff_department_idx').on(t.departmentId)],
);

/** A role: a named set of permissions. Built-in roles ship with yiwang; admins may add more. */
export const roles = pgTable('roles', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  permissions: jsonb('permissions').$type<string[]>().notNull(),
  builtIn: boolean('built_in').notNull().default(false),
  /**
   * The scope that owns a custom role: only an actor covering it edits the role, and the role is
   * assigned only inside it. "" is the root (built-in roles, and custom roles made before owners).
   */
  ownerRegionCode: text('owner_region_code').notNull().default(''),
  ownerRegionPath: text('owner_region_path').notNull().default(''),
  ownerDepartmentId: uuid('owner_department_id'),
});

/** A role held by a staff member within a department (or any) and a region subtree. */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    roleCode: text('role_code')
      .notNull()
      .references(() => roles.code),
    departmentId: uuid('department_id'),
    regionCode: text('region_code').notNull(),
    regionPath: text('region_path').notNull(),
  },
  (t) => [index('role_assignments_staff_idx').on(t.staffId)],
);
