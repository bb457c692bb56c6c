/** The worker thread of export/workbooks.ts: writes the dataset's workbooks it is sent, one job at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { Db, sqlString } from '../db.ts';
import { writeXlsx } from '../format/xlsx.ts';
import { datasetRowsPerGemeente, datasetSheet, datasetXlsxColumns, writeDatasetXlsx } from './dataset.ts';
import type { WorkbookJob, WorkerSetup } from './workbooks.ts';

const { parquet, tempDirectory } = workerData as WorkerSetup;
// Small: the view reads the Parquet file as the queries go; DuckDB sorts a slice at a time.
const db = await Db.open({ threads: 2, memoryLimit: '512MB', tempDirectory });
await db.run(`CREATE VIEW dataset AS SELECT * FROM read_parquet(${sqlString(parquet)})`);

async function run(job: WorkbookJob): Promise<void> {
  switch (job.kind) {
    case 'perGemeente': {
      const file = new Map(job.files);
      for await (const [code, rows] of datasetRowsPerGemeente(db, [...file.keys()], job.shared, job.where)) {
        await writeXlsx(file.get(code)!, [{ name: 'data', columns: datasetXlsxColumns(), rows }], job.options);
      }
      return;
    }
    case 'sheet':
      return writeXlsx(job.file, [datasetSheet(db, job.where)], job.options);
    case 'indicatoren':
      return writeDatasetXlsx(db, job.file, job.options);
  }
}

parentPort!.on('message', (job: WorkbookJob) => {
  run(job).then(() => parentPort!.postMessage({}), (e: Error) => parentPort!.postMessage({ error: e.message }));
});
