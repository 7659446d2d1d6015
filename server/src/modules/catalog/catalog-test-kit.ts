/**
 * What the catalog tests share: the demo catalog's specs and guides, implementation codes of the demo
 * departments, and an editor actor of one department.
 */
import type { TestApp } from '../../../test/harness.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { demoDepartmentId, findDepartments } from '../org/index.ts';
import { implementationCode } from './guide.ts';
import { demoBaseCode, demoCatalog, demoGuide } from './seed.ts';

export const CITY = '990100';
export const spec = (name: string) => demoCatalog.find((s) => s.name === name)!;
/** `codeOf(kind, region, name)`: the implementation code of the demo item `name` of that department, on the test file's app. */
export function codeLookup(current: () => TestApp) {
  return async function codeOf(kind: string, region: string, name: string) {
    const [d] = await findDepartments(current().ctx, [demoDepartmentId(kind, region)]);
    return implementationCode(d!.uscc, region === CITY ? 3 : 4, demoBaseCode(spec(name)));
  };
}
export const guideOf = (name: string) => demoGuide(spec(name), { center: '示范市市民之家', address: '市民大道 100 号', window: 'A01', phone: '0999-12345' });
export function editorOf(kind: string, region: string): Actor {
  const path = region === CITY ? `990000/${CITY}` : `990000/${CITY}/${region}`;
  return {
    id: null,
    kind: 'staff',
    name: `${kind}.${region}.editor`,
    grants: [{ role: 'catalog_editor', permissions: ['catalog.item.edit'], departmentId: demoDepartmentId(kind, region), regionPath: path }],
  };
}
