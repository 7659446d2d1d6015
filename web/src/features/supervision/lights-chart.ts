import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { LightBucket, LightCount } from './api';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const COLORS = { red: '#d4380d', yellow: '#f0b400', green: '#2e9d4a', paused: '#8c8c8c' } as const;

/**
 * Stacked bars per department (red, yellow, green, paused), drawn into `el`; a click on a bar calls
 * `onPick` with its department and light. Returns the disposer. A chunk of its own with no React in
 * it (ECharts is large, and a lazy chunk that reaches React but not antd would split the entry chunks).
 */
export function drawLights(
  el: HTMLElement,
  rows: LightCount[],
  labels: Record<keyof typeof COLORS, string>,
  onPick: (departmentId: string, light: LightBucket) => void,
): () => void {
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  const keys = Object.keys(COLORS) as (keyof typeof COLORS)[];
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { top: 0, left: 'center' },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.departmentName), inverse: true },
    series: keys.map((k) => ({
      name: labels[k],
      type: 'bar',
      stack: 'all',
      cursor: 'pointer',
      data: rows.map((r) => r[k]),
      itemStyle: { color: COLORS[k] },
    })),
  });
  chart.on('click', (p) => {
    const row = rows[p.dataIndex];
    const light = keys[p.seriesIndex ?? -1];
    if (row && light) onPick(row.departmentId, light);
  });
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    chart.dispose();
  };
}
