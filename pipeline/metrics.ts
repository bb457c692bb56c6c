/**
 * Stage measurements: wall time, CPU time of this process (DuckDB's threads included; Chromium's own
 * processes are not) and peak resident memory, sampled while the stage runs.
 */
export interface StageMetrics {
  name: string;
  ms: number;
  cpuMs: number;
  peakRssMb: number;
}

export async function measure<T>(name: string, fn: () => Promise<T>, into: StageMetrics[]): Promise<T> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  timer.unref();
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage.rss());
    const c = process.cpuUsage(c0);
    into.push({ name, ms: Math.round(performance.now() - t0), cpuMs: Math.round((c.user + c.system) / 1000), peakRssMb: Math.round(peak / 2 ** 20) });
  }
}

/** Peak resident memory of the whole process so far (kernel's maxRSS), in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
