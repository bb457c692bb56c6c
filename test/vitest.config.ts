import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (hand-built extracts and fixtures: indicators, disclosure, kosten, render, checks; fast,
 * `npm run test:fast`) and `e2e` (whole builds, the CLI, Chromium, generated extracts). `npm test` runs both.
 */
const E2E = ['browser', 'build', 'build-hardening', 'kwartaal-build', 'load-hardening', 'incremental', 'resilience', 'pdf', 'generate', 'project', 'load', 'cli', 'web'].map((n) => `test/${n}.test.ts`);

export default defineConfig({
  test: {
    root: path.resolve(import.meta.dirname, '..'),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // DuckDB and Chromium use both cores themselves; two test files at a time is enough.
    maxWorkers: 2,
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: E2E } },
      { extends: true, test: { name: 'e2e', include: E2E } },
    ],
  },
});
