/**
 * Stage measurements: wall time, CPU time and peak memory, sampled while the stage runs.
 *
 * CPU counts this process (DuckDB's threads included) and its descendant processes (Chromium: the browser,
 * its zygote and renderers, which run in a process group of their own): on Linux, sampled from /proc every
 * 100 ms (what a process uses in its last 100 ms, or a process that lives shorter than that, is missed).
 * Elsewhere only this process is counted (`childrenCounted` false).
 *
 * Peak memory: this process's resident memory, and separately that of its child processes (PSS, so pages
 * Chromium's processes share are counted once), sampled every 50 ms and 1 s. The kernel computes PSS by
 * walking the process's page tables: reading smaps_rollup of Chromium's processes took ~30 ms a time, so
 * it is read off the main thread (fs.promises, libuv's pool) and once a second (read synchronously every
 * 250 ms it held up the national PDF stage's main thread for ~16 s).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface StageMetrics {
  name: string;
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  /** Of cpuMs, the child processes' (Chromium's). */
  childCpuMs?: number;
  /** Peak memory of the child processes (Chromium) during the stage, MB (0: none). */
  childPeakMb?: number;
  /**
   * A stage that ran at the same time as others, as a part of the row before it (build/context.ts
   * alongside): only its wall time is its own; its CPU and memory are counted in that row.
   */
  part?: boolean;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux). */
const TICK_MS = 10;

/** Whether CPU of child processes (Chromium) is counted: Linux /proc is readable. */
export const childrenCounted = (() => {
  try {
    readFileSync('/proc/self/stat', 'utf8');
    return true;
  } catch {
    return false;
  }
})();

/** Pids of all live descendants of `pid`. */
function descendants(pid: number): number[] {
  const out: number[] = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      try {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ')) {
          if (c) {
            out.push(Number(c));
            stack.push(Number(c));
          }
        }
      } catch {
        // gone meanwhile
      }
    }
  }
  return out;
}

/**
 * CPU of the descendant processes (Chromium), by sampling: each process's own CPU (utime + stime) as last
 * seen, minus what it had used when the stage began. Sampling, not the kernel's count of reaped children:
 * Chromium's renderers and zygote are often not reaped through our process (they outlive the browser
 * process by a moment at close), so `cutime` misses most of their time.
 */
class ChildCpu {
  #start = new Map<string, number>();
  #last = new Map<string, number>();

  constructor() {
    for (const [key, ticks] of this.#sample()) this.#start.set(key, ticks);
  }

  #sample(): [string, number][] {
    const out: [string, number][] = [];
    for (const pid of descendants(process.pid)) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // pid + start time: a key that a reused pid does not share
        out.push([`${pid}@${f[19]}`, Number(f[11]) + Number(f[12])]);
      } catch {
        // gone meanwhile
      }
    }
    return out;
  }

  sample(): void {
    for (const [key, ticks] of this.#sample()) this.#last.set(key, ticks);
  }

  /** CPU ms the descendants used since construction (as far as sampled). */
  ms(): number {
    this.sample();
    let ticks = 0;
    for (const [key, last] of this.#last) ticks += Math.max(0, last - (this.#start.get(key) ?? 0));
    return ticks * TICK_MS;
  }
}

/** Memory of the live child processes, MB: PSS (shared pages split between the processes sharing them). */
async function childMemoryMb(): Promise<number> {
  const kb = await Promise.all(descendants(process.pid).map(async (pid) => {
    try {
      const m = /^Pss:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8'));
      return m ? Number(m[1]) : 0;
    } catch {
      return 0; // gone meanwhile
    }
  }));
  return Math.round(kb.reduce((a, b) => a + b, 0) / 1024);
}

export async function measure<T>(name: string, fn: () => Promise<T>, into: StageMetrics[]): Promise<T> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const childCpu = childrenCounted ? new ChildCpu() : undefined;
  let peak = process.memoryUsage.rss();
  let childPeak = 0;
  let n = 0;
  let reading: Promise<void> | undefined;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
    if (!childCpu) return;
    if (n % 2 === 0) childCpu.sample();
    if (n % 20 === 0 && !reading) {
      reading = childMemoryMb().then((mb) => {
        childPeak = Math.max(childPeak, mb);
        reading = undefined;
      });
    }
    n++;
  }, 50);
  timer.unref();
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    const ms = Math.round(performance.now() - t0);
    await reading; // (a short stage's one reading)
    peak = Math.max(peak, process.memoryUsage.rss());
    const c = process.cpuUsage(c0);
    const children = childCpu?.ms() ?? 0;
    into.push({
      name, ms, cpuMs: Math.round((c.user + c.system) / 1000 + children),
      childCpuMs: Math.round(children), peakRssMb: Math.round(peak / 2 ** 20), childPeakMb: childPeak,
    });
  }
}

/** Peak resident memory of the whole process so far (kernel's maxRSS), in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

const sec = (ms: number) => (ms / 1000).toFixed(1);

/** The stage table of a build summary and the bench: rows of [stage, wall s, cpu s, of which browser, peak MB, browser MB]. */
export function stageRows(stages: StageMetrics[]): { header: string[]; rows: (string | number)[][] } {
  return {
    header: ['stage', 'wall s', 'cpu s', 'of which browser', 'peak MB', 'browser MB'],
    rows: stages.map((s) => (s.part ? [`  ∥ ${s.name}`, sec(s.ms), '', '', '', '']
      : [s.name, sec(s.ms), sec(s.cpuMs), s.childCpuMs ? sec(s.childCpuMs) : '', s.peakRssMb || '', s.childPeakMb || ''])),
  };
}

/** Under the table, when a block of stages ran at the same time (∥ rows). */
export function partsNote(stages: StageMetrics[]): string | undefined {
  return stages.some((s) => s.part)
    ? '∥: stages that ran at the same time, as parts of the row above them: their own wall time; their CPU and memory are in that row'
    : undefined;
}

/** What the CPU column counts, for under the table. */
export const CPU_NOTE = childrenCounted
  ? 'cpu s: this process (DuckDB included) and its child processes, sampled every 0.1 s: Chromium, and in the PDF stage the pdftotext of the BSN scan, which reads each PDF as it is printed (of which browser: the child processes); peak MB: this process; browser MB: Chromium (PSS)'
  : 'cpu s: this process only (DuckDB included); Chromium\'s CPU is not counted on this platform';
