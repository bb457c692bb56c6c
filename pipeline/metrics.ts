/**
 * Stage measurements: wall time, CPU time and peak memory, sampled while the stage runs.
 *
 * CPU counts this process (DuckDB's threads included) and its descendant processes (Chromium: the browser,
 * its zygote and renderers, which run in a process group of their own): on Linux, sampled from /proc every
 * 100 ms, the list of processes found again once a second and at each stage's start and end (what a process
 * uses in its last 100 ms, or a process that lives shorter than a second, may be missed).
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
function descendants(pid = process.pid): number[] {
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
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, 'latin1').split(' ')) {
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
 * The descendants as found at most a second ago (`fresh`: now). A walk reads the children of every thread of
 * every process (~80 files with Chromium running): every 100 ms that was ~0.3 CPU-s of Node's main thread in a
 * region build. Processes come and go seldom (Chromium's renderers, pdftotext), and one found late is counted
 * from its start all the same.
 */
function knownDescendants(fresh = false): number[] {
  const now = performance.now();
  if (fresh || !known || now - known.at >= 1000) known = { at: now, pids: descendants() };
  return known.pids;
}
let known: { at: number; pids: number[] } | undefined;

/** CPU ticks (utime + stime) of every live descendant process, keyed by pid and start time (a key that a reused pid does not share). */
function descendantTicks(fresh = false): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of knownDescendants(fresh)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(`${pid}@${f[19]}`, Number(f[11]) + Number(f[12]));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Memory of the child processes `pids`, MB: PSS (shared pages split between the processes sharing them). */
async function childMemoryMb(pids: number[]): Promise<number> {
  const kb = await Promise.all(pids.map(async (pid) => {
    try {
      const m = /^Pss:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8'));
      return m ? Number(m[1]) : 0;
    } catch {
      return 0; // gone meanwhile
    }
  }));
  return Math.round(kb.reduce((a, b) => a + b, 0) / 1024);
}

/** One stage being measured: what the shared sampler tells it. */
interface Listener {
  peak: number;
  childPeak: number;
  /**
   * CPU of the descendant processes (Chromium), by sampling: each process's own CPU as last seen, minus what
   * it had used when the stage began. Sampling, not the kernel's count of reaped children: Chromium's
   * renderers and zygote are often not reaped through our process (they outlive the browser process by a
   * moment at close), so `cutime` misses most of their time.
   */
  start?: Map<string, number>;
  last: Map<string, number>;
  /** Whether a child-memory reading has reached it (a stage gets one even when shorter than a second). */
  read: boolean;
}

/**
 * One sampler for all stages measured at the same time (a block of stages and its parts: build/context.ts
 * alongside): rss every 50 ms, the descendants' CPU every 100 ms, their memory once a second, each read
 * once and told to every stage running (three samplers of their own read everything three times).
 */
const sampler = {
  listeners: new Set<Listener>(),
  timer: undefined as NodeJS.Timeout | undefined,
  n: 0,
  reading: undefined as Promise<void> | undefined,
  /** The last child-memory reading (MB), when it was taken (performance.now()) and of which processes. */
  lastMb: 0,
  lastAt: -Infinity,
  lastPids: [] as number[],
  childCpu(): void {
    const now = descendantTicks();
    for (const l of sampler.listeners) for (const [k, t] of now) l.last.set(k, t);
  },
  childMemory(): void {
    if (sampler.reading) return;
    const to = [...sampler.listeners];
    const pids = knownDescendants();
    sampler.reading = childMemoryMb(pids).then((mb) => {
      sampler.lastMb = mb;
      sampler.lastAt = performance.now();
      sampler.lastPids = pids;
      for (const l of to) {
        l.childPeak = Math.max(l.childPeak, mb);
        l.read = true;
      }
      sampler.reading = undefined;
    });
  },
  tick(): void {
    const rss = process.memoryUsage.rss();
    for (const l of sampler.listeners) l.peak = Math.max(l.peak, rss);
    if (!childrenCounted) return;
    if (sampler.n % 2 === 0) sampler.childCpu();
    if (performance.now() - sampler.lastAt >= 1000 || [...sampler.listeners].some((l) => !l.read)) sampler.childMemory();
    sampler.n++;
  },
  add(l: Listener): void {
    // A reading of the last second serves a stage that starts now as its first (each reading walks Chromium's
    // page tables: ~30 ms of CPU, ~0.35 CPU-s of a region build when every short stage took one of its own),
    // unless the child processes changed since (one started or ended: the reading is not theirs).
    const same = (a: number[], b: number[]) => a.length === b.length && a.every((p, i) => p === b[i]);
    if (performance.now() - sampler.lastAt < 1000 && same(sampler.lastPids, knownDescendants())) (l.childPeak = sampler.lastMb), (l.read = true);
    sampler.listeners.add(l);
    if (!sampler.timer) {
      sampler.n = 0;
      sampler.timer = setInterval(sampler.tick, 50);
      sampler.timer.unref();
    }
  },
  remove(l: Listener): void {
    sampler.listeners.delete(l);
    if (!sampler.listeners.size && sampler.timer) {
      clearInterval(sampler.timer);
      sampler.timer = undefined;
    }
  },
};

export async function measure<T>(name: string, fn: () => Promise<T>, into: StageMetrics[]): Promise<T> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const l: Listener = { peak: process.memoryUsage.rss(), childPeak: 0, last: new Map(), read: false };
  if (childrenCounted) l.start = descendantTicks(true);
  sampler.add(l);
  try {
    return await fn();
  } finally {
    const ms = Math.round(performance.now() - t0);
    await sampler.reading; // (a short stage's one reading)
    sampler.remove(l);
    l.peak = Math.max(l.peak, process.memoryUsage.rss());
    const c = process.cpuUsage(c0);
    let children = 0;
    if (l.start) {
      for (const [k, t] of descendantTicks(true)) l.last.set(k, t);
      let ticks = 0;
      for (const [k, last] of l.last) ticks += Math.max(0, last - (l.start.get(k) ?? 0));
      children = ticks * TICK_MS;
    }
    into.push({
      name, ms, cpuMs: Math.round((c.user + c.system) / 1000 + children),
      childCpuMs: Math.round(children), peakRssMb: Math.round(l.peak / 2 ** 20), childPeakMb: l.childPeak,
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
  ? 'cpu s: this process (DuckDB included) and its child processes, sampled every 0.1 s: Chromium (of which browser); peak MB: this process; browser MB: Chromium (PSS)'
  : 'cpu s: this process only (DuckDB included); Chromium\'s CPU is not counted on this platform';
