/**
 * The build's workbooks (each gemeente's jaarverslag figures, the RMC figures, indicatoren.xlsx, the
 * Leerplichttelling's), written by a worker thread: building ~28 million cells is JavaScript on one thread
 * (~1 core for ~80 s nationally), and the build writes them while the PDFs print (build/index.ts), when Node's
 * main thread is needed for the printer (charts, HTML, the traffic with Chromium): on the main thread the two
 * took turns and the PDFs waited. (So Node's main thread never loads exceljs in a build.)
 *
 * The worker has a DuckDB of its own, whose `dataset` is a view of a Parquet copy of the build's dataset
 * table (removed by close), of which DuckDB renders the sheets' rows as XML (export/dataset.ts,
 * format/xlsx.ts XlsxSqlRows): the same bytes as from the rows as JavaScript objects.
 *
 *   const wb = await WorkbookWriter.start(db, parquetFile, spillFolder);
 *   await wb.run({ kind: 'sheet', file, where, options });   // rejects with the worker's error
 *   await wb.close();                                         // also stops a job still running
 */
import { rmSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { type Db, sqlString } from '../db.ts';
import { workerEntry } from '../paths.ts';
import { onCleanup } from '../output/atomic.ts';
import type { XlsxOptions, XlsxSheet } from '../format/xlsx.ts';

/** A workbook of the dataset (workbook-worker.ts writes it). */
export type WorkbookJob =
  /** Per gemeente its rows matching `where` and those of area `shared` (datasetRowsPerGemeente), one workbook each. */
  | { kind: 'perGemeente'; files: [code: string, file: string][]; shared: string; where: string; options: XlsxOptions }
  /** One sheet `data` of the rows matching `where` (datasetSheet). */
  | { kind: 'sheet'; file: string; where: string; options: XlsxOptions }
  /** indicatoren.xlsx (writeDatasetXlsx). */
  | { kind: 'indicatoren'; file: string; options: XlsxOptions }
  /** Workbooks of sheets whose rows are given (arrays: they are copied to the worker), e.g. the Leerplichttelling's. */
  | { kind: 'sheets'; files: [file: string, sheets: XlsxSheet[]][]; options: XlsxOptions };

/** What the worker is sent: a job, with the threads for its DuckDB from then on; or 'close'. */
export type WorkbookMessage = { job: WorkbookJob; threads?: number } | 'close';

export interface WorkerSetup {
  parquet: string;
  tempDirectory: string;
  /** The worker's DuckDB threads at the start. */
  threads: number;
  /** Int32 flags: [0] non-zero asks the worker to stop its job (close); [1] 1 while the worker runs a job. */
  stop: SharedArrayBuffer;
}

/** The error of a job stopped by close(). */
export const STOPPED = 'workbooks: stopped';

export class WorkbookWriter {
  #pending?: { resolve: () => void; reject: (e: Error) => void };
  #failed?: Error;
  readonly #unregister: () => void;

  private constructor(
    private readonly worker: Worker,
    private readonly parquet: string,
    private readonly stop: Int32Array,
  ) {
    // An interrupt (Ctrl-C) exits the process at once (output/atomic.ts): a worker cut off while a DuckDB
    // query of its job runs takes the process down with it (SIGABRT instead of exit code 130). So the exit
    // waits, the main thread blocked, until the worker has stopped its job (within a chunk of rows), at most 5 s.
    this.#unregister = onCleanup(() => {
      Atomics.store(stop, 0, 1);
      Atomics.wait(stop, 1, 1, 5000);
    });
    worker.on('message', (m: { error?: string }) => {
      const p = this.#pending;
      this.#pending = undefined;
      if (m.error) p?.reject(new Error(m.error));
      else p?.resolve();
    });
    const fail = (e: Error) => {
      this.#failed ??= e;
      this.#pending?.reject(this.#failed);
      this.#pending = undefined;
    };
    worker.on('error', fail);
    this.#exited = new Promise((resolve) => worker.once('exit', (code) => {
      fail(new Error(`workbooks: the worker thread stopped (exit code ${code})`));
      resolve();
    }));
  }

  readonly #exited: Promise<void>;

  /**
   * Copies `db`'s dataset table to the Parquet file `parquet` (removed by close) and starts the worker on it;
   * its DuckDB spills to `tempDirectory`, a folder of its own (two DuckDBs in one folder use the same file
   * names).
   */
  static async start(db: Db, parquet: string, tempDirectory: string): Promise<WorkbookWriter> {
    const w = await WorkbookWriter.launch(parquet, tempDirectory);
    await w.copyDataset(db);
    return w;
  }

  /**
   * Starts the worker before the dataset exists (a build: while disclosure control runs, so that loading
   * its modules and opening its DuckDB, ~1 CPU-s, are not in the way of the data files): it reads
   * `parquet` from the first job on, which copyDataset must have written. DuckDB threads: `threads`
   * (default 2).
   */
  static async launch(parquet: string, tempDirectory: string, threads = 2): Promise<WorkbookWriter> {
    const { Worker } = await import('node:worker_threads');
    const stop = new SharedArrayBuffer(8);
    const setup: WorkerSetup = { parquet, tempDirectory, stop, threads };
    return new WorkbookWriter(new Worker(await workerEntry('pipeline/export/workbook-worker.js'), { workerData: setup }), parquet, new Int32Array(stop));
  }

  #copied?: Promise<void>;

  /**
   * Copies `db`'s dataset table to the worker's Parquet file, once (before the first job), in the published
   * order (a query of a range of its rows reads only that part of the file).
   */
  copyDataset(db: Db): Promise<void> {
    this.#copied ??= db.run(`COPY (SELECT * FROM dataset ORDER BY volgorde) TO ${sqlString(this.parquet)} (FORMAT parquet)`);
    return this.#copied;
  }

  /** Writes one job's workbooks, its DuckDB on `threads` threads from this job on (default: as it is); one job at a time. */
  run(job: WorkbookJob, threads?: number): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    if (this.#pending) return Promise.reject(new Error('workbooks: one job at a time'));
    const done = new Promise<void>((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.worker.postMessage({ job, threads } satisfies WorkbookMessage);
    });
    this.#current = done.catch(() => undefined);
    return done;
  }

  #current: Promise<void> = Promise.resolve();
  #closing?: Promise<void>;

  /**
   * Stops a job still running (it rejects; the worker stops within a chunk of rows), closes the worker's
   * DuckDB, ends the worker and removes the Parquet copy. (Not terminate() straight away: a DuckDB cut off in
   * the middle of a query can take the whole process down; terminate only if the worker does not end.)
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#failed ??= new Error(STOPPED);
      Atomics.store(this.stop, 0, 1);
      const late = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
      await Promise.race([this.#current, late(10_000)]);
      this.worker.postMessage('close');
      await Promise.race([this.#exited, late(10_000).then(() => this.worker.terminate())]);
      this.#unregister();
      rmSync(this.parquet, { force: true });
    })();
    return this.#closing;
  }
}
