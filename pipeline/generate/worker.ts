/** Worker thread: generates one part of a large run (see run.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { runPart, type PartJob } from './run.ts';

const port = parentPort!;
const rows = await runPart(workerData as PartJob, (done) => port.postMessage({ type: 'progress', done }));
port.postMessage({ type: 'done', rows });
