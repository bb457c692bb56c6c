/**
 * The whole test run writes its scratch folders (extracts, outputs, Chromium profiles, DuckDB spill) under one
 * temporary folder of its own, removed when the run ends: tests that make a folder with mkdtemp need not each
 * clean up, and a run leaves nothing behind in the machine's TMPDIR. (The workers and the commands the tests
 * start inherit TMPDIR.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  // Run once per vitest project (unit, e2e): the second finds the first's folder.
  if (path.basename(os.tmpdir()).startsWith('leerplicht-tests-')) return () => {};
  const root = mkdtempSync(path.join(os.tmpdir(), 'leerplicht-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
