import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { apiUrl } from '../../lib/api-call';
import type { ItemOf } from '../../api/types';

/** 领导驾驶舱 月度报告 (GET /api/supervision/reports): the stored PDFs of the cities the reader may read. */
export type MonthlyReport = ItemOf<'/api/supervision/reports'>;

export function useMonthlyReports() {
  return useQuery({
    queryKey: ['supervision', 'reports'] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/supervision/reports', { signal })),
  });
}

export const monthlyReportUrl = (r: MonthlyReport) => apiUrl('/api/supervision/reports/{month}/{regionCode}', { month: r.month, regionCode: r.regionCode });

/** 立即刷新 (POST /api/workbench/dashboard/refresh): the hourly recount of the last 40 days, run now (a supervisor over a whole city). */
export const refreshDashboardNow = () => unwrap(api.POST('/api/workbench/dashboard/refresh'));
