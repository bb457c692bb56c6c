/**
 * Error classes that map to exit codes: InputError → 1 (bad extract, config or data),
 * UsageError → 2 (bad command line), IncompleteError → 3 (built and published, but some documents or
 * checks failed). Anything else is a bug and prints its stack.
 */
export class InputError extends Error {
  readonly exitCode = 1;
}

export class UsageError extends Error {
  readonly exitCode = 2;
}

/** The build finished and published its outputs, but some documents failed to print or checks failed. */
export class IncompleteError extends Error {
  readonly exitCode = 3;
}

/** `--memory-limit`: an amount with a unit, as DuckDB takes it (a usage error otherwise, not DuckDB's). */
export function checkMemoryLimit(v: string | undefined): void {
  if (v !== undefined && !/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(v)) {
    throw new UsageError(`--memory-limit ${v}: expected an amount with a unit, e.g. 3GB or 500MB`);
  }
}

/**
 * A failure of the machine rather than of the input: a full disk or temp folder, too little memory, a
 * DuckDB spill that failed. Exit 1 like an input error, but the message names the folder or setting to
 * change instead of blaming the extract.
 */
export class EnvironmentError extends InputError {}

/** The folder DuckDB and Chromium write their temporary files to. */
export function tempFolder(): string {
  return process.env.TMPDIR || '/tmp';
}

/**
 * Recognises an environment failure in an error from Node, DuckDB or Chromium (`where`: the folder being
 * written, when known); undefined when it is something else.
 */
export function environmentError(e: unknown, where?: string): EnvironmentError | undefined {
  if (e instanceof InputError) return undefined;
  const msg = (e as Error)?.message ?? String(e);
  const code = (e as NodeJS.ErrnoException)?.code;
  const tmp = tempFolder();
  const spill = /temp(orary)? (directory|file)|offload|spill|leerplicht-db-/i.test(msg);
  if (code === 'ENOSPC' || code === 'EDQUOT' || /No space left on device|Disk quota exceeded/i.test(msg)) {
    const folder = where && !spill ? where : tmp;
    const fix = folder === tmp ? `set TMPDIR to a folder on a disk with more free space (DuckDB's spill folder and Chromium's files go there)` : 'free some space there or choose another output folder (--out)';
    return new EnvironmentError(`the disk is full: no space left in ${folder}. This is not a problem of the extract: ${fix}, and run again. Nothing was published.`);
  }
  if (/Out of Memory|could not allocate|failed to allocate|std::bad_alloc/i.test(msg)) {
    if (spill) {
      return new EnvironmentError(`DuckDB could not move data out of memory into its spill folder in ${tmp} (full or not writable). This is not a problem of the extract: set TMPDIR to a folder on a disk with free space (about the size of the extract), or raise --memory-limit, and run again. Nothing was published.`);
    }
    return new EnvironmentError(`out of memory: DuckDB needed more than its memory limit and could not spill. This is not a problem of the extract: raise --memory-limit (e.g. 4GB), close other programs, or check that TMPDIR (${tmp}) has free space, and run again. Nothing was published.`);
  }
  if (/Protocol error \(IO\.read\)|Protocol error.*IO\.read/i.test(msg)) {
    return new EnvironmentError(`Chromium could not hand over a printed PDF; this happens when its temp folder (${tmp}) is full. Set TMPDIR to a folder with free space and run again. Nothing was published.`);
  }
  return undefined;
}
