#!/usr/bin/env node
/**
 * `npm test`: installs what is missing and compiles dist/ (install.mjs; the tests that run the `leerplicht`
 * command run dist/, compiled from the same sources), type-checks, and runs the whole vitest suite once.
 * Arguments go to vitest (`npm test -- test/load.test.ts`).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './bin/compile.mjs';
import { install } from './install.mjs';

install();
const bin = (pkg, file) => path.join(ROOT, 'node_modules', pkg, file);
try {
  execFileSync(process.execPath, [bin('typescript', 'bin/tsc'), '--noEmit', '-p', '.'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, [bin('vitest', 'vitest.mjs'), 'run', '--config', 'test/vitest.config.ts', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
} catch (e) {
  process.exit(e.status ?? 1);
}
