/**
 * Nothing of a build outlives it, also when it is killed with `kill -9` (no cleanup handler runs then):
 *   - every temporary folder carries the build's process id in its name: the output transaction
 *     (`<out>/.tmp-<pid>-*`), DuckDB's spill folder (`$TMPDIR/leerplicht-db-<pid>-*`, which holds BSNs) and
 *     Chromium's profile (`$TMPDIR/leerplicht-chromium-<pid>-*`);
 *   - a watchdog (a tiny detached shell) stops a build's Chromium process group and removes those folders
 *     within a second of the build's death;
 *   - and every build start removes what builds whose process is gone left behind, and stops their Chromium.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SPILL_PREFIX = 'leerplicht-db-';
export const CHROMIUM_PREFIX = 'leerplicht-chromium-';

/** `<prefix><pid>-`: the mkdtemp prefix of a temporary folder owned by this process. */
export function ownedPrefix(prefix: string): string {
  return `${prefix}${process.pid}-`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner pid of a folder named `<prefix><pid>-<random>`, if it is one. */
function ownerOf(name: string, prefix: string): number | undefined {
  if (!name.startsWith(prefix)) return undefined;
  const m = /^(\d+)-/.exec(name.slice(prefix.length));
  return m ? Number(m[1]) : undefined;
}

/**
 * Removes the temporary folders and stops the Chromium processes of builds that are no longer running:
 * `.tmp-<pid>-*` (and unfinished `.*.part-<pid>-*` files) in `outputRoot`, spill and profile folders in the
 * temp folder. Returns what it removed, for a line in the build's log.
 */
export function removeLeftovers(outputRoot: string, tmp = os.tmpdir()): string[] {
  const removed: string[] = [];
  const dead = (pid: number | undefined) => pid !== undefined && pid !== process.pid && !alive(pid);
  const list = (dir: string) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  // Chromium first, so that it does not write into a profile folder being removed.
  for (const { pid, owner } of chromiumProcesses(tmp)) {
    if (!dead(owner)) continue;
    killGroup(pid);
    removed.push(`Chromium pid ${pid} of build ${owner}`);
  }
  for (const name of list(tmp)) {
    for (const prefix of [SPILL_PREFIX, CHROMIUM_PREFIX]) {
      if (dead(ownerOf(name, prefix))) {
        rmSync(path.join(tmp, name), { recursive: true, force: true, maxRetries: 3 });
        removed.push(path.join(tmp, name));
      }
    }
  }
  for (const name of list(outputRoot)) {
    const m = /^\.tmp-(\d+)-/.exec(name) ?? /^\..*\.part-(\d+)-[0-9a-f]{8}$/.exec(name);
    if (m && dead(Number(m[1]))) {
      rmSync(path.join(outputRoot, name), { recursive: true, force: true, maxRetries: 3 });
      removed.push(path.join(outputRoot, name));
    }
  }
  return removed;
}

/** Processes started with `--user-data-dir=<tmp>/leerplicht-chromium-<pid>-…` (Linux /proc). */
function chromiumProcesses(tmp: string): { pid: number; owner: number }[] {
  const out: { pid: number; owner: number }[] = [];
  const marker = `--user-data-dir=${path.join(tmp, CHROMIUM_PREFIX)}`;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const p of pids) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      const at = cmd.indexOf(marker);
      if (at < 0) continue;
      const owner = /^(\d+)-/.exec(cmd.slice(at + marker.length))?.[1];
      if (owner) out.push({ pid: Number(p), owner: Number(owner) });
    } catch {
      // gone meanwhile, or not readable
    }
  }
  return out;
}

/**
 * Starts a watchdog that, once this process is gone (however it ended, `kill -9` included), kills the
 * process group `pgid` (a Chromium started detached; 0 for none) and removes `dirs`. With a group it ends
 * by itself when the group's leader ends first (Chromium closed normally).
 */
export function watchOwner(pgid: number | undefined, dirs: string[]): void {
  if (process.platform === 'win32' || pgid === undefined) return;
  const script = 'o=$1; g=$2; shift 2; ' +
    'while kill -0 "$o" 2>/dev/null && { [ "$g" = 0 ] || kill -0 "$g" 2>/dev/null; }; do sleep 0.5; done; ' +
    'if ! kill -0 "$o" 2>/dev/null; then [ "$g" = 0 ] || { kill -KILL -"$g" 2>/dev/null; sleep 0.5; }; rm -rf "$@"; fi';
  try {
    const w = spawn('/bin/sh', ['-c', script, 'leerplicht-watchdog', String(process.pid), String(pgid), ...dirs], { detached: true, stdio: 'ignore' });
    w.on('error', () => undefined);
    w.unref();
  } catch {
    // no shell: the next build start cleans up instead
  }
}

/** SIGKILL a detached Chromium with its process group (renderers, zygote, GPU process); gone already is fine. */
export function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
