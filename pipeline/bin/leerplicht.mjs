#!/usr/bin/env node
// Entry point of `npx leerplicht`: runs the compiled CLI in dist/ (compiled first when a source changed;
// see compile.mjs). Heavy modules (DuckDB, Puppeteer, Vega) are loaded only by the commands that use them.
import { compile } from './compile.mjs';

// A reader that goes away (`leerplicht dictionary | head`): the rest of the output is dropped, no EPIPE
// stack trace; the command finishes and exits with its own code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

const args = process.argv.slice(2);
const json = args.some((a, i) => a === '--log-format=json' || (a === '--log-format' && args[i + 1] === 'json'));
const log = json ? (m) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'message', message: m })}\n`) : undefined;
try {
  compile({ log });
} catch (e) {
  if (log) process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'error', exit_code: 1, message: e.message })}\n`);
  else console.error(`Error: ${e.message}`);
  process.exit(1);
}
const { main } = await import('../../dist/pipeline/cli.js');
process.exitCode = await main(args);
