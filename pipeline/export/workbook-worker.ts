/**
 * The worker thread of export/workbooks.ts: writes the dataset's workbooks it is sent, one job at a time;
 * stops between chunks of rows when the build asks it to (the stop flag), and ends with its DuckDB closed
 * (a DuckDB cut off in the middle of a query by terminate() may take the process down with it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Db, sqlString } from '../db.ts';
import { writeXlsx, type XlsxSheet } from '../format/xlsx.ts';
import { datasetSheet, datasetSheetsPerGemeente, writeDatasetXlsx } from './dataset.ts';
import { STOPPED, type WorkbookJob, type WorkbookMessage, type WorkerSetup } from './workbooks.ts';

const { parquet, tempDirectory, stop, threads } = workerData as WorkerSetup;
const flag = new Int32Array(stop);
const stopping = () => {
  if (Atomics.load(flag, 0)) throw new Error(STOPPED);
};
// Small: the view reads the Parquet file as the queries go; DuckDB sorts a slice at a time.
const db = await Db.open({ threads, memoryLimit: '512MB', tempDirectory });
let currentThreads = threads;
/** The view on the Parquet copy, made with the first job (the worker may start before the copy is written). */
let view: Promise<void> | undefined;

/** The sheet's rows, checking the stop flag every 1000 rows (rows rendered by DuckDB: every batch of them). */
function stoppable(sheet: XlsxSheet): XlsxSheet {
  const every = async function* <T>(rows: AsyncIterable<T> | Iterable<T>, each: number) {
    let n = 0;
    for await (const row of rows) {
      if (++n % each === 0) stopping();
      yield row;
    }
  };
  const { rows } = sheet;
  return { ...sheet, rows: 'render' in rows ? { ...rows, render: (xml) => every(rows.render(xml), 1) } : every(rows, 1000) };
}

async function run(job: WorkbookJob, threads = currentThreads): Promise<void> {
  stopping();
  if (threads !== currentThreads) {
    await db.run(`SET threads = ${Math.trunc(threads)}`);
    currentThreads = threads;
  }
  await (view ??= db.run(`CREATE VIEW dataset AS SELECT * FROM read_parquet(${sqlString(parquet)})`));
  switch (job.kind) {
    case 'perGemeente': {
      const file = new Map(job.files);
      for await (const [code, sheet] of datasetSheetsPerGemeente(db, [...file.keys()], job.shared, job.where)) {
        stopping();
        await writeXlsx(file.get(code)!, [stoppable(sheet)], job.options);
      }
      return;
    }
    case 'sheet':
      return writeXlsx(job.file, [stoppable(await datasetSheet(db, job.where))], job.options);
    case 'indicatoren':
      return writeDatasetXlsx(db, job.file, job.options, stoppable);
    case 'sheets':
      for (const [file, sheets] of job.files) {
        stopping();
        await writeXlsx(file, sheets.map(stoppable), job.options);
      }
      return;
  }
}

parentPort!.on('message', (m: WorkbookMessage) => {
  if (m === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  // Busy while the job runs (an interrupt waits for the end of it: export/workbooks.ts).
  Atomics.store(flag, 1, 1);
  const idle = () => {
    Atomics.store(flag, 1, 0);
    Atomics.notify(flag, 1);
  };
  run(m.job, m.threads).then(() => {
    idle();
    parentPort!.postMessage({});
  }, (e: Error) => {
    idle();
    parentPort!.postMessage({ error: e.message });
  });
});
