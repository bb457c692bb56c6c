/** `--extractdatum` makes extract.json optional; an extract date after today is an error. */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../pipeline/cli.ts';
import { checkExtractdatum } from '../pipeline/extractdatum.ts';
import { readExtractMeta } from '../pipeline/load/read.ts';
import { tempDir, writeCsvExtract } from './helpers/extract-dir.ts';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('extract date', () => {
  it('accepts today and earlier, refuses a later or malformed date', () => {
    expect(checkExtractdatum('2026-03-10', '--extractdatum', NOW)).toBe('2026-03-10');
    expect(() => checkExtractdatum('2026-03-11', '--extractdatum', NOW)).toThrow(/after today/);
    expect(() => checkExtractdatum('2025-02-30', '--extractdatum', NOW)).toThrow(/not a date/);
    expect(() => checkExtractdatum('15-10-2025', '--extractdatum', NOW)).toThrow(/YYYY-MM-DD/);
  });

  it('comes from extract.json or from the flag; both differing or a future extract.json is a problem', () => {
    const dir = writeCsvExtract(tempDir(), {}, '2025-10-15');
    expect(readExtractMeta(dir).meta?.extractdatum).toBe('2025-10-15');
    expect(readExtractMeta(dir, '2025-10-15').meta?.extractdatum).toBe('2025-10-15');
    expect(readExtractMeta(dir, '2025-10-16').problem?.reason).toMatch(/says extractdatum 2025-10-15, but 2025-10-16 was given/);
    writeFileSync(path.join(dir, 'extract.json'), JSON.stringify({ extractdatum: '2999-01-01' }));
    expect(readExtractMeta(dir).problem?.reason).toMatch(/after today/);
    rmSync(path.join(dir, 'extract.json'));
    expect(readExtractMeta(dir).problem?.reason).toMatch(/give --extractdatum/);
    expect(readExtractMeta(dir, '2025-10-15').meta).toEqual({ extractdatum: '2025-10-15' });
  });

  it('validate runs on a folder without extract.json when --extractdatum is given', async () => {
    const dir = writeCsvExtract(tempDir(), { personen: [{ bsn: '999993653', geboortedatum: '2010-03-15', geslacht: 'M' }] });
    rmSync(path.join(dir, 'extract.json'));
    expect(await main(['validate', '--extract', dir])).toBe(1);
    expect(await main(['validate', '--extract', dir, '--extractdatum', '2025-10-15'])).toBe(0);
    expect(await main(['validate', '--extract', dir, '--extractdatum', '2999-10-15'])).toBe(1);
  });
});
