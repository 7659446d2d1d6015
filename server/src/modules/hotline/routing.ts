import { regionWithin } from '../../platform/auth/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { findRegion, listAllRegions, getDepartment, type DepartmentView } from '../org/index.ts';
import { departmentsOfKind } from './reference.ts';
import type { CategoryRow } from './repository.ts';
import type { TicketUnit } from './tables.ts';

type Region = Awaited<ReturnType<typeof listAllRegions>>[number];

/** Department kind of the 12345 center and of the district unit that takes territorial tickets. */
export const CENTER_KIND = 'rxzx';
export const DISTRICT_UNIT_KIND = 'zwfw';

export const levelRank = { center: 0, city: 1, district: 2, street: 3 } as const;

export interface Place {
  regionCode: string | null;
  regionPath: string | null;
  districtCode: string | null;
  streetCode: string | null;
}

/**
 * Place → region (属地为主): an explicit region code wins, then the nearest street to a map point,
 * then the longest street or district name found in the address.
 */
export async function resolvePlace(
  ctx: Ctx,
  input: { regionCode?: string | null; lng?: number | null; lat?: number | null; address?: string | null },
): Promise<Place> {
  const all = await listAllRegions(ctx);
  const byCode = new Map(all.map((r) => [r.code, r]));
  let region: Region | undefined;
  if (input.regionCode) region = byCode.get(input.regionCode);
  if (!region && input.lng != null && input.lat != null) {
    let best: { r: Region; d: number } | undefined;
    for (const r of all) {
      if (r.level !== 'street' || r.lng == null || r.lat == null) continue;
      const d = (Number(r.lng) - input.lng) ** 2 + (Number(r.lat) - input.lat) ** 2;
      if (!best || d < best.d) best = { r, d };
    }
    if (best && best.d < 0.1 ** 2) region = best.r;
  }
  if (!region && input.address) {
    const hits = all.filter((r) => (r.level === 'street' || r.level === 'district' || r.level === 'community') && input.address!.includes(r.name));
    hits.sort(
      (a, b) => ['community', 'street', 'district'].indexOf(a.level) - ['community', 'street', 'district'].indexOf(b.level) || b.name.length - a.name.length,
    );
    region = hits[0];
  }
  if (!region) return { regionCode: null, regionPath: null, districtCode: null, streetCode: null };
  const codes = region.path.split('/');
  const levels = codes.map((c) => byCode.get(c)?.level);
  return {
    regionCode: region.code,
    regionPath: region.path,
    districtCode: codes[levels.indexOf('district')] ?? null,
    streetCode: codes[levels.indexOf('street')] ?? null,
  };
}

export function unitOfDepartment(d: DepartmentView, regionLevel: string): TicketUnit {
  const level =
    d.kind === CENTER_KIND && regionLevel !== 'district' ? 'center' : regionLevel === 'street' ? 'street' : regionLevel === 'district' ? 'district' : 'city';
  return { departmentId: d.id, regionCode: d.regionCode, regionPath: d.regionPath, level, name: d.name };
}

export function unitOfStreet(r: { code: string; path: string; name: string }): TicketUnit {
  return { departmentId: null, regionCode: r.code, regionPath: r.path, level: 'street', name: `${r.name}办事处` };
}

/** The 12345 center of the city (its department of kind rxzx), or a stand-in at the first city. */
export async function centerUnit(ctx: Ctx): Promise<TicketUnit> {
  const [center] = await departmentsOfKind(ctx, CENTER_KIND);
  if (center) return unitOfDepartment(center, 'city');
  const city = (await listAllRegions(ctx)).find((r) => r.level === 'city');
  return { departmentId: null, regionCode: city?.code ?? '', regionPath: city?.path ?? '', level: 'center', name: '12345热线中心' };
}

/** A dispatch target given by department id or (for a street office) by region code. */
export async function unitFor(ctx: Ctx, target: { departmentId?: string | null; regionCode?: string | null }): Promise<TicketUnit | undefined> {
  if (target.departmentId) {
    const d = await getDepartment(ctx, target.departmentId).catch(() => undefined);
    if (!d || !d.active) return undefined;
    const r = await findRegion(ctx, d.regionCode);
    return unitOfDepartment(d, r?.level ?? 'city');
  }
  if (target.regionCode) {
    const r = await findRegion(ctx, target.regionCode);
    if (!r) return undefined;
    if (r.level === 'street') return unitOfStreet(r);
    if (r.level === 'district') return districtUnit(ctx, r.code);
  }
  return undefined;
}

export async function districtUnit(ctx: Ctx, districtCode: string): Promise<TicketUnit | undefined> {
  const d = (await departmentsOfKind(ctx, DISTRICT_UNIT_KIND)).find((x) => x.regionCode === districtCode);
  return d ? unitOfDepartment(d, 'district') : undefined;
}

/**
 * The unit a holder should dispatch to next: the center sends territorial matters to the district
 * (and functional ones to the department of the category's kind, the district branch first); a
 * district sends territorial matters on to the street.
 */
export async function suggestTarget(ctx: Ctx, holder: TicketUnit, place: Place, category: CategoryRow | undefined): Promise<TicketUnit | undefined> {
  if (holder.level === 'center' || holder.level === 'city') {
    if (category?.routing === 'department' && category.departmentKind) {
      const list = await departmentsOfKind(ctx, category.departmentKind);
      const branch = place.districtCode ? list.find((d) => d.regionCode === place.districtCode) : undefined;
      if (branch) return unitOfDepartment(branch, 'district');
      const city = list.find((d) => d.regionPath.split('/').length <= 2);
      if (city && holder.departmentId !== city.id) return unitOfDepartment(city, 'city');
    }
    if (place.districtCode) return districtUnit(ctx, place.districtCode);
    return undefined;
  }
  if (holder.level === 'district' && place.streetCode && (!category || category.routing === 'territorial')) {
    const r = await findRegion(ctx, place.streetCode);
    if (r && r.path !== holder.regionPath && regionWithin(r.path, holder.regionPath)) return unitOfStreet(r);
  }
  return undefined;
}

/** Dispatch goes down: to a lower tier, inside the holder's area. */
export function canDispatchTo(holder: TicketUnit, target: TicketUnit): boolean {
  if (levelRank[target.level] <= levelRank[holder.level]) return false;
  if (holder.level === 'center' || holder.level === 'city') return true;
  return regionWithin(target.regionPath, holder.regionPath);
}
