/**
 * End to end: a small generated West Kennemerland extract → `build` → PDFs, CSVs, Parquet, dictionary,
 * manifest. Checks what a raadslid, a monitor and the privacy officer would check.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../pipeline/build/index.ts';
import { loadCatalog } from '../pipeline/catalog.ts';
import { loadConfig } from '../pipeline/config/load.ts';
import { Db, sqlString } from '../pipeline/db.ts';
import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS, SCHEMA_VERSION } from '../pipeline/export/dataset.ts';
import { generateExtract } from '../pipeline/generate/index.ts';
import { Progress } from '../pipeline/progress.ts';
import { tempDir } from './helpers/extract-dir.ts';
import { COUNT_UNITS } from '../pipeline/store.ts';
import { decimalen } from '../pipeline/format/index.ts';

const config = loadConfig('west-kennemerland');
const work = tempDir('lp-build-');
const extract = path.join(work, 'extract');
const outA = path.join(work, 'a');
const outB = path.join(work, 'b');
const outC = path.join(work, 'c');
const outRepro = path.join(work, 'repro');
const noNarrative = path.join(work, 'geen-narratief');
const JV_0392 = 'publiek/0392-haarlem/jaarverslag-leerplicht-2024-2025-0392-haarlem';
const JV_0375 = 'publiek/0375-beverwijk/jaarverslag-leerplicht-2024-2025-0375-beverwijk';
const RMC = 'publiek/rmc-effectrapportage-2024-2025-25-zuid-kennemerland-en-ijmond';
const rel = 'west-kennemerland/2024-2025';
let bsns: string[] = [];

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out.sort();
}

beforeAll(async () => {
  await generateExtract({ config, seed: 7, out: extract, format: 'csv', extractdatum: '2025-10-15', personsPerCohort: 300 });
  bsns = readFileSync(path.join(extract, 'personen.csv'), 'utf8').split('\n').slice(1).map((l) => l.split(',')[0]).filter(Boolean);
  const opts = { extract, config, schooljaar: '2024/2025', datum: '2025-10-20', gemeenten: ['0392', '0375'], progress: new Progress({ quiet: true }) };
  await build({ ...opts, out: outA });
  await build({ ...opts, out: outB, pdf: false });
  // Without any narrative: only as a concept.
  await build({ ...opts, out: outC, gemeenten: ['0392'], reports: ['jaarverslag'], narrativeRoot: noNarrative, concept: true });
  // Another build printing fewer documents (so each tab renders other documents before): same PDFs.
  await build({ ...opts, out: outRepro, gemeenten: ['0375'], reports: ['jaarverslag', 'rmc'] });
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('public and confidential apart', () => {
  test('the build folder holds publiek/, vertrouwelijk/ and the manifest; every restricted file is under vertrouwelijk/', () => {
    expect(readdirSync(path.join(outA, rel)).sort()).toEqual(['manifest.json', 'publiek', 'vertrouwelijk']);
    const all = files(path.join(outA, rel)).map((f) => path.relative(path.join(outA, rel), f));
    for (const f of all.filter((x) => /vertrouwelijk|leerplichttelling|rejected/.test(path.basename(x)))) expect(f.startsWith('vertrouwelijk/'), f).toBe(true);
    expect(all.filter((f) => f.startsWith('publiek/') && /vertrouwelijk|leerplichttelling/.test(f))).toEqual([]);
  });
});

describe('jaarverslag PDF', () => {
  test('is written per gemeente with its headings, figures and colofon', () => {
    const pdf = path.join(outA, rel, `${JV_0392}.pdf`);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    for (const h of ['Jaarverslag leerplicht 2024/2025', 'Kerncijfers', 'Absoluut verzuim', 'Relatief verzuim', 'Thuiszitters',
      'Handhaving en interventies', 'Verlof', 'Vrijstellingen', 'Afhandeling en doorlooptijden', 'Bijlage: begrippen en definities', 'Colofon',
      'Samenvatting', 'Inhoud', 'Voorwoord']) {
      expect(text).toContain(h);
    }
    // The cover has no footer; page 2 has the title and page number.
    const page = (n: number) => execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf, '-']).toString();
    expect(page(1)).toContain('Jaarverslag leerplicht 2024/2025');
    expect(page(1)).not.toContain('pagina');
    expect(page(2)).toMatch(/Jaarverslag leerplicht 2024\/2025 – Haarlem\s+pagina 2 van \d+/);
    expect(text).toContain('15 oktober 2025');
    // Haarlem takes part in perceel 2: inhoudelijk, with the shipped demo narrative and no placeholder.
    expect(text).toContain('Wat de cijfers laten zien.');
    expect(text).not.toContain('Ontbreekt');
    expect(text).not.toContain('CONCEPT');
    // The national yardstick beside the gemeente, with its source in the colofon: rates beside rates (absoluut
    // and relatief verzuim, thuiszitters per 1.000, the vsv percentage), the national one last on the row. The
    // samenvatting repeats each rate Haarlem publishes beside the national one, and says nothing of a hidden one.
    expect(text).toContain('Vergelijking met Nederland');
    expect(page(2)).toContain('Vergeleken met Nederland');
    let zinnen = 0;
    for (const [label, nl, pct] of [['Absoluut verzuimers per 1\\.000', '6,3', ''], ['Relatief verzuimers per 1\\.000', '27,0', ''],
      ['Thuiszitters per 1\\.000', '5,7', ''], ['Percentage nieuwe voortijdig schoolverlaters', '2,4', '%']]) {
      const row = new RegExp(`${label}\\s{2,}(\\S+)\\s+(\\S+)\\s+${nl}\\n`).exec(text);
      expect(row, label).not.toBeNull();
      const zin = new RegExp(`${label}: Haarlem ([\\d.,]+)${pct}, Nederland ${nl}${pct} \\(2022\\/2023\\)\\.`).exec(page(2));
      if (row![1] === 'x') expect(zin, label).toBeNull();
      else {
        expect(zin?.[1], label).toBe(row![1]);
        zinnen++;
      }
    }
    expect(zinnen).toBeGreaterThan(0);
    expect(text).toMatch(/Vergelijking met Nederland[\s\S]{0,1000}Nederland\s*\n[^\n]*2022\/2023\s*\n/); // one year: in the column head
    expect(text).toMatch(/Bronnen landelijke cijfers[\s\S]*Leerplichttelling/);
    expect(text).toContain('Formatie en caseload');
    const info = execFileSync('pdfinfo', [pdf]).toString();
    expect(info).toMatch(/Title:\s+Jaarverslag leerplicht 2024\/2025 – Haarlem/);
    expect(info).toMatch(/Tagged:\s+yes/);
    // Metadata set after printing: the office as Author, this tool as Creator, the build's date.
    expect(info).toMatch(/Author:\s+Regionaal Bureau Leerplicht West Kennemerland/);
    expect(info).toMatch(/Creator:\s+leerplicht-rapportage \d+\.\d+\.\d+/);
    expect(info).toMatch(/Subject:\s+Jaarverslag .*Haarlem/);
    expect(info).toMatch(/Keywords:\s+leerplicht, .*schooljaar 2024\/2025, Haarlem/);
    expect(execFileSync('pdfinfo', ['-isodates', pdf]).toString()).toMatch(/CreationDate:\s+2025-10-19T22:00:00Z|CreationDate:\s+2025-10-20T00:00:00\+02/);
    expect(execFileSync('pdfinfo', ['-meta', pdf]).toString()).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(info).toMatch(/A4/);
    // The installed Liberation Sans (found by name, not inlined in the HTML) is embedded, and no other font.
    const fonts = execFileSync('pdffonts', [pdf]).toString().split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+Liberation(Sans|Mono)(-Bold|-Italic|-BoldItalic)?\s.*\byes\s+yes\b/);
  });

  test('the kerncijfers show the published figures of the store', async () => {
    const db = await Db.open({ threads: 1 });
    const rows = await db.all<{ waarde: number | null; onderdrukt: boolean }>(
      `SELECT waarde, onderdrukt FROM read_csv(${sqlString(path.join(outA, rel, 'publiek/data/indicatoren.csv'))})
       WHERE indicator = 'JV-POP-LP' AND gebiedscode = '0392' AND schooljaar = '2024/2025' AND onderwijssoort = 'totaal' AND leeftijd = 'totaal'`);
    db.close();
    expect(rows).toHaveLength(1);
    const n = rows[0].waarde!;
    const text = execFileSync('pdftotext', ['-layout', path.join(outA, rel, `${JV_0392}.pdf`), '-']).toString();
    expect(text).toContain(new Intl.NumberFormat('nl-NL').format(n));
  });

  test('a gemeente outside perceel 2 gets the statistisch variant without narrative placeholders', () => {
    // Beverwijk (0375) takes part in percelen 1 and 3 only.
    const text = execFileSync('pdftotext', [path.join(outA, rel, `${JV_0375}.pdf`), '-']).toString();
    expect(text).toContain('statistisch verslag');
    expect(text).not.toContain('Ontbreekt');
  });
});

describe('narrative of the inhoudelijk jaarverslag', () => {
  test('a final build without narrative stops with the list of what is missing', async () => {
    const run = build({ extract, config, schooljaar: '2024/2025', out: path.join(work, 'd'), gemeenten: ['0392'], reports: ['jaarverslag'], narrativeRoot: noNarrative, progress: new Progress({ quiet: true }) });
    await expect(run).rejects.toThrow(/0392 voorwoord: missing[\s\S]*0392 doorlooptijden: missing[\s\S]*--concept/);
    expect(existsSync(path.join(work, 'd', rel))).toBe(false);
  });

  test('--concept prints it marked CONCEPT, with a notice instead of each missing text', () => {
    const text = execFileSync('pdftotext', [path.join(outC, rel, `${JV_0392}.pdf`), '-']).toString();
    expect(text).toContain('CONCEPT');
    expect(text).toContain('De toelichting van het bureau bij dit hoofdstuk volgt.');
  });
});

describe('print text a raadslid reads', () => {
  test('no code, file name, flag, seed or wrongly named article in any PDF', () => {
    const pdfs = [...files(outA), ...files(outC)].filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThan(4);
    for (const pdf of pdfs) {
      const text = execFileSync('pdftotext', [pdf, '-']).toString();
      const where = path.relative(work, pdf);
      expect(text.match(/\b[A-Z0-9]*[A-Z][A-Z0-9]*_[A-Z0-9_]*\b/g), `${where}: code with _`).toBeNull();
      for (const bad of ['.yaml', '.md', '--', 'Art. 5a (lichamelijk', 'seed', 't+1']) expect(text, `${where}: ${bad}`).not.toContain(bad);
      expect(text, `${where}: article order`).not.toMatch(/artikel 5a[^\n]*\n[^\n]*artikel 5 onder a/i);
    }
  });
});

describe('RMC effectrapportage PDF', () => {
  test('has its chapters and a colofon with only the parameters RMC figures use', () => {
    const pdfs = files(path.join(outA, rel)).filter((f) => f.endsWith(`${RMC}.pdf`));
    expect(pdfs.length).toBeGreaterThan(0);
    for (const pdf of pdfs) {
      const text = execFileSync('pdftotext', [pdf, '-']).toString();
      expect(text).toContain('RMC effectrapportage 2024/2025');
      expect(text).toContain('Colofon');
      expect(text).toContain('Kleinste getoonde aantal');
      // leerplicht-only parameters belong in the jaarverslag's colofon, not here
      expect(text).not.toContain('Zomervakantie');
      expect(text).not.toContain('Definitie thuiszitter');
    }
    const jv = execFileSync('pdftotext', [path.join(outA, rel, `${JV_0392}.pdf`), '-']).toString();
    expect(jv).toContain('Zomervakantie');
  });
});

describe('privacy', () => {
  test('no BSN from the extract appears in any output, and no birth date column', () => {
    expect(bsns.length).toBeGreaterThan(1000);
    const bsnSet = new Set(bsns);
    for (const f of files(path.join(outA, rel))) {
      const text = f.endsWith('.pdf') ? execFileSync('pdftotext', [f, '-']).toString() : readFileSync(f).toString('latin1');
      for (const m of text.match(/\d{9}/g) ?? []) expect(bsnSet.has(m), `${f} holds a BSN`).toBe(false);
      expect(text).not.toMatch(/geboortedatum/);
    }
  });

  test('no published count is between 1 and min_cel - 1', () => {
    const csv = readFileSync(path.join(outA, rel, 'publiek/data/indicatoren.csv'), 'utf8').trim().split('\n');
    const head = csv[0].split(',');
    const iW = head.indexOf('waarde');
    const iE = head.indexOf('eenheid');
    for (const line of csv.slice(1)) {
      const cells = line.split(',');
      if (!COUNT_UNITS.has(cells[iE])) continue;
      const v = cells[iW] === '' ? null : Number(cells[iW]);
      if (v !== null) expect(v === 0 || v >= config.parameters.min_cel, line).toBe(true);
    }
  });
});

describe('privacy: rates', () => {
  test('no rate is published beside a hidden count that is its teller (it would give the count away)', async () => {
    const db = await Db.open({ threads: 1 });
    const leaks = await db.all(`WITH d AS (SELECT * FROM read_csv(${sqlString(path.join(outA, rel, 'publiek/data/indicatoren.csv'))}, all_varchar = true))
      SELECT r.indicator, r.gebiedscode, r.schooljaar FROM d r JOIN d c
        ON c.indicator = CASE r.indicator WHEN 'JV-AV-1000' THEN 'LT-AV-TOT' WHEN 'JV-RV-1000' THEN 'LT-RV-TOT'
                                          WHEN 'RMC-BEREIKT-PCT' THEN 'RMC-BEREIKT' WHEN 'RMC-VSV-PCT' THEN 'RMC-VSV-NIEUW' END
       AND c.gebiedscode = r.gebiedscode AND c.schooljaar = r.schooljaar AND c.soort IS NOT DISTINCT FROM r.soort
       AND coalesce(c.onderwijssoort, 'totaal') = 'totaal'
      WHERE r.onderdrukt = 'false' AND c.onderdrukt = 'true'`);
    db.close();
    expect(leaks).toEqual([]);
  });
});

describe('dataset for monitors', () => {
  test("each gemeente's jaarverslag CSV is its jaarverslag rows and the region's, in the dataset's order", async () => {
    const db = await Db.open({ threads: 1 });
    const read = async (file: string, where = 'true') => (await db.all(
      `SELECT * FROM read_csv(${sqlString(file)}, all_varchar = true) WHERE ${where}`)).map((r) => JSON.stringify(r));
    for (const g of ['0392-haarlem', '0375-beverwijk']) {
      const expected = await read(path.join(outA, rel, 'publiek/data/indicatoren.csv'),
        `gebiedscode IN ('${g.slice(0, 4)}', '${config.regio.code}') AND rapport LIKE '%jaarverslag%'`);
      const actual = await read(path.join(outA, rel, 'publiek', g, `jaarverslag-leerplicht-2024-2025-${g}.csv`));
      expect(actual.length).toBeGreaterThan(100);
      expect(actual).toEqual(expected);
    }
    db.close();
  });

  test('the CSV header and column types are pinned: schema version 3 (change deliberately, with a CHANGELOG entry)', async () => {
    const file = path.join(outA, rel, 'publiek/data/indicatoren.csv');
    const [quotedHeader, firstRow] = readFileSync(file, 'utf8').split('\n');
    // The label (free text) is always quoted, also in the header, so DuckDB's sniffer sees quoting in its sample.
    expect(quotedHeader.split(',')[1]).toBe('"label"');
    expect(firstRow.split(',')[1]).toMatch(/^"/);
    const header = quotedHeader.replaceAll('"', '');
    expect(header).toBe([
      'indicator', 'label', 'rapport', 'schooljaar', 'periode_van', 'periode_tot', 'gebiedsniveau', 'gebiedscode', 'gebiedsnaam',
      'gemeentecode', 'gemeentenaam', 'regio', 'onderwijssoort', 'leeftijd', 'soort', 'artikel', 'beslisser', 'besluit', 'reden',
      'duur', 'status', 'waarde', 'teller', 'noemer', 'eenheid', 'onderdrukt', 'extractdatum', 'build_id',
    ].join(','));
    expect(SCHEMA_VERSION).toBe(3);
    expect(EXPORT_COLUMNS.map((c) => c.name).join(',')).toBe(header);
    // DuckDB's auto-detection (what an analyst types first) gets the right types and every row.
    const db = await Db.open({ threads: 1 });
    const types = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_csv(${sqlString(file)})`);
    const t = Object.fromEntries(types.map((r) => [r.column_name, r.column_type]));
    expect(t).toMatchObject({ periode_van: 'DATE', periode_tot: 'DATE', waarde: 'DOUBLE', onderdrukt: 'BOOLEAN', teller: 'BIGINT', gemeentecode: 'VARCHAR',
      leeftijd: 'VARCHAR', extractdatum: 'DATE', build_id: 'VARCHAR' });
    const parquetTypes = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet(${sqlString(path.join(outA, rel, 'publiek/data/indicatoren.parquet'))})`);
    expect(parquetTypes.map((r) => r.column_type)).toEqual(EXPORT_COLUMNS.map((c) => c.type));
    const kv = await db.all<{ key: string; value: string }>(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${sqlString(path.join(outA, rel, 'publiek/data/indicatoren.parquet'))})`);
    expect(Object.fromEntries(kv.map((r) => [r.key, r.value]))).toMatchObject({ schema_version: '3', extractdatum: '2025-10-15', regio: 'west-kennemerland', schooljaar: '2024/2025' });
    const [{ n }] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM read_csv(${sqlString(file)})`);
    const [{ p }] = await db.all<{ p: number }>(`SELECT count(*) AS p FROM read_parquet(${sqlString(path.join(outA, rel, 'publiek/data/indicatoren.parquet'))})`);
    db.close();
    expect(p).toBe(n);
    expect(n).toBe(readFileSync(file, 'utf8').trim().split('\n').length - 1);
  });

  test("Python's csv module reads it with the same row count and keeps gemeentecode as text", () => {
    const file = path.join(outA, rel, 'publiek/data/indicatoren.csv');
    const out = execFileSync('python3', ['-c', `
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
codes = [r['gemeentecode'] for r in rows if r['gemeentecode']]
assert all(len(c) == 4 for c in codes), 'gemeentecode lost its leading zero'
sup = [r for r in rows if r['onderdrukt'] == 'true']
assert all(r['waarde'] == '' for r in sup), 'suppressed value published'
print(len(rows))`, file]).toString().trim();
    expect(Number(out)).toBe(readFileSync(file, 'utf8').trim().split('\n').length - 1);
  });

  test('every row says what it is: extract date, build id, "totaal" for a total and empty only where a breakdown does not apply', async () => {
    const db = await Db.open({ threads: 1 });
    const file = sqlString(path.join(outA, rel, 'publiek/data/indicatoren.csv'));
    const manifest = JSON.parse(readFileSync(path.join(outA, rel, 'manifest.json'), 'utf8'));
    const ids = await db.all<{ e: string; b: string }>(`SELECT DISTINCT CAST(extractdatum AS VARCHAR) AS e, build_id AS b FROM read_csv(${file})`);
    expect(ids).toEqual([{ e: '2025-10-15', b: manifest.build_id }]);
    // JV-POP-LP is broken down by onderwijssoort and leeftijd (not crossed): its total has "totaal" in both.
    const pop = await db.all<{ o: string | null; l: string | null; n: number }>(`SELECT onderwijssoort AS o, leeftijd AS l, count(*) AS n FROM read_csv(${file}, all_varchar = true)
      WHERE indicator = 'JV-POP-LP' AND gebiedscode = '0392' AND schooljaar = '2024/2025' AND (onderwijssoort = 'totaal' OR leeftijd = 'totaal') GROUP BY ALL ORDER BY ALL`);
    expect(pop.find((r) => r.o === 'totaal' && r.l === 'totaal')?.n).toBe(1);
    expect(pop.every((r) => r.o !== null && r.l !== null)).toBe(true);
    // An indicator without breakdowns leaves them empty; reden does not apply to open meldingen.
    const [av] = await db.all<{ o: string | null; s: string | null }>(`SELECT onderwijssoort AS o, soort AS s FROM read_csv(${file}, all_varchar = true) WHERE indicator = 'JV-AV-1000' LIMIT 1`);
    expect(av).toEqual({ o: null, s: null });
    const open = await db.all<{ r: string | null }>(`SELECT DISTINCT reden AS r FROM read_csv(${file}, all_varchar = true) WHERE indicator = 'JV-AFHANDELING' AND status = 'OPEN'`);
    expect(open).toEqual([{ r: null }]);
    const closed = await db.all<{ r: string }>(`SELECT DISTINCT reden AS r FROM read_csv(${file}, all_varchar = true) WHERE indicator = 'JV-AFHANDELING' AND status = 'AFGESLOTEN' AND reden = 'totaal'`);
    expect(closed).toHaveLength(1);
    // waarde is rounded as the reports show it: one decimal for rates, none for counts; counts without ".0".
    const decimals = await db.all<{ eenheid: string; d: number }>(`SELECT eenheid, max(length(split_part(waarde, '.', 2))) AS d
      FROM read_csv(${file}, all_varchar = true) WHERE waarde IS NOT NULL GROUP BY eenheid ORDER BY eenheid`);
    for (const r of decimals) {
      expect(r.d, r.eenheid).toBeLessThanOrEqual(decimalen(r.eenheid));
      if (['per_1000', 'procent'].includes(r.eenheid)) expect(r.d, r.eenheid).toBe(1);
      if (COUNT_UNITS.has(r.eenheid)) expect(r.d, r.eenheid).toBe(0);
    }
    db.close();
  });

  test('the code list has a Dutch label for every code in the breakdown columns', async () => {
    const db = await Db.open({ threads: 1 });
    const dir = path.join(outA, rel, 'publiek/data');
    const missing = await db.all(`WITH d AS (SELECT * FROM read_csv(${sqlString(path.join(dir, 'indicatoren.csv'))}, all_varchar = true)),
      used AS (${['onderwijssoort', 'leeftijd', 'soort', 'artikel', 'beslisser', 'besluit', 'reden', 'duur', 'status', 'eenheid', 'gebiedsniveau']
        .map((c) => `SELECT DISTINCT '${c}' AS dimensie, ${c} AS code FROM d WHERE ${c} IS NOT NULL`).join(' UNION ALL ')})
      SELECT u.* FROM used u ANTI JOIN read_csv(${sqlString(path.join(dir, 'indicatoren-codelijst.csv'))}, all_varchar = true) c USING (dimensie, code)`);
    const labels = await db.all<{ dimensie: string; code: string; label: string }>(`SELECT * FROM read_csv(${sqlString(path.join(dir, 'indicatoren-codelijst.csv'))}, all_varchar = true)`);
    db.close();
    expect(missing).toEqual([]);
    expect(labels.find((r) => r.dimensie === 'onderwijssoort' && r.code === 'PO')?.label).toBe('Primair onderwijs');
    // a label, not the code again (ages are labelled "12 jaar")
    expect(labels.filter((r) => r.label === r.code)).toEqual([]);
    expect(labels.filter((r) => r.code === 'totaal').map((r) => r.dimensie)).toEqual(['onderwijssoort', 'leeftijd', 'soort', 'artikel', 'beslisser', 'besluit', 'reden', 'duur', 'status']);
  });

  test('datapackage.json describes every data file, its size, hash and columns', () => {
    const dir = path.join(outA, rel, 'publiek/data');
    const dp = JSON.parse(readFileSync(path.join(dir, 'datapackage.json'), 'utf8'));
    expect(dp.profile).toBe('tabular-data-package');
    expect(dp.schema_version).toBe(3);
    const paths = dp.resources.map((r: { path: string }) => r.path).sort();
    expect(paths).toEqual(readdirSync(dir).filter((f) => f !== 'datapackage.json').sort());
    for (const r of dp.resources) {
      expect(r.bytes, r.path).toBe(statSync(path.join(dir, r.path)).size);
      expect(r.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    const main = dp.resources.find((r: { name: string }) => r.name === 'indicatoren');
    expect(main.schema.fields.map((f: { name: string }) => f.name).join(',')).toBe(readFileSync(path.join(dir, 'indicatoren.csv'), 'utf8').split('\n')[0].replaceAll('"', ''));
    expect(main.schema.fields.find((f: { name: string }) => f.name === 'waarde')).toMatchObject({ type: 'number', description: expect.stringContaining('afgerond') });
  });

  test('indicatoren.xlsx has the sheets data, woordenboek and codelijst: codes as text, numbers as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(outA, rel, 'publiek/data/indicatoren.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['data', 'woordenboek', 'codelijst']);
    const ws = wb.getWorksheet('data')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(EXPORT_COLUMNS.map((c) => c.name));
    const col = (name: string) => header.indexOf(name) + 1;
    expect(ws.rowCount - 1).toBe(readFileSync(path.join(outA, rel, 'publiek/data/indicatoren.csv'), 'utf8').trim().split('\n').length - 1);
    let beverwijk: ExcelJS.Row | undefined;
    ws.eachRow((row, i) => {
      if (!beverwijk && i > 1 && row.getCell(col('gemeentecode')).value === '0375' && row.getCell(col('eenheid')).value === 'per_1000' && row.getCell(col('waarde')).value !== null) beverwijk = row;
    });
    expect(beverwijk).toBeDefined();
    expect(beverwijk!.getCell(col('gemeentecode')).type).toBe(ExcelJS.ValueType.String);
    expect(beverwijk!.getCell(col('waarde')).type).toBe(ExcelJS.ValueType.Number);
    expect(beverwijk!.getCell(col('waarde')).numFmt).toBe('#,##0.0');
    expect(beverwijk!.getCell(col('periode_van')).type).toBe(ExcelJS.ValueType.Date);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    // The region workbook of the telling: one number column per gemeente.
    const telling = new ExcelJS.Workbook();
    await telling.xlsx.readFile(path.join(outA, rel, 'vertrouwelijk/leerplichttelling-2024-2025-west-kennemerland-regio-vertrouwelijk.xlsx'));
    const t = telling.worksheets[0];
    const th = (t.getRow(1).values as unknown[]).slice(1);
    expect(th).toContain('0392 Haarlem');
    expect(t.getRow(2).getCell(th.indexOf('0392 Haarlem') + 1).type).toBe(ExcelJS.ValueType.Number);
    expect(t.getRow(2).getCell(th.indexOf('item') + 1).value).toBe('LT-AV-TOT');
  });

  test('the Excel copy has a BOM, semicolons and decimal commas', () => {
    const buf = readFileSync(path.join(outA, rel, 'publiek/data/indicatoren-excel.csv'));
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8');
    expect(text.split('\n')[0]).toContain('indicator;label;rapport');
    expect(text).toMatch(/;\d+,\d+;/);
  });

  test('every indicator in the dataset has a dictionary entry, and every dictionary entry is in the dataset', () => {
    const csv = readFileSync(path.join(outA, rel, 'publiek/data/indicatoren.csv'), 'utf8').trim().split('\n').slice(1);
    const produced = new Set(csv.map((l) => l.split(',')[0]));
    const documented = new Set(loadCatalog().map((d) => d.code));
    expect([...produced].filter((c) => !documented.has(c))).toEqual([]);
    expect([...documented].filter((c) => !produced.has(c))).toEqual([]);
  });

  test('building twice gives byte-identical CSV, Parquet, xlsx, dictionary and data package files', () => {
    for (const f of ['publiek/data/indicatoren.csv', 'publiek/data/indicatoren.parquet', 'publiek/data/indicatoren-excel.csv', 'publiek/data/indicatoren-woordenboek.csv',
      'publiek/data/indicatoren-codelijst.csv', 'publiek/data/indicatoren.xlsx', 'publiek/data/datapackage.json', `${JV_0392}.csv`, `${JV_0392}.xlsx`,
      `vertrouwelijk/leerplichttelling-2024-2025-west-kennemerland-regio-vertrouwelijk.xlsx`]) {
      expect(readFileSync(path.join(outB, rel, f)).equals(readFileSync(path.join(outA, rel, f))), f).toBe(true);
    }
  });

  test('with the same inputs and --datum, another build prints byte-identical PDFs', () => {
    for (const f of [`${JV_0375}.pdf`, `${RMC}.pdf`]) {
      expect(readFileSync(path.join(outRepro, rel, f)).equals(readFileSync(path.join(outA, rel, f))), f).toBe(true);
      expect(execFileSync('pdfinfo', [path.join(outRepro, rel, f)]).toString()).toMatch(/Tagged:\s+yes/);
    }
  });

  test('the manifest lists inputs and outputs with hashes and holds no personal data', () => {
    const m = JSON.parse(readFileSync(path.join(outA, rel, 'manifest.json'), 'utf8'));
    expect(m.extract.files.map((f: { table: string }) => f.table)).toContain('personen');
    expect(m.extract.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const pdfs = m.outputs.filter((o: { file: string }) => o.file.endsWith('.pdf')).map((o: { file: string }) => o.file);
    // two jaarverslagen, two sign-off pages of the telling, and the RMC report of region 25
    expect(pdfs.filter((f: string) => /jaarverslag-leerplicht-2024-2025-\d{4}-[a-z-]+\.pdf$/.test(f))).toHaveLength(2);
    expect(pdfs.filter((f: string) => f.includes('ondertekening-vertrouwelijk'))).toHaveLength(2);
    expect(pdfs.filter((f: string) => f.includes('rmc-effectrapportage'))).toHaveLength(1);
    for (const o of m.outputs) expect(statSync(path.join(outA, rel, o.file)).size).toBe(o.bytes);
    expect(m.config.parameters.min_cel).toBe(5);
    // (BSNs: checked for every output file, this one included, in the privacy test.)
  });

  test('nothing is left behind in the output folder but the outputs', () => {
    const names = files(path.join(outA, 'west-kennemerland')).map((f) => path.basename(f));
    expect(names.some((n) => n.startsWith('.tmp') || n === '.leerplicht.lock')).toBe(false);
    expect(existsSync(path.join(outA, rel, 'manifest.json'))).toBe(true);
  });
});
