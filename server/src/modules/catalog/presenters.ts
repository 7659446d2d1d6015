import { itemTypeNames, onlineLevel, type Guide } from './guide.ts';
import type { ImplRow, ItemRow, VersionRow } from './repository.ts';

/** The published guide's flags and figures copied onto the implementation (lists, filters, summaries). */
export function publishedFigures(guide: Guide) {
  return {
    doNow: guide.doNow,
    doOnline: guide.doOnline,
    doInOneVisit: guide.doInOneVisit,
    onlineLevel: onlineLevel(guide),
    promisedLimitDays: guide.promisedLimitDays,
    visitsRequired: guide.visitsRequired,
  };
}

/** The scope an implementation is edited and reviewed in: its department in its region. */
export function scopeOf(impl: ImplRow) {
  return { regionPath: impl.regionPath, departmentId: impl.departmentId };
}

export function summary(impl: ImplRow, item: ItemRow, score?: number) {
  return {
    implementationCode: impl.implementationCode,
    baseCode: item.baseCode,
    name: item.name,
    itemType: item.itemType as keyof typeof itemTypeNames,
    itemTypeName: itemTypeNames[item.itemType as keyof typeof itemTypeNames] ?? item.itemType,
    subjectTypes: item.subjectTypes,
    themes: item.themes,
    departmentId: impl.departmentId,
    departmentName: impl.departmentName,
    regionCode: impl.regionCode,
    regionPath: impl.regionPath,
    level: impl.level,
    state: impl.state,
    publishedVersion: impl.publishedVersion,
    doNow: impl.doNow,
    doOnline: impl.doOnline,
    doInOneVisit: impl.doInOneVisit,
    onlineLevel: impl.onlineLevel,
    promisedLimitDays: impl.promisedLimitDays,
    visitsRequired: impl.visitsRequired,
    views: impl.views,
    ...(score !== undefined ? { score } : {}),
  };
}
export type ImplementationSummary = ReturnType<typeof summary>;

export function presentVersion(v: VersionRow) {
  return {
    version: v.version,
    status: v.status,
    changeNote: v.changeNote,
    reviewComment: v.reviewComment,
    submittedAt: v.submittedAt?.toISOString() ?? null,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    updatedAt: v.updatedAt.toISOString(),
  };
}
