/**
 * Every test file: a build run in-process installs the interrupt handlers (output/atomic.ts); after the file
 * they are taken away again, so that the test runner stopping its worker with SIGTERM ends it at once instead
 * of exiting through Node while DuckDB may still be busy (which aborted the worker: "terminate called …").
 */
import { afterAll } from 'vitest';
import { uninstallInterruptHandlers } from '../pipeline/output/atomic.ts';

afterAll(() => uninstallInterruptHandlers());
