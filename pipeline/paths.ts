/**
 * The tool's own folder (package.json, queries/, templates/, data/). The same code runs from its sources
 * (pipeline/*.ts: tests, type checks) and compiled (dist/pipeline/*.js: the `leerplicht` command), so
 * paths are taken from here rather than relative to each module.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const here = import.meta.dirname; // <root>/pipeline or <root>/dist/pipeline
export const TOOL_ROOT = path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '../..') : path.resolve(here, '..');

/** A path inside the tool's folder, e.g. toolPath('queries'). */
export const toolPath = (...parts: string[]): string => path.join(TOOL_ROOT, ...parts);

/**
 * The compiled worker script `dist/<file>` (e.g. `pipeline/generate/worker.js`) for a worker thread. From the
 * TypeScript sources (vitest), dist/ is compiled first if a source changed, so the worker runs the same code.
 */
export async function workerEntry(file: string): Promise<URL> {
  if (!import.meta.url.endsWith('.js')) {
    const { compile } = await import(pathToFileURL(toolPath('pipeline/bin/compile.mjs')).href);
    compile({ log: () => undefined });
  }
  return pathToFileURL(toolPath('dist', file));
}
