/**
 * `leerplicht generate`: determinism, the contract (tables, columns, order, codes, dates, ids, references),
 * and that a medium-size region extract exercises every code.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidBsn } from '../pipeline/bsn.ts';
import { loadConfig } from '../pipeline/config/load.ts';
import { NIVEAU_PER_SOORT, RNI, TABLE_NAMES, TABLES, type TableName } from '../pipeline/contract.ts';
import { Db } from '../pipeline/db.ts';
import { generateExtract } from '../pipeline/generate/index.ts';
import { parseCsv } from '../pipeline/generate/reference.ts';
import { build } from '../pipeline/build/index.ts';
import { Progress } from '../pipeline/progress.ts';
import { landelijk } from '../pipeline/reference.ts';
import { latestNational, YARDSTICK_ROWS } from '../pipeline/reports/landelijk.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lp-generate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const EXTRACT = '2025-10-15';

async function small(name: string, seed: number, extra: { workers?: number; format?: 'csv' | 'parquet' | 'both' } = {}) {
  const out = path.join(tmp, name);
  const r = await generateExtract({
    config: loadConfig('west-brabant-west'), seed, out, format: extra.format ?? 'csv', extractdatum: EXTRACT,
    personsPerCohort: 150, workers: extra.workers,
  });
  return { out, ...r };
}

const read = (dir: string, f: string) => readFileSync(path.join(dir, f));

describe('determinism', () => {
  it('same seed and options give byte-identical files, a different seed different ones', async () => {
    const a = await small('a', 1);
    const b = await small('b', 1);
    const c = await small('c', 2);
    const files = readdirSync(a.out).sort();
    expect(files).toEqual([...TABLE_NAMES.map((t) => `${t}.csv`), 'extract.json'].sort());
    for (const f of files) expect(read(b.out, f).equals(read(a.out, f)), f).toBe(true);
    expect(read(c.out, 'personen.csv').equals(read(a.out, 'personen.csv'))).toBe(false);
    expect(read(c.out, 'inschrijvingen.csv').equals(read(a.out, 'inschrijvingen.csv'))).toBe(false);
    expect(JSON.parse(read(a.out, 'extract.json').toString())).toEqual({
      extractdatum: EXTRACT, bron: 'synthetisch demonstratiebestand van leerplicht-rapportage', seed: 1,
    });
    expect(a.rows.personen).toBe(150 * 26);
  });

  it('splitting the run over worker threads does not change a byte', async () => {
    const one = await small('a', 1, { workers: 1 });
    const two = await small('w2', 1, { workers: 2 });
    for (const t of TABLE_NAMES) expect(read(two.out, `${t}.csv`).equals(read(one.out, `${t}.csv`)), t).toBe(true);
    expect(two.rows).toEqual(one.rows);
  }, 60_000);

  it('writes Parquet with typed columns and the same rows in the same order', async () => {
    const r = await small('pq', 1, { format: 'both' });
    const db = await Db.open({ threads: 1 });
    try {
      for (const t of TABLES) {
        const csv = await db.all(`SELECT * FROM read_csv('${path.join(r.out, `${t.name}.csv`)}', header = true, all_varchar = true, nullstr = '')`);
        const pq = await db.all(`SELECT * FROM read_parquet('${path.join(r.out, `${t.name}.parquet`)}')`);
        expect(pq.length, t.name).toBe(r.rows[t.name]);
        expect(csv.length, t.name).toBe(pq.length);
        const types = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet('${path.join(r.out, `${t.name}.parquet`)}')`);
        expect(types.map((x) => x.column_name)).toEqual(t.columns.map((c) => c.name));
        expect(types.map((x) => x.column_type)).toEqual(t.columns.map((c) => ({ text: 'VARCHAR', date: 'DATE', integer: 'INTEGER', boolean: 'BOOLEAN' })[c.type]));
        // same order: compare the first column row by row
        const first = t.columns[0].name;
        expect(pq.map((x) => String(x[first]))).toEqual(csv.map((x) => String(x[first])));
      }
    } finally {
      db.close();
    }
  }, 60_000);
});

describe('a medium-size region extract (West Kennemerland, default size)', () => {
  const dir = path.join(tmp, 'wk');
  const data = {} as Record<TableName, { header: string[]; rows: string[][] }>;
  const col = (t: TableName, c: string) => {
    const i = data[t].header.indexOf(c);
    return data[t].rows.map((r) => r[i]);
  };

  beforeAll(async () => {
    await generateExtract({ config: loadConfig('west-kennemerland'), seed: 1, out: dir, format: 'csv', extractdatum: EXTRACT });
    for (const t of TABLE_NAMES) {
      const [header, ...rows] = parseCsv(readFileSync(path.join(dir, `${t}.csv`), 'utf8'));
      data[t] = { header, rows };
    }
  }, 60_000);

  it('has every table with every column in contract order, and complete rows', () => {
    for (const t of TABLES) {
      expect(data[t.name].header, t.name).toEqual(t.columns.map((c) => c.name));
      const bad = data[t.name].rows.filter((r) => r.length !== t.columns.length);
      expect(bad.length, t.name).toBe(0);
      expect(data[t.name].rows.length, t.name).toBeGreaterThan(0);
    }
    expect(data.personen.rows.length).toBeGreaterThan(80_000);
    expect(data.personen.rows.length).toBeLessThan(110_000);
  });

  it('uses only codes from the contract, and every code of every list at least once', () => {
    for (const t of TABLES) {
      for (const c of t.columns) {
        if (!c.codes) continue;
        const seen = new Set(col(t.name, c.name).filter((v) => v !== ''));
        expect([...seen].filter((v) => !c.codes!.includes(v)), `${t.name}.${c.name}: unknown codes`).toEqual([]);
        expect(c.codes.filter((code) => !seen.has(code)), `${t.name}.${c.name}: codes never used`).toEqual([]);
      }
    }
  });

  it('fills required columns, and conditional ones exactly when required', () => {
    for (const t of TABLES) {
      for (const c of t.columns) {
        if (c.required !== true) continue;
        expect(col(t.name, c.name).filter((v) => v === '').length, `${t.name}.${c.name} empty`).toBe(0);
      }
    }
    const m = data.verzuimmeldingen;
    const [st, rd, da] = ['status', 'reden_afsluiting', 'datum_afsluiting'].map((c) => m.header.indexOf(c));
    expect(m.rows.filter((r) => (r[rd] !== '') !== (r[st] === 'AFGESLOTEN')).length, 'reden_afsluiting iff AFGESLOTEN').toBe(0);
    expect(m.rows.filter((r) => (r[da] !== '') !== (r[st] === 'AFGESLOTEN')).length, 'datum_afsluiting iff AFGESLOTEN').toBe(0);
    const v = data.vrijstellingen;
    const [bi, vi] = [v.header.indexOf('besluit'), v.header.indexOf('van')];
    expect(v.rows.filter((r) => r[bi] === 'TOEGEKEND' && r[vi] === '').length, 'van when TOEGEKEND').toBe(0);
    const tr = data.rmc_trajecten;
    const [ri, ti] = [tr.header.indexOf('resultaat'), tr.header.indexOf('tot')];
    expect(tr.rows.filter((r) => (r[ri] !== '') !== (r[ti] !== '')).length, 'resultaat iff tot').toBe(0);
    const ins = data.inschrijvingen;
    const [si, ni] = [ins.header.indexOf('onderwijssoort'), ins.header.indexOf('niveau')];
    const badNiveau = ins.rows.filter((r) => {
      const allowed = NIVEAU_PER_SOORT[r[si]];
      return allowed ? !allowed.includes(r[ni]) : r[ni] !== '';
    });
    expect(badNiveau.slice(0, 5)).toEqual([]);
  });

  it('has valid, unique BSNs, and every bsn in personen', () => {
    const bsns = col('personen', 'bsn');
    expect(new Set(bsns).size).toBe(bsns.length);
    expect(bsns.filter((b) => !/^\d{9}$/.test(b) || !isValidBsn(b)).slice(0, 5)).toEqual([]);
    const known = new Set(bsns);
    for (const t of TABLES) {
      if (t.name === 'personen' || !t.columns.some((c) => c.name === 'bsn')) continue;
      expect(col(t.name, 'bsn').filter((b) => !known.has(b)).length, t.name).toBe(0);
    }
  });

  it('has unique ids and resolvable references', () => {
    for (const t of TABLES) {
      for (const c of t.columns) {
        if (!c.unique) continue;
        const v = col(t.name, c.name);
        expect(new Set(v).size, `${t.name}.${c.name}`).toBe(v.length);
      }
    }
    const brins = col('scholen', 'brin');
    expect(brins.filter((b) => !/^[0-9]{2}[A-Z]{2}$/.test(b))).toEqual([]);
    const known = new Set(brins);
    expect([...col('inschrijvingen', 'brin'), ...col('verzuimmeldingen', 'brin')].filter((b) => !known.has(b)).length).toBe(0);
    const meldingen = new Set(col('verzuimmeldingen', 'melding_id'));
    const linked = col('zaken', 'melding_id').filter((x) => x !== '');
    expect(linked.filter((id) => !meldingen.has(id)).length).toBe(0);
    expect(linked.length / data.zaken.rows.length).toBeGreaterThan(0.5);
    const zaken = new Set(col('zaken', 'zaak_id'));
    expect(col('zaakacties', 'zaak_id').filter((id) => !zaken.has(id)).length).toBe(0);
  });

  it('has only valid dates between 1900 and the extract date, tot >= van, integers and booleans', () => {
    const isoOk = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
    const days = new Map<string, boolean>();
    for (const t of TABLES) {
      for (const c of t.columns) {
        const vals = col(t.name, c.name);
        let bad: string[] = [];
        if (c.type === 'date') {
          bad = vals.filter((v) => {
            if (v === '') return false;
            let ok = days.get(v);
            if (ok === undefined) days.set(v, (ok = isoOk(v) && v >= '1900-01-01' && v <= EXTRACT));
            return !ok;
          });
        } else if (c.type === 'integer') bad = vals.filter((v) => v !== '' && !/^\d+$/.test(v));
        else if (c.type === 'boolean') bad = vals.filter((v) => v !== 'true' && v !== 'false');
        expect(bad.slice(0, 5), `${t.name}.${c.name}`).toEqual([]);
      }
      if (t.period) {
        const [vi, ti] = [data[t.name].header.indexOf(t.period.van), data[t.name].header.indexOf(t.period.tot)];
        const bad = data[t.name].rows.filter((r) => r[vi] !== '' && r[ti] !== '' && r[ti] < r[vi]);
        expect(bad.length, `${t.name}: tot before van`).toBe(0);
      }
    }
  });

  it('has persons aged 0–25 and contiguous, non-overlapping residence periods', () => {
    expect(col('personen', 'geboortedatum').filter((g) => !(g > '1999-10-15' && g <= EXTRACT))).toEqual([]);
    const v = data.verblijfplaatsen;
    const byBsn = new Map<string, string[][]>();
    for (const r of v.rows) {
      const l = byBsn.get(r[0]);
      if (l) l.push(r); else byBsn.set(r[0], [r]);
    }
    let moves = 0, rni = 0, late = 0, overlaps = 0;
    const birth = new Map(data.personen.rows.map((r) => [r[0], r[1]]));
    for (const [bsn, periods] of byBsn) {
      periods.sort((a, b) => a[2].localeCompare(b[2]));
      if (periods[0][2] > birth.get(bsn)!) late++;
      for (let i = 1; i < periods.length; i++) {
        const prevTot = periods[i - 1][3];
        if (prevTot === '' || prevTot > periods[i][2]) overlaps++;
        if (prevTot === periods[i][2]) moves++;
      }
      if (periods.some((p) => p[1] === RNI)) rni++;
    }
    expect(overlaps, 'overlapping residence periods').toBe(0);
    expect(moves).toBeGreaterThan(1000);
    expect(rni).toBeGreaterThan(500);
    expect(late).toBeGreaterThan(1000);
  });

  it('has realistic volumes', () => {
    const n = data.personen.rows.length;
    const o = col('personen', 'geslacht').filter((g) => g === 'O').length;
    expect(o / n).toBeGreaterThan(0.001);
    expect(o / n).toBeLessThan(0.006);
    // 16_UUR: a few percent of leerplichtigen (~40% of persons) per schooljaar
    const m16 = data.verzuimmeldingen.rows.filter((r) => r[3] === '16_UUR' && r[4] >= '2024-08-01' && r[4] < '2025-08-01').length;
    expect(m16 / (0.4 * n)).toBeGreaterThan(0.02);
    expect(m16 / (0.4 * n)).toBeLessThan(0.06);
    // LRV running across 1 August, some still open
    const lrv = data.verzuimmeldingen.rows.filter((r) => r[3] === 'LRV');
    expect(lrv.some((r) => r[5] < '2024-08-01' && (r[6] === '' || r[6] > '2024-08-01'))).toBe(true);
    expect(lrv.some((r) => r[6] === '')).toBe(true);
    // history: at least five schooljaren before the extract
    expect(col('verzuimmeldingen', 'datum_melding').some((d) => d < '2019-10-01')).toBe(true);
    expect(col('inschrijvingen', 'van').some((d) => d <= '2019-08-01')).toBe(true);
  });

  // The demo extract (this one: `npm run setup` generates the same) is calibrated to the national yardstick
  // of the jaarverslag (pipeline/generate/README.md, Calibration): each rate of the comparison table within a
  // factor 1.5 of the national figure, for the region and for every gemeente whose rate is published.
  it('gives 2024/2025 rates within a factor 1.5 of the national figures of the jaarverslag', async () => {
    const out = path.join(tmp, 'wk-build');
    await build({
      extract: dir, config: loadConfig('west-kennemerland'), schooljaar: '2024/2025', datum: '2025-10-20', out,
      reports: ['data'], pdf: false, progress: new Progress({ quiet: true }),
    });
    const [header, ...rows] = parseCsv(readFileSync(path.join(out, 'west-kennemerland/2024-2025/publiek/data/indicatoren.csv'), 'utf8'));
    const at = (r: string[], c: string) => r[header.indexOf(c)];
    const dims = ['onderwijssoort', 'leeftijd', 'soort', 'artikel', 'beslisser', 'besluit', 'reden', 'duur', 'status'];
    const national = landelijk();
    const seen: string[] = [];
    for (const { code } of YARDSTICK_ROWS) {
      const nl = latestNational(national, code, '2024/2025')!;
      expect(nl, code).toBeDefined();
      const cells = rows.filter((r) => at(r, 'indicator') === code && at(r, 'schooljaar') === '2024/2025'
        && ['gemeente', 'regio'].includes(at(r, 'gebiedsniveau'))
        && dims.every((d) => ['', 'totaal'].includes(at(r, d))) && at(r, 'waarde') !== '');
      // (the region always, and at least Haarlem, the largest gemeente)
      expect(cells.some((r) => at(r, 'gebiedsniveau') === 'regio' && at(r, 'gebiedscode') === 'west-kennemerland'), code).toBe(true);
      expect(cells.some((r) => at(r, 'gemeentecode') === '0392'), code).toBe(true);
      for (const r of cells) {
        const rate = Number(at(r, 'waarde'));
        const ratio = rate / nl.waarde;
        seen.push(`${code} ${at(r, 'gebiedsnaam')}: ${rate} against ${nl.waarde} (${ratio.toFixed(2)})`);
        expect(ratio, seen.at(-1)).toBeGreaterThanOrEqual(1 / 1.5);
        expect(ratio, seen.at(-1)).toBeLessThanOrEqual(1.5);
      }
    }
    console.log(seen.join('\n'));
  }, 300_000);
});
