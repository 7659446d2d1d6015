// What the directory pages (items, entities, inspectors, rules) share.
import { useMemo } from 'react';
import { useItems } from '../api';

export const MANAGE = 'inspection.plan.manage';

/** Departments seen in the item list (the manager's departments), for filters and pickers. */
export function useDepartmentOptions() {
  const items = useItems();
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const i of items.data?.items ?? []) seen.set(i.departmentId, i.departmentName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [items.data]);
}
