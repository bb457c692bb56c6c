#!/usr/bin/env node
// Entry point of `npx leerplicht`: runs the compiled CLI in dist/ (compiled first when a source changed;
// see compile.mjs). Heavy modules (DuckDB, Puppeteer, Vega) are loaded only by the commands that use them.
import { compile } from './compile.mjs';

try {
  compile();
} catch (e) {
  console.error(`Error: ${e.message}`);
  process.exit(1);
}
const { main } = await import('../../dist/pipeline/cli.js');
process.exitCode = await main(process.argv.slice(2));
