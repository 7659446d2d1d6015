import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { LightCount } from '../api';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Stacked bars per department: red, yellow, green, paused. Its own chunk (ECharts is large). */
export default function LightsChart({ rows }: { rows: LightCount[] }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'svg' });
    const series = (['red', 'yellow', 'green', 'paused'] as const).map((k) => ({
      name: t(`cases.light.${k}`),
      type: 'bar' as const,
      stack: 'all',
      data: rows.map((r) => r[k]),
      itemStyle: { color: { red: '#d4380d', yellow: '#f0b400', green: '#2e9d4a', paused: '#8c8c8c' }[k] },
    }));
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.departmentName), inverse: true },
      series,
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [rows, t]);
  const summary = rows.map((r) => t('cases.lights.summary', { name: r.departmentName, red: r.red, yellow: r.yellow, green: r.green, paused: r.paused })).join('; ');
  return <div ref={el} className="cs-chart" role="img" aria-label={summary} style={{ height: Math.max(200, rows.length * 40 + 80) }} />;
}
