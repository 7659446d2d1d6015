/**
 * A small Prometheus registry: request counts and latency histograms by route, plus gauges that
 * modules register. Text exposition format 0.0.4.
 */
const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const requests = new Map<string, number>();
const histograms = new Map<string, { counts: number[]; sum: number; count: number }>();
const gauges = new Map<string, { help: string; read: () => number | Promise<number> }>();

export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  const key = `method="${method}",route="${route}",status="${status}"`;
  requests.set(key, (requests.get(key) ?? 0) + 1);
  const hkey = `method="${method}",route="${route}"`;
  const h = histograms.get(hkey) ?? { counts: buckets.map(() => 0), sum: 0, count: 0 };
  buckets.forEach((b, i) => {
    if (seconds <= b) h.counts[i]! += 1;
  });
  h.sum += seconds;
  h.count += 1;
  histograms.set(hkey, h);
}

export function registerGauge(name: string, help: string, read: () => number | Promise<number>): void {
  gauges.set(name, { help, read });
}

export async function renderMetrics(): Promise<string> {
  const lines: string[] = [];
  lines.push('# HELP yiwang_http_requests_total HTTP requests by route and status.', '# TYPE yiwang_http_requests_total counter');
  for (const [k, v] of requests) lines.push(`yiwang_http_requests_total{${k}} ${v}`);
  lines.push('# HELP yiwang_http_request_duration_seconds HTTP request latency.', '# TYPE yiwang_http_request_duration_seconds histogram');
  for (const [k, h] of histograms) {
    buckets.forEach((b, i) => lines.push(`yiwang_http_request_duration_seconds_bucket{${k},le="${b}"} ${h.counts[i]}`));
    lines.push(`yiwang_http_request_duration_seconds_bucket{${k},le="+Inf"} ${h.count}`);
    lines.push(`yiwang_http_request_duration_seconds_sum{${k}} ${h.sum}`);
    lines.push(`yiwang_http_request_duration_seconds_count{${k}} ${h.count}`);
  }
  const mem = process.memoryUsage();
  lines.push('# HELP process_resident_memory_bytes Resident memory.', '# TYPE process_resident_memory_bytes gauge', `process_resident_memory_bytes ${mem.rss}`);
  lines.push('# HELP process_uptime_seconds Uptime.', '# TYPE process_uptime_seconds gauge', `process_uptime_seconds ${process.uptime()}`);
  for (const [name, g] of gauges) {
    let value = NaN;
    try {
      value = await g.read();
    } catch {
      /* a failing gauge reads NaN rather than failing the scrape */
    }
    lines.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`, `${name} ${value}`);
  }
  return `${lines.join('\n')}\n`;
}
