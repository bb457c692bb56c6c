/** The mapping layer: an Excel-saved export (Windows-1252, `;`, dd-mm-yyyy, own codes) → a valid contract table. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../pipeline/cli.ts';
import { Db } from '../pipeline/db.ts';
import { convertExport, showableCode } from '../pipeline/mapping/convert.ts';
import { parseDate, parseNumber, readMapping } from '../pipeline/mapping/mapping.ts';
import { loadExtract } from '../pipeline/load/index.ts';
import { initProject } from '../pipeline/project.ts';
import { tempDir, writeCsvExtract } from './helpers/extract-dir.ts';

const EXAMPLE = path.resolve(import.meta.dirname, '../data/examples/mappings/inschrijvingen-excel.yaml');

/** An export as Excel saves "CSV (puntkomma)": Windows-1252, `;`, CRLF, dd-mm-yyyy. */
function writeExport(file: string, rows: string[][]): void {
  const text = rows.map((r) => r.join(';')).join('\r\n') + '\r\n';
  writeFileSync(file, iconv.encode(text, 'windows-1252'));
}

const HEADER = ['Inschrijvingsnummer', 'BSN', 'Brinnummer', 'Onderwijstype', 'Leerweg', 'Datum inschrijving', 'Datum uitschrijving', 'Opmerking'];

function project(rows: string[][]): { dir: string; mapping: string } {
  const dir = tempDir('lp-map-');
  mkdirSync(path.join(dir, 'mappings'));
  mkdirSync(path.join(dir, 'extracts'));
  const mapping = path.join(dir, 'mappings', 'inschrijvingen-excel.yaml');
  copyFileSync(EXAMPLE, mapping);
  writeExport(path.join(dir, 'extracts', 'inschrijvingen-export.csv'), [HEADER, ...rows]);
  return { dir, mapping };
}

describe('mapping values', () => {
  it('parses Dutch dates, decimal commas and withholds personal-looking codes', () => {
    expect(parseDate('01-08-2024', 'dd-mm-yyyy')).toBe('2024-08-01');
    expect(parseDate('1-8-2024 00:00', 'd-m-yyyy')).toBe('2024-08-01');
    expect(parseDate('2024-08-01', 'dd-mm-yyyy')).toBe('2024-08-01');
    expect(parseDate('31-02-2024', 'dd-mm-yyyy')).toBeUndefined();
    expect(parseDate('08/01/2024', 'mm/dd/yyyy')).toBe('2024-08-01');
    expect(parseNumber('12,0', ',')).toBe('12');
    expect(parseNumber('1.234', ',')).toBe('1234');
    expect(parseNumber('twaalf', ',')).toBeUndefined();
    expect(showableCode('Hoger beroepsonderwijs')).toBe('Hoger beroepsonderwijs');
    expect(showableCode('999993653')).toMatch(/withheld/);
    expect(showableCode('01-08-2010')).toMatch(/withheld/);
  });

  it('rejects a mapping naming columns or codes the contract does not have', () => {
    const dir = tempDir();
    const f = path.join(dir, 'm.yaml');
    writeFileSync(f, 'tabel: inschrijvingen\nkolommen:\n  leerling: BSN\ncodes:\n  onderwijssoort:\n    Basis: BASIS\n');
    expect(() => readMapping(f)).toThrow(/leerling not a column of inschrijvingen.*BASIS not allowed/s);
  });
});

describe('leerplicht map', () => {
  const rows = [
    ['1001', '999993653', '12AB', 'Voortgezet onderwijs', 'havo', '01-08-2022', '', 'verhuisd uit Zaandam, café'],
    ['1002', '999990147', '12AB', 'Basisonderwijs', '', '1-8-2016', '31-07-2022', ''],
  ];

  it('turns a Windows-1252 ;-export with Dutch dates and own codes into a valid contract table', async () => {
    const { dir, mapping } = project(rows);
    const extract = path.join(dir, 'extracts', '2025');
    writeCsvExtract(extract, {
      personen: [{ bsn: '999993653', geboortedatum: '2010-03-15', geslacht: 'M' }, { bsn: '999990147', geboortedatum: '2012-05-01', geslacht: 'V' }],
      scholen: [{ brin: '12AB', naam: 'Het Café-college', gemeentecode: '0392', bekostigd: 'true' }],
    });
    expect(await main(['map', mapping, '--out', extract])).toBe(0);
    expect(readFileSync(path.join(extract, 'inschrijvingen.csv'), 'utf8')).toBe(
      'inschrijving_id,bsn,brin,onderwijssoort,niveau,van,tot\n'
      + '1001,999993653,12AB,VO,HAVO,2022-08-01,\n'
      + '1002,999990147,12AB,PO,,2016-08-01,2022-07-31\n');
    const db = await Db.open({ threads: 1 });
    try {
      const r = await loadExtract(db, extract);
      expect(r.fileProblems).toEqual([]);
      expect(r.errorCounts).toEqual({});
      expect(r.loaded.inschrijvingen).toBe(2);
    } finally {
      db.close();
    }
  });

  it('map --check names an unmapped code with its count and the unused column, and exits 1', async () => {
    const { mapping } = project([...rows, ['1003', '999992326', '12AB', 'Hoger beroepsonderwijs', '', '01-09-2023', '', ''], ['1004', '999994426', '12AB', 'Hoger beroepsonderwijs', '', '01-09-2024', '', '']]);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await main(['map', mapping, '--check'])).toBe(1);
      const out = log.mock.calls.map((c) => c.join(' ')).join('\n');
      expect(out).toContain('source column(s) not mapped: Opmerking');
      expect(out).toMatch(/onderwijssoort: 1 value\(s\) without a code mapping[\s\S]*"Hoger beroepsonderwijs"  2×/);
      expect(out).not.toContain('999992326');
    } finally {
      log.mockRestore();
    }
    const { check } = await convertExport(readMapping(mapping));
    expect(check.unmappedCodes).toEqual({ onderwijssoort: { 'Hoger beroepsonderwijs': 2 } });
  });

  it('decodes Windows-1252 text and fills constants; reads an .xlsx sheet by name', async () => {
    const dir = tempDir('lp-map-');
    writeExport(path.join(dir, 'scholen.csv'), [['BRIN', 'Schoolnaam', 'Gemeente'], ['12AB', 'Het Café-college €', '0392']]);
    writeFileSync(path.join(dir, 'scholen.yaml'), 'tabel: scholen\nbestand: scholen.csv\ncodering: windows-1252\nkolommen:\n  brin: BRIN\n  naam: Schoolnaam\n  gemeentecode: Gemeente\nconstanten:\n  bekostigd: "true"\n');
    expect((await convertExport(readMapping(path.join(dir, 'scholen.yaml')))).csv).toBe('brin,naam,gemeentecode,bekostigd\n12AB,Het Café-college €,0392,true\n');

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Toelichting').addRow(['niet dit blad']);
    const ws = wb.addWorksheet('Verlof');
    ws.addRow(['Nr', 'BSN', 'Artikel', 'Dagen', 'Beslisser', 'Besluit', 'Aangevraagd', 'Besloten', 'Bezwaar']);
    ws.addRow(['v1', 999993653, '13a', '3,0', 'School', 'Toegekend', new Date(Date.UTC(2024, 9, 1)), '02-10-2024', 'nee']);
    await wb.xlsx.writeFile(path.join(dir, 'verlof.xlsx'));
    writeFileSync(path.join(dir, 'verlof.yaml'), [
      'tabel: verlofaanvragen', 'bestand: verlof.xlsx', 'blad: Verlof', 'datumformaat: dd-mm-yyyy', 'decimaalteken: ","',
      'kolommen: {aanvraag_id: Nr, bsn: BSN, artikel: Artikel, dagen: Dagen, beslisser: Beslisser, besluit: Besluit, datum_aanvraag: Aangevraagd, datum_besluit: Besloten, bezwaar: Bezwaar}',
      'codes:', '  artikel: {13a: 13A}', '  beslisser: {School: SCHOOL}', '  besluit: {Toegekend: TOEGEKEND}', '',
    ].join('\n'));
    const { csv, check } = await convertExport(readMapping(path.join(dir, 'verlof.yaml')));
    expect(csv).toBe('aanvraag_id,bsn,artikel,dagen,beslisser,besluit,datum_aanvraag,datum_besluit,bezwaar\nv1,999993653,13A,3,SCHOOL,TOEGEKEND,2024-10-01,2024-10-02,nee\n');
    expect(check.unmappedCodes).toEqual({});
  });

  it('in a project, map takes every mappings/*.yaml and writes into the project\'s extract', async () => {
    const dir = path.join(tempDir('lp-map-proj-'), 'rbl');
    initProject(dir);
    copyFileSync(EXAMPLE, path.join(dir, 'mappings', 'inschrijvingen-excel.yaml'));
    writeExport(path.join(dir, 'extracts', 'inschrijvingen-export.csv'), [HEADER, ...rows]);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await main(['map', '--project', dir])).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(readFileSync(path.join(dir, 'extracts', 'demo', 'inschrijvingen.csv'), 'utf8')).toContain('1001,999993653,12AB,VO,HAVO,2022-08-01,');
  });
});
