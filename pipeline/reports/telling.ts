/**
 * Leerplichttelling (DUO kengetallen) per gemeente: the form figures of the verslagjaar (unsuppressed: the
 * form goes to DUO and the college, never to the public), the consistency checks DUO would otherwise bounce
 * the form for, and the outputs: a submission CSV and a sign-off PDF per gemeente and a region workbook,
 * all marked "vertrouwelijk". They hold counts only, no person-level data.
 *
 * Figures come from the indicator store (the LT-* indicators, one definition each); checks are SQL files in
 * queries/checks/telling/, each a SELECT of violations.
 */
import { readQuery, sqlFiles, type Db } from '../db.ts';
import { loadCatalog } from '../catalog.ts';
import type { XlsxSheet } from '../format/xlsx.ts';

/** The form's items: verzuim, then vrijstellingen and vervangende leerplicht in the law's order (3a, 3b, 5 onder a, b, c, 5a, 15), then handhaving. */
export const TELLING_ITEMS = [
  'LT-AV-TOT', 'LT-AV-3M', 'LT-AV-OPGELOST',
  'LT-RV-TOT', 'LT-RV-HERH', 'LT-LUXE', 'LT-LRV-START', 'LT-LRV-NIEUW', 'LT-LRV-3M',
  'LT-VR-3A', 'LT-VR-3B', 'LT-VR-5A', 'LT-VR-5B', 'LT-VR-5C', 'LT-VR-5A_TREKKEND', 'LT-VR-15',
  'LT-PV-OUDERS', 'LT-PV-JONGERE', 'LT-HALT',
] as const;

export const TELLING_BUCKETS = ['PO', 'SO/VSO', 'VO', 'MBO', 'overig', 'geen onderwijs', 'totaal'] as const;

export interface FormRow {
  gemeentecode: string;
  gemeentenaam: string;
  schooljaar: string;
  item: string;
  omschrijving: string;
  onderwijssoort: string;
  waarde: number;
}

export interface CheckResult {
  gemeentecode: string;
  schooljaar: string;
  controle: string;
  item: string;
  onderwijssoort: string | null;
  ernst: 'fout' | 'waarschuwing';
  toelichting: string;
  /** The item's Dutch label (the sign-off page prints no codes). */
  omschrijving: string;
}

/** Builds `telling_formulier` (every gemeente × item × bucket) from the store. */
export async function buildTellingForm(db: Db): Promise<void> {
  await db.run('CREATE OR REPLACE TABLE telling_items (volgorde INTEGER, item VARCHAR)');
  for (const [i, item] of TELLING_ITEMS.entries()) {
    await db.run('INSERT INTO telling_items VALUES ($i, $item)', { i: i + 1, item });
  }
  await db.runFile('reports/telling_formulier.sql');
}

/** Runs every check of queries/checks/telling/ on the store; all schooljaren, so trends can be checked. */
export async function runTellingChecks(db: Db): Promise<CheckResult[]> {
  const selects = sqlFiles('checks/telling').map((f) => `(${readQuery(f).trim().replace(/;\s*$/, '')})`);
  await db.run(`CREATE OR REPLACE TABLE telling_controles AS ${selects.join('\nUNION ALL BY NAME\n')}`);
  const rows = await db.all<Omit<CheckResult, 'omschrijving'>>(`SELECT c.gemeentecode, c.schooljaar, c.controle, c.item, c.onderwijssoort, c.ernst, c.toelichting
    FROM telling_controles c JOIN int_schooljaren j ON j.schooljaar = c.schooljaar AND j.is_verslagjaar
    JOIN report_gemeenten g ON g.gemeentecode = c.gemeentecode
    ORDER BY c.gemeentecode, c.ernst, c.item, c.controle, c.onderwijssoort NULLS FIRST`);
  return rows.map((r) => ({ ...r, omschrijving: withLabels(r.item), toelichting: withLabels(r.toelichting) }));
}

/** A text with every indicator code replaced by its Dutch label (longest codes first). */
export function withLabels(text: string): string {
  const defs = [...loadCatalog()].sort((a, b) => b.code.length - a.code.length);
  let out = text;
  for (const d of defs) out = out.replaceAll(d.code, d.label.charAt(0).toLowerCase() + d.label.slice(1));
  // A sentence that began with a code begins with its label.
  return defs.some((d) => text.startsWith(d.code)) ? out.charAt(0).toUpperCase() + out.slice(1) : out;
}

/** The form of one gemeente as rows (item × bucket), in form order. */
export async function formRows(db: Db, gemeentecode: string): Promise<FormRow[]> {
  return (await formRowsPerGemeente(db, gemeentecode)).get(gemeentecode) ?? [];
}

/** The forms of every gemeente (or of one), each as rows in form order: one query, not one per gemeente. */
export async function formRowsPerGemeente(db: Db, gemeentecode?: string): Promise<Map<string, FormRow[]>> {
  const rows = await db.all<FormRow>(`SELECT gemeentecode, gemeentenaam, schooljaar, item, omschrijving, onderwijssoort, waarde
    FROM telling_formulier ${gemeentecode === undefined ? '' : 'WHERE gemeentecode = $g'} ORDER BY gemeentecode, item_volgorde, bucket_volgorde`,
  gemeentecode === undefined ? undefined : { g: gemeentecode });
  const out = new Map<string, FormRow[]>();
  for (const r of rows) {
    let list = out.get(r.gemeentecode);
    if (!list) out.set(r.gemeentecode, (list = []));
    list.push(r);
  }
  return out;
}

/** SELECT of the region workbook: one row per item × bucket, one column per gemeente ("0392 Haarlem"). */
export async function workbookSql(db: Db): Promise<string> {
  const gemeenten = await db.all<{ gemeentecode: string; naam: string }>('SELECT gemeentecode, naam FROM report_gemeenten ORDER BY gemeentecode');
  const cols = gemeenten.map((g) => {
    const name = `${g.gemeentecode} ${g.naam}`.replaceAll('"', '');
    return `max(waarde) FILTER (WHERE gemeentecode = '${g.gemeentecode}') AS "${name}"`;
  });
  return `SELECT schooljaar, item, omschrijving, onderwijssoort, ${cols.join(', ')}, sum(waarde) AS "som gemeenten"
    FROM telling_formulier GROUP BY schooljaar, item_volgorde, item, omschrijving, bucket_volgorde, onderwijssoort
    ORDER BY item_volgorde, bucket_volgorde`;
}

/** The form as a table for the sign-off page: one row per item, one column per bucket. */
export function formTable(rows: FormRow[]): { item: string; omschrijving: string; waarden: number[] }[] {
  const out: { item: string; omschrijving: string; waarden: number[] }[] = [];
  for (const r of rows) {
    let row = out.find((x) => x.item === r.item);
    if (!row) out.push((row = { item: r.item, omschrijving: r.omschrijving, waarden: [] }));
    row.waarden.push(r.waarde);
  }
  return out;
}

/** The submission of one gemeente as a workbook's sheet (codes as text, waarde as a number). */
export function tellingSheet(rows: FormRow[]): XlsxSheet {
  return {
    name: 'leerplichttelling',
    columns: [
      { name: 'gemeentecode', type: 'text' }, { name: 'gemeentenaam', type: 'text' }, { name: 'schooljaar', type: 'text' },
      { name: 'item', type: 'text' }, { name: 'omschrijving', type: 'text', width: 60 }, { name: 'onderwijssoort', type: 'text' },
      { name: 'waarde', type: 'integer' },
    ],
    rows: rows as unknown as Record<string, unknown>[],
  };
}

/** The region workbook's sheet (every gemeente side by side). */
export async function tellingRegioSheet(db: Db): Promise<XlsxSheet> {
  const rows = await db.all<Record<string, unknown>>(await workbookSql(db));
  const text = ['schooljaar', 'item', 'omschrijving', 'onderwijssoort'];
  const keys = rows.length ? Object.keys(rows[0]) : text;
  return {
    name: 'leerplichttelling',
    columns: keys.map((name) => (text.includes(name) ? { name, type: 'text', width: name === 'omschrijving' ? 60 : undefined } : { name, type: 'integer' })),
    rows,
  };
}
