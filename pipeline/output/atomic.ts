/**
 * Outputs appear complete or not at all.
 *
 * - `OutputTransaction.begin(finalRoot)` makes a temp dir inside the final root (same filesystem,
 *   so moving is a rename); everything is written there and `commit()` renames each file into
 *   place. `abort()` (or an interrupt, or process exit without commit) removes the temp dir.
 * - `writeFileAtomic(file, data)` writes one file through a temp name + rename.
 * - `acquireLock(root)` makes sure only one build writes to an output folder at a time.
 * - `installInterruptHandlers()` makes SIGINT/SIGTERM/SIGHUP run the registered cleanups (remove
 *   temp dirs, release locks, kill browsers) before exiting; `onCleanup(fn)` registers one.
 *
 * Permission problems, read-only filesystems and full disks become InputError with a clear message.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants as fsc, existsSync, mkdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../errors.ts';

// ---------------------------------------------------------------------------------------------
// Cleanup on exit / interrupt. Cleanups are synchronous: they also run from process.on('exit').

type Cleanup = () => void;
const cleanups = new Set<Cleanup>();
let exitHookInstalled = false;

function runCleanups(): void {
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    try {
      fn();
    } catch {
      // best effort: the process is going away
    }
  }
}

/** Registers a synchronous cleanup run on exit or interrupt; returns a function that unregisters it. */
export function onCleanup(fn: Cleanup): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', runCleanups);
  }
  cleanups.add(fn);
  return () => void cleanups.delete(fn);
}

let signalsInstalled = false;
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
const installed: [NodeJS.Signals, () => void][] = [];

/**
 * SIGINT/SIGTERM/SIGHUP: run all cleanups (temp dirs removed, lock released, Chromium killed),
 * then exit with 128 + signal number. A second signal exits at once. Idempotent.
 */
export function installInterruptHandlers(opts: { log?: (msg: string) => void } = {}): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  let exiting = false;
  for (const sig of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) {
    const handler = () => {
      if (exiting) process.exit(SIGNAL_EXIT[sig]);
      exiting = true;
      log(`\n${sig}: interrupted, removing unfinished output`);
      runCleanups();
      process.exit(SIGNAL_EXIT[sig]);
    };
    process.on(sig, handler);
    installed.push([sig, handler]);
  }
}

/**
 * Takes the handlers of installInterruptHandlers away again: for a process that ran builds in-process and
 * is then stopped by its host with a signal (a test runner's worker), which should end at once rather than
 * exit through Node while DuckDB's threads may still be busy (that aborts the process).
 */
export function uninstallInterruptHandlers(): void {
  for (const [sig, handler] of installed.splice(0)) process.removeListener(sig, handler);
  signalsInstalled = false;
}

// ---------------------------------------------------------------------------------------------
// Errors.

const FS_PROBLEMS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the filesystem is read-only',
  ENOTDIR: 'a path component is not a folder',
};

/** An InputError for the problems a user must fix (permissions, full disk), else undefined. */
export function outputProblem(e: unknown, root: string, file?: string): InputError | undefined {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (!code || !(code in FS_PROBLEMS)) return undefined;
  const where = file ? `writing ${file}` : `using output folder ${root}`;
  const hint =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'Free some space (or choose another output folder with enough room) and run again.'
      : `Choose a writable output folder or fix the permissions of ${root}.`;
  return new InputError(`cannot write output: ${FS_PROBLEMS[code]} (${code}) while ${where}. Nothing was published. ${hint}`);
}

// ---------------------------------------------------------------------------------------------
// Single files.

function partName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.part-${process.pid}-${randomBytes(4).toString('hex')}`);
}
const PART_RE = /^\..*\.part-\d+-[0-9a-f]{8}$/;

/** Writes `file` through a temporary sibling + rename, creating parent folders. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = partName(file);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Transactions.

export type TransactionState = 'open' | 'committed' | 'aborted';

export class OutputTransaction {
  #state: TransactionState = 'open';
  #unregister: () => void;

  private constructor(
    /** The folder the outputs finally live in. */
    readonly finalRoot: string,
    /** Where they are written first: `<finalRoot>/.tmp-<pid>-<random>`. */
    readonly tempRoot: string,
  ) {
    this.#unregister = onCleanup(() => {
      if (this.#state === 'open') rmSync(this.tempRoot, { recursive: true, force: true });
    });
  }

  static async begin(finalRoot: string): Promise<OutputTransaction> {
    const root = path.resolve(finalRoot);
    try {
      await fs.mkdir(root, { recursive: true });
      const st = await fs.stat(root);
      if (!st.isDirectory()) throw new InputError(`output folder ${root} exists and is not a folder.`);
      const temp = await fs.mkdtemp(path.join(root, `.tmp-${process.pid}-`));
      return new OutputTransaction(root, temp);
    } catch (e) {
      throw outputProblem(e, root) ?? e;
    }
  }

  get state(): TransactionState {
    return this.#state;
  }

  /**
   * The temporary path of `rel` (relative to the final root; must stay inside it). Its parent
   * folder is created, so the path can be handed to any writer (DuckDB COPY, the PDF printer).
   */
  path(rel: string): string {
    if (this.#state !== 'open') throw new Error(`output transaction is ${this.#state}`);
    const norm = path.normalize(rel);
    if (path.isAbsolute(norm) || norm === '..' || norm.startsWith(`..${path.sep}`) || norm === '.') {
      throw new Error(`output path must be relative and inside the output folder: ${rel}`);
    }
    const file = path.join(this.tempRoot, norm);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
    } catch (e) {
      throw outputProblem(e, this.finalRoot) ?? e;
    }
    return file;
  }

  /** Writes `rel` into the transaction; returns its temporary path. */
  async writeFile(rel: string, data: string | Uint8Array): Promise<string> {
    const file = this.path(rel);
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, data);
      return file;
    } catch (e) {
      const problem = outputProblem(e, this.finalRoot, path.join(this.finalRoot, rel));
      if (problem) {
        await this.abort();
        throw problem;
      }
      throw e;
    }
  }

  /** Files written so far, relative paths, sorted (unfinished `writeFileAtomic` parts excluded). */
  async files(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const ent of await fs.readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, ent.name);
        if (ent.isDirectory()) await walk(full);
        else if (!PART_RE.test(ent.name)) out.push(path.relative(this.tempRoot, full));
      }
    };
    await walk(this.tempRoot);
    return out.sort();
  }

  /**
   * Moves every file into the final root (one rename per file, replacing older versions) and
   * removes the temp dir. Returns the relative paths published.
   */
  async commit(): Promise<string[]> {
    if (this.#state !== 'open') throw new Error(`output transaction is ${this.#state}`);
    const files = await this.files();
    const done: string[] = [];
    try {
      for (const rel of files) {
        const dest = path.join(this.finalRoot, rel);
        await fs.mkdir(path.dirname(dest), { recursive: true });
        await fs.rename(path.join(this.tempRoot, rel), dest);
        done.push(rel);
      }
    } catch (e) {
      await this.abort();
      const problem = outputProblem(e, this.finalRoot);
      if (problem) {
        problem.message += done.length ? ` (${done.length} of ${files.length} files had already been moved into place)` : '';
        throw problem;
      }
      throw e;
    }
    this.#state = 'committed';
    this.#unregister();
    await fs.rm(this.tempRoot, { recursive: true, force: true });
    return done;
  }

  /** Removes the temp dir; the final root is left as it was. Safe to call more than once. */
  async abort(): Promise<void> {
    if (this.#state !== 'open') return;
    this.#state = 'aborted';
    this.#unregister();
    await fs.rm(this.tempRoot, { recursive: true, force: true, maxRetries: 3 });
  }
}

// ---------------------------------------------------------------------------------------------
// Lock.

export const LOCK_NAME = '.leerplicht.lock';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  /** Linux: process start time (clock ticks after boot), to recognise a reused pid. */
  procStart?: string;
  argv?: string[];
}

function procStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may contain spaces and parentheses: split after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(info: LockInfo): boolean {
  if (info.host !== os.hostname()) return true; // cannot check another machine: assume it runs
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (info.procStart) {
    const now = procStart(info.pid);
    if (now !== undefined && now !== info.procStart) return false; // pid reused by another process
  }
  return true;
}

/** The error writing into the nearest existing folder above `dir` gives (EROFS, EACCES), if any. */
function writableProblem(dir: string): NodeJS.ErrnoException | undefined {
  let d = dir;
  while (!existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  try {
    accessSync(d, fsc.W_OK);
    return undefined;
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

export interface Lock {
  readonly file: string;
  /** Removes the lock file (only if it is still ours). Idempotent; also runs on exit. */
  release(): void;
}

/**
 * Creates `<root>/.leerplicht.lock` (or `opts.name`, e.g. one per shard) exclusively. A lock held by a
 * running process → InputError naming its pid; a lock left by a process that no longer exists is taken
 * over with a warning.
 */
export async function acquireLock(root: string, opts: { warn?: (msg: string) => void; name?: string } = {}): Promise<Lock> {
  const dir = path.resolve(root);
  const file = path.join(dir, opts.name ?? LOCK_NAME);
  const warn = opts.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  const mine: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    procStart: procStart(process.pid),
    argv: process.argv.slice(1),
  };
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      // (Node reports ENOENT for a folder it cannot make on a read-only file system: ask the nearest folder.)
      const ro = writableProblem(dir);
      if (ro) throw outputProblem(ro, dir) ?? ro;
      throw new InputError(`cannot write output: the output folder ${dir} cannot be made (a folder on the way is a broken link or cannot be created). Nothing was published. Choose another output folder (--out).`);
    }
    throw outputProblem(e, dir) ?? e;
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await fs.open(file, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, 0o644);
      try {
        await fh.writeFile(`${JSON.stringify(mine, null, 2)}\n`);
      } finally {
        await fh.close();
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw outputProblem(e, dir) ?? e;
    }
    let held: LockInfo | undefined;
    try {
      held = JSON.parse(await fs.readFile(file, 'utf8')) as LockInfo;
    } catch {
      // Unreadable or being written right now: fresh → treat as held, old → stale.
      let age = Infinity;
      try {
        age = Date.now() - statSync(file).mtimeMs;
      } catch {
        continue; // vanished meanwhile: try again
      }
      if (age < 10_000 || attempt > 0) {
        throw new InputError(`output folder ${dir} is locked (${file} exists but is unreadable). If no other build is running, remove that file.`);
      }
    }
    if (held && isAlive(held)) {
      const who = held.host === os.hostname() ? `pid ${held.pid}` : `pid ${held.pid} on ${held.host}`;
      throw new InputError(
        `another build is already writing to ${dir} (${who}, started ${held.startedAt}). ` +
          `Wait for it to finish, or stop it; if it is no longer running, remove ${file}.`,
      );
    }
    if (attempt > 0) throw new InputError(`could not take over the stale lock ${file}; another build may be starting. Try again.`);
    warn(held ? `taking over the lock of build pid ${held.pid} (started ${held.startedAt}), which is no longer running` : `removing unreadable stale lock ${file}`);
    await fs.rm(file, { force: true });
  }

  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    unregister();
    try {
      const now = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
      if (now.pid === mine.pid && now.startedAt === mine.startedAt) unlinkSync(file);
    } catch {
      // already gone, or not ours any more
    }
  };
  const unregister = onCleanup(release);
  return { file, release };
}
