/**
 * Jaarrekening and afrekening: the shipped 2014 example (an invented realisation) checked to the cent, a
 * small hand-computed region with extra dienstverlening, and the input errors.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../pipeline/config/load.ts';
import { readBegroting } from '../../pipeline/kosten/begroting.ts';
import { computeKosten } from '../../pipeline/kosten/compute.ts';
import { computeJaarrekening, readRealisatie } from '../../pipeline/kosten/jaarrekening.ts';
import { afrekeningTabel, definitiefTabel, jaarrekeningCsv, lastenTabel } from '../../pipeline/kosten/jaarrekening-tables.ts';
import { readBevolkingCsv, splitCsvLine } from '../../pipeline/kosten/keys.ts';
import { jaarrekeningHtml, toCsv } from '../../pipeline/kosten/render.ts';
import { buildUitkomst, gemeentenTabel } from '../../pipeline/kosten/tables.ts';
import { voorschotten } from '../../pipeline/kosten/voorschotten.ts';
import { dutch, expectColumnTotals, smallBegroting, smallSleutels } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VOORBEELD = path.join(ROOT, 'data/realisatie/west-kennemerland-2014');
const sum = (xs: bigint[]) => xs.reduce((a, x) => a + x, 0n);

async function example() {
  const b = readBegroting(loadConfig('west-kennemerland/2014'));
  const u = buildUitkomst(computeKosten(b, readBevolkingCsv(path.join(ROOT, 'data/bevolking/west-kennemerland-2013-01-01.csv'), b.gemeenten, 2014)));
  return { b, u, j: computeJaarrekening(u, await readRealisatie(VOORBEELD, b)) };
}
const EXAMPLE = await example();

describe('the 2014 example (invented realisation)', () => {
  const { u, j } = EXAMPLE;

  it('advances add up to the begroting, settlements to definitive contributions minus advances, to the cent', () => {
    const vs = voorschotten(u);
    expect(sum(vs.map((v) => sum(v.kwartalen)))).toBe(sum(u.gemeenten[0].map((g) => g.teBetalen)));
    for (const g of j.gemeenten) {
      expect(g.begroot).toBe(vs.find((v) => v.code === g.code)!.jaarbedrag);
      expect(g.saldo).toBe(g.definitief - sum(g.betaald));
    }
    expect(sum(j.gemeenten.map((g) => g.saldo))).toBe(sum(j.gemeenten.map((g) => g.definitief)) - sum(j.gemeenten.map((g) => sum(g.betaald))));
    // Zandvoort's fourth quarter was not received (invented): it pays that on top of its difference
    const z = j.gemeenten.find((g) => g.code === '0473')!;
    expect(z.betaald[3]).toBe(0n);
    expect(z.saldo).toBe(z.definitief - (z.begroot - vs.find((v) => v.code === '0473')!.kwartalen[3]));
  });

  it('definitive contributions: the realised cost divided with the begroting keys, adding up to it', () => {
    // perceel 1 realised 171.250,00 + 34.768,95 + 31.420,18 = 237.439,13; RMC 25% = 59.359,7825 → 59.359,78
    expect(j.perceelTotaal.get(1)).toMatchObject({ realisatie: 23743913n, rmc: 5935978n });
    expect(sum(j.gemeenten.map((g) => g.p1 ?? 0n))).toBe(23743913n - 5935978n);
    // Haarlem: 178.079,35 × 29.079 / 78.033 = 66.361,28…
    expect(j.gemeenten.find((g) => g.code === '0392')!.p1).toBe(6636128n);
    // perceel 2 realised 461.003,40 + 90.823,78 = 551.827,18, all by 5–17
    expect(sum(j.gemeenten.map((g) => g.p2 ?? 0n))).toBe(55182718n);
    // the saldo is the RMC part: income − RMC share of perceel 1 − perceel 3 − projects
    expect(j.saldo.realisatie).toBe(67472400n - 5935978n - (41870211n + 8497153n) - 6341527n);
  });

  it('every total is the sum of its printed rows', () => {
    [definitiefTabel(j), afrekeningTabel(j)].forEach(expectColumnTotals);
    const lasten = lastenTabel(j);
    for (const j2 of [1, 2, 3]) {
      const col = lasten.rijen.map((r) => dutch(r.cellen[j2]));
      const subs = lasten.rijen.flatMap((r, i) => (r.soort === 'subtotaal' ? [i] : []));
      let from = 0;
      for (const i of subs) {
        expect(col.slice(from, i).reduce((a, x) => a + x, 0)).toBe(col[i]);
        from = i + 1;
      }
      const tot = lasten.rijen.length - 1;
      expect(subs.reduce((a, i) => a + col[i], 0) + col.slice(subs.at(-1)! + 1, tot).reduce((a, x) => a + x, 0)).toBe(col[tot]);
    }
  });

  it('says on the page and in the file that the figures are invented', () => {
    const html = jaarrekeningHtml(u, j, { datum: '2015-04-10', status: 'concept', vergadering: '2015-06-25' });
    expect(html.match(/de realisatiecijfers in dit document zijn verzonnen/g)!.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('Ontwerpjaarrekening 2014');
    expect(html).toContain('25 juni 2015');
    expect(readFileSync(path.join(VOORBEELD, 'realisatie.yaml'), 'utf8')).toMatch(/INVENTED/);
    const rows = jaarrekeningCsv(j).find((t) => t.name === 'jaarrekening')!.rows;
    const p1 = rows.find((r) => r.perceel === '1' && r.regel === 'personeel')!;
    expect(p1).toMatchObject({ begroting: '173844.75', realisatie: '171250.00', verschil: '-2594.75' });
    expect(p1.toelichting).toMatch(/^Verzonnen voorbeeld/);
    // a toelichting Excel would run as a formula is plain text in the Excel copy (the plain CSV keeps it as typed)
    const t = jaarrekeningCsv(j).find((x) => x.name === 'jaarrekening')!;
    const evil = { ...t, rows: [{ ...t.rows[0], toelichting: '=HYPERLINK("x")' }] };
    expect(toCsv(evil, { excel: true })).toContain(`'=HYPERLINK(""x"")`);
    expect(toCsv(evil)).toContain(`"=HYPERLINK(""x"")"`);
  });
});

describe('extra dienstverlening, by hand', () => {
  it('is charged in advance and settled on the realised quantity', async () => {
    const b = smallBegroting({ extra_dienstverlening: [{ gemeente: '0002', product: 'schoolverzuimspreekuur', eenheidsprijs: '125.50', aantal: 10 }] });
    const u = buildUitkomst(computeKosten(b, smallSleutels()));
    const beek = u.gemeenten[0].find((g) => g.code === '0002')!;
    expect(beek.extra).toBe(125500n); // 10 × 125,50
    expect(beek.teBetalen).toBe(beek.p1! + 125500n);
    expectColumnTotals(gemeentenTabel(u, 0));
    expect(gemeentenTabel(u, 0).kolommen.map((k) => k.label)).toContain('extra dienstv.');
    expect(voorschotten(u).find((v) => v.code === '0002')!.jaarbedrag).toBe(beek.teBetalen);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'realisatie-'));
    writeFileSync(path.join(dir, 'realisatie.yaml'), 'jaar: 2014\nbron: test\nfictief: true\n');
    writeFileSync(path.join(dir, 'lasten.csv'), 'perceel,kostensoort,bedrag\n1,personeel,60000\n1,uitvoeringskosten,12000\n1,systeemkosten,10000\n2,personeel,120000\n2,uitvoeringskosten,24000\n3,personeel,100000\n3,uitvoeringskosten,20000\n,projecten,5000\n');
    writeFileSync(path.join(dir, 'baten.csv'), 'code,bedrag\nrmc,150000\n');
    writeFileSync(path.join(dir, 'voorschotten.csv'), 'gemeentecode,kwartaal,bedrag\n0002,1,1000\n');
    writeFileSync(path.join(dir, 'extra_dienstverlening.csv'), 'gemeentecode,product,aantal\n0002,schoolverzuimspreekuur,13\n');
    const j = computeJaarrekening(u, await readRealisatie(dir, b));
    expect(j.extra[0]).toMatchObject({ vooraf: 125500n, realisatie: 163150n }); // 13 × 125,50
    // perceel 1: 82.000 realised, 25% RMC = 20.500, gemeenten 61.500 by 5–22 (600/300/100): Beekdorp 18.450
    const g = j.gemeenten.find((x) => x.code === '0002')!;
    expect(g.p1).toBe(1845000n);
    expect(g.definitief).toBe(1845000n + 163150n);
    expect(g.saldo).toBe(1845000n + 163150n - 100000n);
    // perceel 2: 144.000 by 5–17 (450/50): Aadorp 129.600 − 5.000 kwalificatieplicht
    expect(j.gemeenten.find((x) => x.code === '0001')!.definitief).toBe(3690000n + 12960000n - 500000n); // perceel 1: 61.500 × 600/1.000
  });
});

describe('bad realisation input', () => {
  const { b } = EXAMPLE;
  const copy = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'realisatie-'));
    cpSync(VOORBEELD, dir, { recursive: true });
    return dir;
  };

  it('names file, line, column and fix; writes nothing', async () => {
    const dir = copy();
    writeFileSync(path.join(dir, 'lasten.csv'), readFileSync(path.join(dir, 'lasten.csv'), 'utf8').replace('171250.00', '"171.250,00"').replace('2,uitvoeringskosten', '2,overhead'));
    writeFileSync(path.join(dir, 'voorschotten.csv'), 'gemeentecode,kwartaal,bedrag\n375,1,10\n0392,5,10\n');
    let msg = '';
    try { await readRealisatie(dir, b); } catch (e) { msg = (e as Error).message; }
    expect(msg).toMatch(/lasten\.csv line 2, column bedrag: "171\.250,00" is not an amount/);
    expect(msg).toMatch(/lasten\.csv line 6, column kostensoort: "overhead" is not a cost type of perceel 2; use personeel, uitvoeringskosten/);
    expect(msg).toMatch(/no line for perceel 2, kostensoort uitvoeringskosten/);
    expect(msg).toMatch(/voorschotten\.csv line 2, column gemeentecode: "375" .*leading zeros lost/);
    expect(msg).toMatch(/voorschotten\.csv line 3, column kwartaal: "5" is not 1, 2, 3 or 4/);
  });

  it('refuses a realisation of another year', async () => {
    const dir = copy();
    writeFileSync(path.join(dir, 'realisatie.yaml'), 'jaar: 2015\nbron: x\nfictief: false\n');
    await expect(readRealisatie(dir, b)).rejects.toThrow(/jaar is 2015, but the begroting is for 2014/);
  });

  it('reads the same realisation from one workbook (realisatie.xlsx, a sheet per table)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'realisatie-'));
    cpSync(path.join(VOORBEELD, 'realisatie.yaml'), path.join(dir, 'realisatie.yaml'));
    const wb = new ExcelJS.Workbook();
    for (const name of ['lasten', 'baten', 'voorschotten']) {
      const ws = wb.addWorksheet(name);
      const lines = readFileSync(path.join(VOORBEELD, `${name}.csv`), 'utf8').trim().split('\n');
      // amounts as numbers, codes as text, as a finance department's workbook has them
      lines.forEach((l, i) => ws.addRow(splitCsvLine(l, ',').map((c) => (i > 0 && /^-?[0-9.]+$/.test(c) && !/^0[0-9]/.test(c) ? Number(c) : c))));
    }
    // a gemeentecode typed as a number loses its leading zero: named, with the fix
    wb.getWorksheet('voorschotten')!.getRow(2).getCell(1).value = 375;
    await wb.xlsx.writeFile(path.join(dir, 'realisatie.xlsx'));
    let msg = '';
    try { await readRealisatie(dir, b); } catch (e) { msg = (e as Error).message; }
    expect(msg).toMatch(/realisatie\.xlsx, sheet voorschotten row 2, column gemeentecode: "375" .*leading zeros lost/);
    wb.getWorksheet('voorschotten')!.getRow(2).getCell(1).value = '0375';
    await wb.xlsx.writeFile(path.join(dir, 'realisatie.xlsx'));
    const r = await readRealisatie(dir, b);
    const csv = await readRealisatie(VOORBEELD, b);
    expect(r.lasten).toEqual(csv.lasten);
    expect(r.betaald).toEqual(csv.betaald);
    expect(r.baten).toEqual(csv.baten);
  });
});
