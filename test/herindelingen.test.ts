/** Herindelingen: table 33 as reference data; residence histories on the gemeentelijke indeling of the report year. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { herindelingen, herindelingenCsv, indelingsdatum, readTabel33, successors } from '../pipeline/herindelingen.ts';
import { buildFixture, FIXTURE_TIMEOUT, waarde } from './helpers/fixture.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const TABEL33 = path.resolve(ROOT, '../shared/data/brp/Tabel33 Gemeententabel (gesorteerd op code).csv');

describe('table 33', () => {
  it('the shipped reference data is exactly the herindelingen of table 33 (UTF-16)', async () => {
    const rows = await readTabel33(TABEL33);
    expect(herindelingenCsv(rows)).toBe(readFileSync(path.join(ROOT, 'data/reference/herindelingen.csv'), 'utf8'));
    expect(rows.find((r) => r.gemeentecode === '0393')).toEqual({ gemeentecode: '0393', naam: 'Haarlemmerliede en Spaarnwoude', nieuwe_code: '0394', datum: '2019-01-01' });
    expect(rows.find((r) => r.gemeentecode === '0800')?.naam).toBe('Hoogeloon, Hapert en Casteren');
  });

  it('maps a code to its successor on the last day of the report\'s schooljaar, following chains', () => {
    const rows = herindelingen();
    expect(indelingsdatum('2024/2025')).toBe('2025-07-31');
    const y2014 = successors(rows, indelingsdatum('2013/2014'));
    expect(y2014.get('0393')).toBeUndefined(); // still a gemeente in 2014
    expect(y2014.get('1325')).toBe('0393'); // Haarlemmerliede, merged in 1857
    const y2025 = successors(rows, indelingsdatum('2024/2025'));
    expect(y2025.get('0393')).toBe('0394');
    expect(y2025.get('1325')).toBe('0394');
    expect(y2025.get('0392')).toBeUndefined();
    expect(successors(rows, '2018-12-31').get('0393')).toBeUndefined();
    expect(successors(rows, '2019-01-01').get('0393')).toBe('0394');
  });
});

describe('residence on the indeling of the report year', () => {
  // One child in Haarlemmerliede en Spaarnwoude since birth (2012): leerplichtig from 1 April 2017.
  const rows = {
    personen: [{ bsn: '999993653', geboortedatum: '2012-03-01', geslacht: 'M' }],
    verblijfplaatsen: [{ bsn: '999993653', gemeentecode: '0393', van: '2012-03-01' }],
  };

  it('a 2017/2018 report counts the child in 0393', async () => {
    const db = await buildFixture(rows, { gemeenten: ['0392', '0393'], schooljaar: '2017/2018' });
    try {
      expect(await waarde(db, 'JV-POP-LP', { gebied: '0393', schooljaar: '2017/2018' })).toBe(1);
    } finally {
      db.close();
    }
  }, FIXTURE_TIMEOUT);

  it('a 2020/2021 report counts its history with 0394 (outside the region), trend years included', async () => {
    const db = await buildFixture(rows, { gemeenten: ['0392', '0393'], schooljaar: '2020/2021' });
    try {
      expect(await waarde(db, 'JV-POP-LP', { gebied: '0393', schooljaar: '2020/2021' })).toBe(0);
      expect(await waarde(db, 'JV-POP-LP', { gebied: '0393', schooljaar: '2017/2018' })).toBe(0);
      expect(await waarde(db, 'JV-POP-LP', { gebied: 'testregio', schooljaar: '2017/2018' })).toBe(0);
      const { n } = await db.one<{ n: number }>("SELECT count(*) AS n FROM stg_verblijfplaatsen WHERE gemeentecode = '0394'");
      expect(n).toBe(1);
    } finally {
      db.close();
    }
  }, FIXTURE_TIMEOUT);
});
