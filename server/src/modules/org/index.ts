import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { orgRoutes } from './routes.ts';
import { seedOrgDemo } from './seed.ts';

export {
  getRegion,
  findRegion,
  listAllRegions,
  getDepartment,
  findDepartments,
  findDepartmentByUscc,
  listDepartments,
  departmentIdsWithin,
  getWindow,
  findWindowFacts,
  type WindowFacts,
  type DepartmentView,
} from './service.ts';
export { orgPermissions } from './policy.ts';
export { demoCity, demoDepartmentId, demoId, demoDepartments, districtBranchKinds, ensurePlatformDepartment, PLATFORM_DEPARTMENT_ID } from './seed.ts';

export const orgModule: YiwangModule = {
  name: 'org',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: orgRoutes,
  seedDemo: seedOrgDemo,
};
