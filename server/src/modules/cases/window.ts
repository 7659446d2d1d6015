import type { Ctx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { findWindowFacts } from '../org/index.ts';

/**
 * The service window a window case is filed at (一窗受理): org's window, open, serving the case's
 * department (a comprehensive window serves every department). 400 `request.invalid` on
 * `windowId` when it is unknown, closed or does not serve the department, or named on an online
 * submit; none named, none recorded. The label (center, number, name) is kept as it stood.
 */
export async function filingWindow(
  ctx: Ctx,
  windowId: string | undefined,
  channel: 'online' | 'window',
  departmentId: string,
): Promise<{ id: string; label: string } | null> {
  if (!windowId) return null;
  if (channel !== 'window') throw invalid([{ field: 'windowId', code: 'window_filing_only' }]);
  const w = await findWindowFacts(ctx, windowId);
  if (!w || !w.active) throw invalid([{ field: 'windowId', code: 'not_found' }]);
  if (!w.comprehensive && !w.departmentIds.includes(departmentId)) throw invalid([{ field: 'windowId', code: 'not_serving_department' }]);
  return { id: w.id, label: w.label };
}
