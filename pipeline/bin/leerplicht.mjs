#!/usr/bin/env node
// Entry point of `npx leerplicht`: runs the TypeScript CLI directly through tsx (no build step, so the
// command always runs the checked-out source).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli.ts');
process.exitCode = await main(process.argv.slice(2));
