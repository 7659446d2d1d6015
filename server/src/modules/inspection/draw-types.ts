/**
 * The data of a draw `yiwang-draw/1`: the algorithm version, the levels, and the shapes of the
 * inputs and the outcome (specified in draw.ts's header and docs/inspection.md).
 */
export const ALGORITHM_VERSION = 'yiwang-draw/1';
export const SUPPORTED_ALGORITHMS = [ALGORITHM_VERSION] as const;

export const riskLevels = ['low', 'medium', 'high'] as const;
export const creditLevels = ['A', 'B', 'C', 'D'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export type CreditLevel = (typeof creditLevels)[number];
export const recusalReasons = ['relation', 'same_address', 'recent'] as const;
export type RecusalReason = (typeof recusalReasons)[number];

export interface DrawEntity {
  uscc: string;
  regionPath: string;
  riskLevel: RiskLevel;
  creditLevel: CreditLevel;
}

export interface DrawInspector {
  /** An opaque, stable key (the inspector-directory id); never a name or certificate number. */
  key: string;
  departmentId: string;
  regionPath: string;
}

export interface DrawExclusion {
  inspectorKey: string;
  uscc: string;
  reason: RecusalReason;
}

export interface DrawParams {
  /** Exactly one of count and proportionBp (basis points: 500 = 5%). */
  count: number | null;
  proportionBp: number | null;
  inspectorsPerEntity: number;
  departmentIds: string[];
  riskWeights: Record<RiskLevel, number>;
  creditWeights: Record<CreditLevel, number>;
}

export interface DrawInputs {
  algorithm: string;
  /** 64 hex digits (32 bytes). */
  seed: string;
  params: DrawParams;
  /**
   * The entity pool: a list, or (big pools, as disclosed by the server) its canonical text, the
   * `E|uscc|regionPath|risk|credit\n` lines whose SM3 is the `entities` hash.
   */
  entities: DrawEntity[] | string;
  inspectors: DrawInspector[];
  exclusions: DrawExclusion[];
}

export interface DrawAssignment {
  uscc: string;
  inspectorKeys: string[];
}

export interface DrawOutcome {
  algorithm: string;
  poolSize: number;
  target: number;
  selected: DrawAssignment[];
  skipped: { uscc: string; reason: 'no_eligible_inspectors' }[];
  hashes: DrawHashes;
}

export interface DrawHashes {
  params: string;
  entities: string;
  inspectors: string;
  exclusions: string;
  result: string;
}

export class DrawInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'DrawInputError';
  }
}

export const defaultRiskWeights: Record<RiskLevel, number> = { low: 1, medium: 1, high: 1 };
export const defaultCreditWeights: Record<CreditLevel, number> = { A: 1, B: 1, C: 1, D: 1 };
