import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { LightCount } from '../api';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const COLORS = { red: '#d4380d', yellow: '#f0b400', green: '#2e9d4a', paused: '#8c8c8c' } as const;

/**
 * Stacked bars per department (red, yellow, green, paused), drawn into `el`; returns the disposer.
 * A chunk of its own with no React in it (ECharts is large, and a lazy chunk that reaches React but
 * not antd would split the portal's entry chunks).
 */
export function drawLights(el: HTMLElement, rows: LightCount[], labels: Record<keyof typeof COLORS, string>): () => void {
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { top: 0, left: 'center' },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.departmentName), inverse: true },
    series: (Object.keys(COLORS) as (keyof typeof COLORS)[]).map((k) => ({
      name: labels[k],
      type: 'bar',
      stack: 'all',
      data: rows.map((r) => r[k]),
      itemStyle: { color: COLORS[k] },
    })),
  });
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    chart.dispose();
  };
}
