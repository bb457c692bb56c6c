#!/usr/bin/env node
/**
 * `npm run setup`: installs what is missing (install.mjs), then builds the demo: a generated West
 * Kennemerland extract, validated, and every report of schooljaar 2024/2025 in reports/, plus the 2014
 * kostenverdeling example (begroting, voorschotten, jaarrekening and afrekening).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './bin/compile.mjs';
import { install } from './install.mjs';

install();
const lp = (...args) => execFileSync(process.execPath, [path.join(ROOT, 'pipeline/bin/leerplicht.mjs'), ...args], { cwd: ROOT, stdio: 'inherit' });
try {
  lp('generate', '--config', 'west-kennemerland', '--seed', '1', '--out', 'data/generated/west-kennemerland');
  lp('validate', '--extract', 'data/generated/west-kennemerland');
  lp('build', '--extract', 'data/generated/west-kennemerland', '--config', 'west-kennemerland', '--schooljaar', '2024/2025');
  // The 2014 kostenverdeling example: begroting with voorschotten, then the jaarrekening and afrekening from an
  // invented realisation (data/realisatie/west-kennemerland-2014/README.md). The meeting dates are examples.
  const kosten = ['kosten', '--config', 'west-kennemerland/2014', '--bevolking', 'data/bevolking/west-kennemerland-2013-01-01.csv'];
  lp(...kosten, '--vergadering', '2013-06-27');
  lp(...kosten, '--jaarrekening', 'data/realisatie/west-kennemerland-2014', '--vergadering', '2015-06-25');
} catch (e) {
  process.exit(e.status ?? 1); // the command has said what went wrong
}
process.stderr.write('Demo reports are in reports/west-kennemerland/\n');
