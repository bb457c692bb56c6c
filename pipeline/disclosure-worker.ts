/** A worker thread of the disclosure audit (disclosure-audit.ts, `audit` and `repair`): audits or repairs the components it is given. */
import { parentPort, workerData } from 'node:worker_threads';
import { auditJob, type WorkerJob } from './disclosure-audit.ts';

parentPort!.postMessage(await auditJob(workerData as WorkerJob));
