/**
 * The shipped example: West Kennemerland 2014 (data/config/west-kennemerland/2014.yaml and
 * data/bevolking/west-kennemerland-2013-01-01.csv), checked against hand computations from the
 * figures of the business plan, and `leerplicht kosten` end to end (without the PDF).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../pipeline/cli.ts';
import { loadConfig } from '../../pipeline/config/load.ts';
import { readBegroting } from '../../pipeline/kosten/begroting.ts';
import { computeKosten } from '../../pipeline/kosten/compute.ts';
import { readBevolkingCsv } from '../../pipeline/kosten/keys.ts';
import { Exact } from '../../pipeline/kosten/money.ts';
import { kostenContext, kostenHtml, toCsv } from '../../pipeline/kosten/render.ts';
import { buildUitkomst, csvTables } from '../../pipeline/kosten/tables.ts';
import { voorschotten } from '../../pipeline/kosten/voorschotten.ts';
import { dutch, expectColumnTotals } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BEVOLKING = path.join(ROOT, 'data/bevolking/west-kennemerland-2013-01-01.csv');

function example() {
  const b = readBegroting(loadConfig('west-kennemerland/2014'));
  const s = readBevolkingCsv(BEVOLKING, b.gemeenten, 2014);
  const k = computeKosten(b, s);
  return { b, s, k, u: buildUitkomst(k) };
}
const sumRow = (m: Exact[]) => m.reduce((a, x) => a.add(x), Exact.ZERO);

describe('West Kennemerland 2014, by hand', () => {
  const { k, u } = example();
  const p = (nr: number) => k.jaren[0].percelen.find((x) => x.perceel === nr)!;

  it('perceel 1', () => {
    // 2,45 × 43.767,36 + 0,5 × 54.526,36 + 0,5 × 78.703,08 = 107.230,032 + 27.263,18 + 39.351,54
    expect(p(1).bedragen.slice(0, 3).map(String)).toEqual(['107230.032', '27263.18', '39351.54']);
    const [personeel, overhead, systeem] = [sumRow(p(1).bedragen.slice(0, 3)), p(1).bedragen[3], p(1).bedragen[4]];
    expect(personeel.toString()).toBe('173844.752');
    expect(overhead.toString()).toBe('34768.9504'); // 20%
    expect(systeem.toString()).toBe('30050');
    expect(sumRow(p(1).bedragen).toString()).toBe('238663.7024');
    const rmc = sumRow(p(1).matrix.at(-1)!);
    expect(rmc.toString()).toBe('59665.9256'); // 25%
    // the gemeenten pay the rest by 5–22 (key total 78.033); Haarlem 29.079 / 78.033
    const gemeenten = sumRow(p(1).matrix.slice(0, -1).map(sumRow));
    expect(gemeenten.toString()).toBe('178997.7768');
    expect(p(1).sleutelTotaal).toBe(78033);
    const haarlem = sumRow(p(1).matrix[p(1).betalers.findIndex((x) => x.code === '0392')]);
    expect(haarlem.eq(Exact.parse('178997.7768').mul(Exact.frac(29079n, 78033n)))).toBe(true);
  });

  it('perceel 2', () => {
    // 6,71 × 61.813,32 = 414.767,3772; 0,5 × 78.703,08 = 39.351,54; overhead 20% of 454.118,9172
    expect(p(2).bedragen.map(String)).toEqual(['414767.3772', '39351.54', '90823.78344']);
    expect(sumRow(p(2).bedragen).toString()).toBe('544942.70064');
    expect(p(2).betalers.map((x) => x.naam)).toEqual(['Bloemendaal', 'Haarlem', 'Haarlemmerliede en Spaarnwoude', 'Heemstede', 'Zandvoort']);
    expect(p(2).sleutelTotaal).toBe(4035 + 20961 + 915 + 4391 + 2039);
  });

  it('perceel 3, the RMC/VSV-coördinator at Haarlem', () => {
    // 5,6 × 61.813,32 = 346.154,592; 1 × 78.703,08; overhead 84.971,5344
    expect(p(3).bedragen.map(String)).toEqual(['346154.592', '78703.08', '84971.5344']);
    const haarlem = p(3).betalers.findIndex((x) => x.code === '0392');
    const coordinator = p(3).matrix.map((row) => row[1].toString());
    expect(coordinator.filter((_, i) => i !== haarlem).every((v) => v === '0')).toBe(true);
    expect(coordinator[haarlem]).toBe('78703.08');
  });

  it('prints the hand-checked figures, and the rows add up to them', () => {
    const percelen = csvTables(u).find((t) => t.name === 'percelen')!.rows.filter((r) => r.jaar === '2014' && r.perceel === '1');
    const v = (regel: string) => percelen.find((r) => r.regel === regel)!.bedrag;
    expect([v('personeel_totaal'), v('overhead'), v('systeemkosten'), v('totaal')]).toEqual(['173844.75', '34768.95', '30050.00', '238663.70']);
    // each line rounded on its own, the total their sum: 238.663,70 = 59.665,93 (exact ,9256) + 178.997,77 (exact ,7768)
    expect([v('rmc_rijksbijdrage'), v('gemeenten')]).toEqual(['59665.93', '178997.77']);
    const bijdragen = csvTables(u).find((t) => t.name === 'bijdragen')!.rows.filter((r) => r.jaar === '2014' && r.perceel === '1');
    const cents = (x: string | null) => Math.round(Number(x) * 100);
    expect(bijdragen.filter((r) => r.regel !== 'totaal').reduce((a, r) => a + cents(r.bijdrage), 0)).toBe(cents('238663.70'));
    expect(bijdragen.filter((r) => r.regel === 'gemeente').reduce((a, r) => a + cents(r.bijdrage), 0)).toBe(cents('178997.77'));
  });

  it('projects 2014–2017 with the RMC reserve line', () => {
    const line = (r: string) => u.meerjaren.find((x) => x.regel === r)!.bedragen;
    expect(u.jaren).toEqual([2014, 2015, 2016, 2017]);
    // 2014: 674.724 income − 59.665,9256 − 509.829,2064 − 70.000 = 35.228,868
    expect(line('saldo')[0]).toBe(3522887n);
    // perceel 1 2016: personnel × 1,004², overhead and system × 1,02²
    expect(k.jaren[2].percelen[0].bedragen.reduce((a, x) => a.add(x), Exact.ZERO).toString())
      .toBe(Exact.parse('173844.752').mul(Exact.parse('1.008016')).add(Exact.parse('64818.9504').mul(Exact.parse('1.0404'))).toString());
    expect(line('vsv_programmagelden')).toEqual([19000000n, 19000000n, 19000000n, 19000000n]);
    expect(u.meerjaren.find((x) => x.regel === 'vsv_programmagelden')!.omschrijving).toBe('VSV-programmagelden (onzeker vanaf 2016)');
    expect(line('reserve_rmc_mutatie_cumulatief')).toEqual(line('saldo').map((_, y) => line('saldo').slice(0, y + 1).reduce((a, x) => a + x, 0n)));
  });

  it('the same role at the same cost prints the same amount in every perceel', () => {
    // 0,5 fte schaal 11 in 2015: 39.351,54 × 1,004 = 39.508,94616 → 39.508,95 in perceel 1 and in perceel 2
    const percelen = csvTables(u).find((t) => t.name === 'percelen')!.rows.filter((r) => r.jaar === '2015' && r.rol === 'coördinatie (teamleider RBL)');
    expect(percelen.map((r) => r.bedrag)).toEqual(['39508.95', '39508.95']);
  });
});

/**
 * The bedrijfsplan's "Begroting RBL 2014-2016", derived by hand from its stated inputs and rules
 * (../shared/domain/kostenverdeling.md; the tables themselves are left out of seed 003): personnel
 * × 1,004^k, overhead and system × 1,02^k; the RMC rijksbijdrage and the kwalificatieplicht money × 1,02^k,
 * programmagelden and doeluitkering fixed, programmagelden kept (onzeker) in 2016. Every line within
 * 0,30 of the plan's own rounding; every per-gemeente figure within 0,10.
 */
describe('West Kennemerland 2014 reproduces the bedrijfsplan begroting 2014–2016', () => {
  const { u } = example();
  const euro = (c: bigint) => Number(c) / 100;
  const fp = (k: number) => 1.004 ** k;
  const fo = (k: number) => 1.02 ** k;
  const plan = (k: number) => {
    const p1 = 173844.752 * fp(k) + (34768.9504 + 30050) * fo(k);
    const p2 = 454118.9172 * fp(k) + 90823.78344 * fo(k);
    const p3 = 424857.672 * fp(k) + 84971.5344 * fo(k);
    const kwp2 = (21408.99 + 106013 + 5581 + 22338.91 + 10956) * fo(k);
    const rmc = 434724 * fo(k);
    const baten = 0.75 * p1 + (p2 - kwp2) + kwp2 + rmc + 190000 + 50000;
    const lasten = p1 + p2 + p3 + 70000;
    return {
      perceel_1: p1, perceel_2: p2, perceel_3: p3, projecten: 70000, totaal_lasten: lasten,
      bijdragen_perceel_1: 0.75 * p1, bijdragen_perceel_2: p2 - kwp2, kwalificatieplicht_perceel_2: kwp2,
      rmc_rijksbijdrage: rmc, vsv_programmagelden: 190000, doeluitkering_jeugd_vsv: 50000, totaal_baten: baten, saldo: baten - lasten,
    };
  };

  it('every line of 2014, 2015 and 2016, the reserve additions included, within 0,30', () => {
    for (const k of [0, 1, 2]) {
      for (const [regel, expected] of Object.entries(plan(k))) {
        const printed = euro(u.meerjaren.find((x) => x.regel === regel)!.bedragen[k]);
        expect(Math.abs(printed - expected), `${2014 + k} ${regel}: ${printed} vs ${expected.toFixed(2)}`).toBeLessThanOrEqual(0.3);
      }
    }
    // the reserve grows every year: the plan budgets an addition in 2016 too
    expect(u.meerjaren.find((x) => x.regel === 'saldo')!.bedragen.slice(0, 3).every((x) => x > 0n)).toBe(true);
    expect(euro(u.meerjaren.find((x) => x.regel === 'saldo')!.bedragen[2])).toBeCloseTo(44950.16, 1);
  });

  it('every gemeente\'s contribution 2014–2016 within 0,10', () => {
    const key5_22: Record<string, number> = { '0375': 8177, '0377': 4979, '0392': 29079, '0393': 1281, '0396': 8352, '0397': 5480, '0450': 3094, '0453': 14781, '0473': 2810 };
    const key5_17: Record<string, number> = { '0377': 4035, '0392': 20961, '0393': 915, '0397': 4391, '0473': 2039 };
    const key18_22: Record<string, number> = { '0375': 2275, '0377': 944, '0392': 8118, '0393': 366, '0396': 2506, '0397': 1089, '0450': 744, '0453': 4155, '0473': 771 };
    const kwp: Record<string, number> = { '0377': 21408.99, '0392': 106013, '0393': 5581, '0397': 22338.91, '0473': 10956 };
    for (const k of [0, 1, 2]) {
      const p = plan(k);
      for (const g of u.gemeenten[k]) {
        const p1 = (0.75 * p.perceel_1 * key5_22[g.code]) / 78033;
        const p2 = key5_17[g.code] ? (p.perceel_2 * key5_17[g.code]) / 32341 - kwp[g.code] * fo(k) : 0;
        expect(Math.abs(euro(g.p1!) - p1), `${2014 + k} ${g.naam} perceel 1`).toBeLessThanOrEqual(0.1);
        expect(Math.abs(euro(g.p2netto ?? 0n) - p2), `${2014 + k} ${g.naam} perceel 2`).toBeLessThanOrEqual(0.1);
        expect(Math.abs(euro(g.teBetalen) - p1 - p2), `${2014 + k} ${g.naam} te betalen`).toBeLessThanOrEqual(0.1);
        // perceel 3 fictief: the trajectbegeleiders by 18–22, the RMC/VSV-coördinator (with its overhead) at Haarlem
        const tb = (346154.592 * fp(k) + 69230.9184 * fo(k)) * key18_22[g.code] / 20968;
        const p3 = tb + (g.code === '0392' ? 78703.08 * fp(k) + 15740.616 * fo(k) : 0);
        expect(Math.abs(euro(g.p3!) - p3), `${2014 + k} ${g.naam} perceel 3`).toBeLessThanOrEqual(0.1);
      }
    }
  });

  it('voorschotten: four quarters per gemeente that add up to its contribution and to the begroting, to the cent', () => {
    const vs = voorschotten(u);
    for (const v of vs) {
      expect(v.kwartalen.reduce((a, x) => a + x, 0n)).toBe(v.jaarbedrag);
      expect(v.jaarbedrag).toBe(u.gemeenten[0].find((g) => g.code === v.code)!.teBetalen);
      expect(v.kwartalen[3] - v.kwartalen[0]).toBeLessThanOrEqual(3n);
    }
    const total = vs.reduce((a, v) => a + v.jaarbedrag, 0n);
    expect(total).toBe(u.meerjaren.find((x) => x.regel === 'bijdragen_perceel_1')!.bedragen[0] + u.meerjaren.find((x) => x.regel === 'bijdragen_perceel_2')!.bedragen[0]);
    expect(total).toBe(55764257n);
    // Haarlem 313.881,34 = 3 × 78.470,33 + 78.470,35
    expect(vs.find((v) => v.code === '0392')!.kwartalen).toEqual([7847033n, 7847033n, 7847033n, 7847035n]);
  });
  it('writes an Excel copy with the same columns and rows', () => {
    const t = csvTables(u).find((x) => x.name === 'gemeenten')!;
    const plain = toCsv(t).trim().split('\n');
    const excel = toCsv(t, { excel: true });
    expect(excel.startsWith('\uFEFF')).toBe(true);
    const lines = excel.slice(1).trim().split('\n');
    expect(lines.length).toBe(plain.length);
    expect(lines[0]).toBe(plain[0].replaceAll(',', ';'));
    expect(lines.find((l) => l.includes(';0392;'))).toContain(';66703,53;');
    expect(plain.find((l) => l.includes(',0392,'))).toContain(',66703.53,');
  });

  it('every total in the documents is the sum of the printed rows above it', () => {
    const ctx = kostenContext(u, { datum: '2013-06-15', status: 'concept' });
    const tables = [...ctx.samenvatting.slice(1), ...ctx.percelen.flatMap((p) => p.tabellen.slice(1)), ...ctx.gemeenten.flatMap((g) => g.tabellen.filter((t) => t.id.startsWith('formatie-')))];
    expect(tables.length).toBeGreaterThan(15);
    tables.forEach(expectColumnTotals);
    // the perceel tables: personnel lines → Personeelskosten; Personeelskosten + uitvoeringskosten → Totaal = who pays
    for (const p of ctx.percelen) {
      const t = p.tabellen[0];
      for (let j = 4; j < t.kolommen.length; j++) {
        const col = t.rijen.map((r) => dutch(r.cellen[j]));
        const sub = t.rijen.findIndex((r) => r.soort === 'subtotaal');
        const tot = t.rijen.findIndex((r) => r.soort === 'totaal');
        expect(col.slice(0, sub).reduce((a, x) => a + x, 0)).toBe(col[sub]);
        expect(col.slice(sub, tot).reduce((a, x) => a + x, 0)).toBe(col[tot]);
        expect(col.slice(tot + 1).reduce((a, x) => a + x, 0)).toBe(col[tot]);
      }
    }
  });

  it('renders one page per perceel and one per gemeente for the board', () => {
    const html = kostenHtml(u, { datum: '2013-06-15', status: 'concept', vergadering: '2013-06-27' });
    expect(html.match(/<section class="hoofdstuk" id="perceel-\d">/g)).toHaveLength(3);
    expect(html.match(/<section class="hoofdstuk nieuwe-pagina" id="gemeente-\d{4}">/g)).toHaveLength(9);
    expect(html).toContain('238.663,70');
    expect(html).toContain('15 juni 2013');
    expect(html).toContain('Aan het gemeenschappelijk orgaan');
    expect(html).toContain('Voorgesteld besluit');
    expect(html).toContain('27 juni 2013');
    const text = html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');
    expect(text).not.toMatch(/algemeen bestuur|--[a-z]|verzonnen|\d{4}-\d{2}-\d{2}/);
    const ctx = kostenContext(u, { datum: '2013-06-15', status: 'concept', vergadering: '2013-06-27' });
    const beverwijk = ctx.gemeenten.find((g) => g.code === '0375')!;
    expect(beverwijk.kwalificatieplichtLokaal).toBe('30.211,86');
    expect(beverwijk.tabellen[0].kolommen.map((c) => c.label)).toEqual(['Regel', '2014', '2015', '2016', '2017']);
    expect(beverwijk.normTekst).toMatch(/5–17 jaar/);
    expect(ctx.gemeenten.find((g) => g.code === '0392')!.voorschot).toBe('Voorschot 2014: drie kwartalen van €\u00a078.470,33 en in het vierde kwartaal €\u00a078.470,35 (artikel 28, derde lid).');
    expect(ctx.ontbrekend.length).toBeGreaterThan(0);
  });
});

describe('leerplicht kosten (CLI)', () => {
  afterEach(() => vi.restoreAllMocks());

  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (out += `${a.join(' ')}\n`));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (err += `${a.join(' ')}\n`));
    const code = await main(args);
    vi.restoreAllMocks();
    return { code, out, err };
  }

  it('prints the begroting as a PDF with the office as author, the tool as creator and the document date: reproducible bytes', async () => {
    const epoch = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = String(Date.parse('2013-06-15T10:00:00Z') / 1000);
    try {
      const pdfs: Buffer[] = [];
      for (let k = 0; k < 2; k++) {
        const out = mkdtempSync(path.join(os.tmpdir(), 'kosten-pdf-'));
        const r = await run(['kosten', '--config', 'west-kennemerland/2014', '--bevolking', BEVOLKING, '--out', out]);
        expect(r.code).toBe(0);
        const pdf = path.join(out, 'west-kennemerland/2014/kosten/begroting.pdf');
        pdfs.push(readFileSync(pdf));
        const info = execFileSync('pdfinfo', ['-isodates', pdf]).toString();
        expect(info).toMatch(/Title:\s+(Ontwerpbegroting|Begroting) 2014 West Kennemerland/);
        expect(info).toMatch(/Author:\s+Regionaal Bureau Leerplicht West Kennemerland/);
        expect(info).toMatch(/Creator:\s+leerplicht-rapportage/);
        expect(info).toMatch(/CreationDate:\s+(2013-06-14T22:00:00Z|2013-06-15T00:00:00\+02)/);
        expect(info).toMatch(/Tagged:\s+yes/);
      }
      expect(pdfs[0].equals(pdfs[1])).toBe(true);
    } finally {
      if (epoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = epoch;
    }
  }, 60_000);

  it('prints and writes the perceel tables, the contributions and the projection', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kosten-cli-'));
    const r = await run(['kosten', '--config', 'west-kennemerland/2014', '--bevolking', BEVOLKING, '--out', out, '--no-pdf']);
    expect(r.err).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Perceel 1: administratie leerplicht en RMC\n/);
    expect(r.out).toMatch(/Totaal\s+238\.663,70\s+240\.655,46\s+242\.675,93/);
    expect(r.out).toMatch(/Bijdragen per gemeente 2014/);
    expect(r.out).toMatch(/Meerjarenbegroting 2014–2017/);
    expect(r.out).toMatch(/Saldo: toevoeging \(\+\) \/ onttrekking \(−\) reserve RMC\s+35\.228,87/);
    const dir = path.join(out, 'west-kennemerland/2014/kosten');
    const files = readdirSync(dir).sort();
    expect(files).toContain('begroting.xlsx');
    for (const n of ['percelen', 'bijdragen', 'gemeenten', 'meerjarenbegroting', 'formatie', 'formatie_norm', 'sleutels', 'voorschotten']) {
      expect(files).toContain(`${n}.csv`);
      expect(files).toContain(`${n}-excel.csv`);
    }
    expect(files.some((f) => f.startsWith('.'))).toBe(false); // no temp dir or lock left behind
    // the workbook: a sheet per table, amounts as numbers with a number format, gemeentecodes as text
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'begroting.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['percelen', 'bijdragen', 'gemeenten', 'meerjarenbegroting', 'formatie', 'formatie_norm', 'sleutels', 'voorschotten']);
    const ws = wb.getWorksheet('voorschotten')!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const haarlemQ4 = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(header.indexOf('gemeentecode') + 1).value === '0392' && r.getCell(header.indexOf('kwartaal') + 1).value === 4)!;
    expect(haarlemQ4.getCell(header.indexOf('bedrag') + 1).value).toBe(78470.35);
    expect(haarlemQ4.getCell(header.indexOf('bedrag') + 1).numFmt).toBe('#,##0.00');
    expect(ws.getRows(2, ws.rowCount - 1)!.some((r) => r.getCell(header.indexOf('gemeentecode') + 1).value === '0375')).toBe(true);
    const gemeenten = readFileSync(path.join(dir, 'gemeenten.csv'), 'utf8');
    expect(gemeenten.split('\n')[0]).toBe('jaar,regel,gemeentecode,gemeente,perceel_1,perceel_2,kwalificatieplicht,perceel_2_netto,extra_dienstverlening,te_betalen,perceel_3_fictief');
    expect(gemeenten).toContain('2014,totaal,,Totaal,178997.77,544942.70,166297.90,378644.80,,557642.57,509829.20');
  });

  it('--jaarrekening writes the jaarrekening, the afrekening and a workbook beside the begroting', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kosten-cli-'));
    const r = await run(['kosten', '--config', 'west-kennemerland/2014', '--bevolking', BEVOLKING, '--out', out, '--no-pdf', '--jaarrekening', path.join(ROOT, 'data/realisatie/west-kennemerland-2014'), '--vergadering', '2015-06-25']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/LET OP: voorbeeld met verzonnen realisatiecijfers/);
    expect(r.out).toMatch(/Afrekening 2014 per gemeente/);
    const dir = path.join(out, 'west-kennemerland/2014/jaarrekening');
    expect(readdirSync(dir).sort()).toEqual(['afrekening-excel.csv', 'afrekening.csv', 'jaarrekening-excel.csv', 'jaarrekening.csv', 'jaarrekening.xlsx', 'manifest.json']);
    const af = readFileSync(path.join(dir, 'afrekening.csv'), 'utf8');
    expect(af).toContain('2014,gemeente,0473,Zandvoort,6412.71,34791.00,10956.00,,30247.71,29846.73,22385.04,7862.67');
    // a meeting after 1 July of the year after is late: a warning, not an error
    const late = await run(['kosten', '--config', 'west-kennemerland/2014', '--bevolking', BEVOLKING, '--out', out, '--no-pdf', '--jaarrekening', path.join(ROOT, 'data/realisatie/west-kennemerland-2014'), '--vergadering', '2015-09-01']);
    expect(late.code).toBe(0);
    expect(late.err).toMatch(/after 2015-07-01, the regeling's deadline for adopting the jaarrekening 2014/);
    expect((await run(['kosten', '--config', 'west-kennemerland/2014', '--bevolking', BEVOLKING, '--vergadering', '27-06-2013'])).code).toBe(2);
  });

  it('a later run removes what an earlier run wrote and it does not (a begroting.pdf with other figures), never the office\'s own files', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kosten-cli-'));
    const args = ['kosten', '--config', 'west-kennemerland/2014', '--bevolking', BEVOLKING, '--out', out, '--no-pdf'];
    expect((await run(args)).code).toBe(0);
    const dir = path.join(out, 'west-kennemerland/2014/kosten');
    const manifestFile = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { outputs: { file: string; bytes: number; sha256: string }[] };
    const listed = manifest.outputs.map((o) => o.file).sort();
    expect(listed).toEqual(readdirSync(dir).filter((f) => f !== 'manifest.json').sort());
    const percelen = manifest.outputs.find((o) => o.file === 'percelen.csv')!;
    expect(percelen.sha256).toBe(createHash('sha256').update(readFileSync(path.join(dir, 'percelen.csv'))).digest('hex'));
    // As if the earlier run had printed the PDF and an older version had written a table this one no longer
    // writes (one changed since by hand): both listed in its manifest; and a file of the office's own.
    const earlier = (file: string, data: string) => {
      writeFileSync(path.join(dir, file), data);
      manifest.outputs.push({ file, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    };
    earlier('begroting.pdf', '%PDF-1.7 old figures');
    earlier('oude_tabel.csv', 'a,b\n');
    writeFileSync(path.join(dir, 'oude_tabel.csv'), 'a,b\n1,2\n');
    writeFileSync(manifestFile, JSON.stringify(manifest));
    writeFileSync(path.join(dir, 'notities.txt'), 'van het bureau');
    const again = await run(args);
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/Removed 1 file\(s\) an earlier run wrote that this run does not: begroting\.pdf/);
    expect(again.err).toMatch(/warning: kept oude_tabel\.csv/);
    const now = readdirSync(dir);
    expect(now).not.toContain('begroting.pdf');
    expect(now).toContain('oude_tabel.csv');
    expect(now).toContain('notities.txt');
    expect(now).toContain('percelen.csv');
  });

  it('exits 2 without population keys, 1 on a configuration without a budget', async () => {
    expect((await run(['kosten', '--config', 'west-kennemerland/2014'])).code).toBe(2);
    const r = await run(['kosten', '--config', 'west-kennemerland/2025', '--bevolking', BEVOLKING, '--no-pdf']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/has no `begroting` section/);
  });
});
