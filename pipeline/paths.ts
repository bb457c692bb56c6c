/**
 * The tool's own folder (package.json, queries/, templates/, data/). The same code runs from its sources
 * (pipeline/*.ts: tests, type checks) and compiled (dist/pipeline/*.js: the `leerplicht` command), so
 * paths are taken from here rather than relative to each module.
 */
import path from 'node:path';

const here = import.meta.dirname; // <root>/pipeline or <root>/dist/pipeline
export const TOOL_ROOT = path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '../..') : path.resolve(here, '..');

/** A path inside the tool's folder, e.g. toolPath('queries'). */
export const toolPath = (...parts: string[]): string => path.join(TOOL_ROOT, ...parts);
