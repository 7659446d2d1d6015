import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { Dashboard, DashboardGroup } from './api';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

function mount(el: HTMLElement, option: echarts.EChartsCoreOption, onClick?: (index: number) => void): () => void {
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  chart.setOption(option);
  if (onClick) chart.on('click', (p) => onClick(p.dataIndex));
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    chart.dispose();
  };
}

/** 领导驾驶舱: received and decided per day or month (lines). Returns the disposer. */
export function drawTrend(el: HTMLElement, trend: Dashboard['trend'], labels: { received: string; concluded: string; onTime: string; evaluations?: string }) {
  return mount(el, {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, left: 'center' },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: trend.map((p) => p.period) },
    yAxis: { type: 'value', minInterval: 1 },
    series: (['received', 'concluded', 'onTime', 'evaluations'] as const)
      .filter((k) => labels[k])
      .map((k) => ({ name: labels[k], type: 'line', data: trend.map((p) => p[k]) })),
  });
}

/** Received and decided per group (horizontal bars); a click on a bar calls `onPick` with its group. */
export function drawGroups(el: HTMLElement, groups: DashboardGroup[], labels: { received: string; concluded: string }, onPick?: (g: DashboardGroup) => void) {
  return mount(
    el,
    {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, left: 'center' },
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: groups.map((g) => g.name), inverse: true, axisLabel: { width: 120, overflow: 'truncate' } },
      series: (['received', 'concluded'] as const).map((k) => ({
        name: labels[k],
        type: 'bar',
        cursor: onPick ? 'pointer' : 'default',
        data: groups.map((g) => g[k]),
      })),
    },
    onPick && ((i) => groups[i] && onPick(groups[i])),
  );
}

/** This period against the one before, one pair of bars per rate (0–100 %). */
export function drawComparison(el: HTMLElement, rows: { label: string; now: number | null; before: number | null }[], labels: { now: string; before: string }) {
  const pctOf = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return mount(el, {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
    legend: { top: 0, left: 'center' },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true, axisLabel: { width: 120, overflow: 'truncate' } },
    series: [
      { name: labels.now, type: 'bar', data: rows.map((r) => pctOf(r.now)) },
      { name: labels.before, type: 'bar', data: rows.map((r) => pctOf(r.before)) },
    ],
  });
}

/** Satisfaction per group (share of evaluations 基本满意 or better); a click calls `onPick`. */
export function drawSatisfaction(el: HTMLElement, groups: DashboardGroup[], label: string, onPick?: (g: DashboardGroup) => void) {
  const rated = groups.filter((g) => g.evaluations > 0);
  return mount(
    el,
    {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)}%` },
      grid: { left: 8, right: 16, bottom: 8, top: 16, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: rated.map((g) => g.name), inverse: true, axisLabel: { width: 120, overflow: 'truncate' } },
      series: [{ name: label, type: 'bar', cursor: onPick ? 'pointer' : 'default', data: rated.map((g) => Math.round((g.satisfaction ?? 0) * 1000) / 10) }],
    },
    onPick && ((i) => rated[i] && onPick(rated[i])),
  );
}
