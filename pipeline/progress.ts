/**
 * Terminal progress on stderr: stages with timings and a bar for N items.
 *
 *   const p = new Progress({ quiet });
 *   const s = p.stage('SQL model'); …; s.done();        // or p.stage('next') ends the previous one
 *   const part = p.part('export', 'PDF ∥ CSV + xlsx'); …; part.done(); // a stage running alongside others, within the current one
 *   const bar = p.bar('PDF', docs.length); bar.tick(); …; bar.done();
 *   p.summary();                                       // stage timings
 *
 * On a TTY the current line is redrawn in place (at most ~12×/s); otherwise (CI logs, files) it
 * prints plain lines: stage start/end and the bar every 10 % or 15 s. With `--log-format json` (log.ts) it
 * writes events instead: stage_start, stage_end (with ms), message and warning; no bar.
 */
import { emit, jsonLog } from './log.ts';

export interface ProgressOptions {
  quiet?: boolean;
  /** Default process.stderr. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Force TTY (redraw) or plain mode; default: stream.isTTY. */
  tty?: boolean;
}

export interface StageTiming {
  name: string;
  ms: number;
}

export interface Stage {
  readonly name: string;
  done(): void;
}

export interface Bar {
  tick(n?: number): void;
  done(): void;
}

const REDRAW_MS = 80;
const PLAIN_EVERY_MS = 15_000;

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.round(s - m * 60)).padStart(2, '0')} s`;
}

export class Progress {
  readonly quiet: boolean;
  readonly tty: boolean;
  readonly timings: StageTiming[] = [];
  #out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  #stage: { name: string; t0: number } | null = null;
  #line = ''; // what is drawn on the current (unfinished) TTY line
  #t0 = performance.now();

  constructor(opts: ProgressOptions = {}) {
    this.quiet = !!opts.quiet;
    this.#out = opts.stream ?? process.stderr;
    this.tty = opts.tty ?? !!this.#out.isTTY;
  }

  /** Starts a stage (ending the current one). */
  stage(name: string): Stage {
    this.done();
    const st = { name, t0: performance.now() };
    this.#stage = st;
    if (jsonLog()) emit('stage_start', { name });
    else this.#print(`▸ ${name}`, this.tty);
    return {
      name,
      done: () => {
        if (this.#stage === st) this.done();
      },
    };
  }

  /**
   * A stage that runs at the same time as others within the current stage `within` (build/context.ts
   * alongside): it does not end the current stage; a line when it ends (JSON: stage_start and stage_end with
   * `part_of`).
   */
  part(name: string, within: string): Stage {
    const t0 = performance.now();
    if (jsonLog()) emit('stage_start', { name, part_of: within });
    let ended = false;
    return {
      name,
      done: () => {
        if (ended) return;
        ended = true;
        const ms = performance.now() - t0;
        this.timings.push({ name: `∥ ${name}`, ms });
        if (jsonLog()) emit('stage_end', { name, part_of: within, ms: Math.round(ms) });
        else this.#print(`  ✓ ${name} (${formatDuration(ms)})`);
      },
    };
  }

  /** Ends the current stage, if any. */
  done(): void {
    const st = this.#stage;
    if (!st) return;
    this.#stage = null;
    const ms = performance.now() - st.t0;
    this.timings.push({ name: st.name, ms });
    if (jsonLog()) emit('stage_end', { name: st.name, ms: Math.round(ms) });
    else this.#print(`✓ ${st.name} (${formatDuration(ms)})`);
  }

  /** A bar for `total` items. */
  bar(label: string, total: number): Bar {
    let n = 0;
    let lastDraw = 0;
    let lastPlainPct = -1;
    let lastPlainAt = performance.now();
    let finished = false;
    const t0 = performance.now();
    const render = () => {
      const pct = total > 0 ? Math.min(1, n / total) : 1;
      const elapsed = performance.now() - t0;
      const eta = n > 0 && n < total ? ` · nog ~${formatDuration((elapsed / n) * (total - n))}` : '';
      if (!this.tty) return `${label}: ${n}/${total} (${Math.round(pct * 100)}%) ${formatDuration(elapsed)}${eta}`;
      const width = Math.max(10, Math.min(30, (this.#out.columns ?? 80) - label.length - 40));
      const full = Math.round(pct * width);
      return `  ${label} [${'█'.repeat(full)}${'░'.repeat(width - full)}] ${n}/${total} ${formatDuration(elapsed)}${eta}`;
    };
    const draw = (force: boolean) => {
      if (this.quiet || jsonLog()) return;
      const now = performance.now();
      if (this.tty) {
        if (!force && now - lastDraw < REDRAW_MS) return;
        lastDraw = now;
        this.#print(render(), true);
      } else {
        const decile = total > 0 ? Math.floor((n / total) * 10) : 10;
        if (force || decile > lastPlainPct || now - lastPlainAt >= PLAIN_EVERY_MS) {
          lastPlainPct = decile;
          lastPlainAt = now;
          this.#print(render());
        }
      }
    };
    if (!this.tty) lastPlainPct = 0; // no "0%" line in logs
    draw(true);
    return {
      tick: (k = 1) => {
        if (finished) return;
        n += k;
        draw(n >= total);
      },
      done: () => {
        if (finished) return;
        finished = true;
        if (this.tty) {
          draw(true);
          this.#endLine();
        } else if (lastPlainPct < 10 || n < total) {
          this.#print(render());
        }
      },
    };
  }

  /** A line of text that does not disturb a bar being drawn. */
  log(msg: string): void {
    if (jsonLog()) emit('message', { message: msg });
    else this.#print(msg);
  }

  warn(msg: string): void {
    // Warnings are shown even when quiet.
    if (jsonLog()) return emit('warning', { message: msg });
    this.#endLine();
    this.#out.write(`warning: ${msg}\n`);
  }

  /** Ends the current stage and prints (and returns) the stage timings. */
  summary(): string {
    this.done();
    const total = performance.now() - this.#t0;
    const w = Math.max(5, ...this.timings.map((t) => t.name.length));
    const lines = this.timings.map((t) => `  ${t.name.padEnd(w)}  ${formatDuration(t.ms).padStart(10)}`);
    lines.push(`  ${'total'.padEnd(w)}  ${formatDuration(total).padStart(10)}`);
    const text = lines.join('\n');
    this.#print(text);
    return text;
  }

  /** Writes a line; with `keep`, a TTY line stays open to be redrawn by the next print. */
  #print(text: string, keep = false): void {
    if (this.quiet || jsonLog()) return;
    if (this.tty) {
      const cols = this.#out.columns ?? 0;
      const shown = cols > 0 && text.length >= cols && !text.includes('\n') ? `${text.slice(0, cols - 2)}…` : text;
      this.#out.write(`\r\x1b[K${shown}${keep ? '' : '\n'}`);
      this.#line = keep ? shown : '';
    } else {
      this.#out.write(`${text}\n`);
    }
  }

  #endLine(): void {
    if (this.tty && this.#line) {
      this.#out.write('\n');
      this.#line = '';
    }
  }
}
