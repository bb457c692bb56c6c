/**
 * `--log-format json`: one JSON object per line on stderr, for a scheduler or log collector.
 *
 *   {"time":"2026-12-01T18:00:00.000Z","event":"stage_start","name":"SQL model"}
 *   {"time":"…","event":"stage_end","name":"SQL model","ms":5123}
 *   {"time":"…","event":"document","status":"printed","id":"jaarverslag 0392","file":"0392-haarlem/….pdf"}
 *   {"time":"…","event":"warning","message":"…"}
 *   {"time":"…","event":"error","exit_code":1,"message":"…"}
 *   {"time":"…","event":"end","exit_code":0}
 *
 * Structured events come from the progress display (stages), the build (documents) and the CLI (errors,
 * end). Every other line a command writes to stderr becomes a `message` event (or `warning` when it starts
 * with "warning: "), so stderr holds nothing but JSON lines. In the default text format `emit` does nothing.
 * Stdout (a command's results, such as the build summary) is not touched.
 */
export type LogFormat = 'text' | 'json';
export const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

type Write = typeof process.stderr.write;

let json = false;
let rawWrite: ((s: string) => void) | undefined;
let restore: (() => void) | undefined;

export function jsonLog(): boolean {
  return json;
}

/** Writes one event (json format only). */
export function emit(event: string, fields: Record<string, unknown> = {}): void {
  if (!json || !rawWrite) return;
  rawWrite(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
}

/** A line of text someone wrote to stderr, as an event. */
function emitLine(line: string): void {
  // Carriage-return redraws and terminal colour codes: only the last state of the line counts.
  const text = line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/^.*\r/, '').trim();
  if (!text) return;
  const warning = /^warning: (.*)$/s.exec(text);
  if (warning) emit('warning', { message: warning[1] });
  else emit('message', { message: text });
}

/** Switches the format for this process; `json` takes over process.stderr until `resetLogFormat`. */
export function setLogFormat(format: LogFormat): void {
  resetLogFormat();
  if (format !== 'json') return;
  const stderr = process.stderr;
  const original = stderr.write;
  const write = original.bind(stderr) as (s: string) => boolean;
  let pending = '';
  rawWrite = (s) => {
    write(s);
  };
  stderr.write = ((chunk: string | Uint8Array, enc?: unknown, cb?: unknown) => {
    pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) emitLine(l);
    const done = typeof enc === 'function' ? enc : cb;
    if (typeof done === 'function') done();
    return true;
  }) as Write;
  json = true;
  restore = () => {
    if (pending) emitLine(pending);
    stderr.write = original;
    json = false;
    rawWrite = undefined;
  };
}

export function resetLogFormat(): void {
  const r = restore;
  restore = undefined;
  r?.();
}
