/**
 * Stage metrics (pipeline/metrics.ts): the memory of child processes (Chromium in a build) is read off the
 * main thread, once a second; a stage still gets its reading, also one shorter than a second.
 */
import { spawn } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { childrenCounted, measure, type StageMetrics } from '../pipeline/metrics.ts';

/**
 * A child process that holds `mb` MB of touched memory for `ms` milliseconds from `ready` on (it says so once
 * the memory is touched: a fixed wait was too short on a busy machine, and the reading came out low).
 */
function child(mb: number, ms: number) {
  const p = spawn(process.execPath, ['-e', `const b = Buffer.alloc(${mb} * 2 ** 20, 1); process.stdout.write('ready\\n'); setTimeout(() => b.length, ${ms});`], { stdio: ['ignore', 'pipe', 'ignore'] });
  return { ready: new Promise((r) => p.stdout!.once('data', r)), done: new Promise((r) => p.on('exit', r)) };
}

describe.runIf(childrenCounted)('stage metrics of child processes', () => {
  test('a stage with a child holding 80 MB records its memory', async () => {
    const stages: StageMetrics[] = [];
    await measure('stage', async () => {
      const c = child(80, 2500);
      await c.ready;
      await new Promise((r) => setTimeout(r, 1500));
      await c.done;
    }, stages);
    expect(stages).toHaveLength(1);
    expect(stages[0].name).toBe('stage');
    expect(stages[0].childPeakMb).toBeGreaterThanOrEqual(70);
  });

  test('a stage shorter than a second still gets its child-memory reading', async () => {
    const c = child(60, 1500);
    await c.ready;
    const stages: StageMetrics[] = [];
    await measure('short', () => new Promise((r) => setTimeout(r, 120)), stages);
    await c.done;
    expect(stages[0].childPeakMb).toBeGreaterThanOrEqual(50);
  });
});
