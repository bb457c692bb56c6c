/** Presents a LoadResult: the problems table for the terminal, the load summary, the rejection report CSV. */
import { TABLES } from '../contract.ts';
import { toCsv } from '../csv.ts';
import { ERRORS_SHOWN_PER_FILE, type LoadResult, type RowError } from './index.ts';

/** A plain-text table with aligned columns. */
export function textTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

export function formatProblems(r: LoadResult): string {
  const out: string[] = [];
  if (r.fileProblems.length) {
    out.push('File problems:');
    out.push(textTable(['file', 'problem'], r.fileProblems.map((p) => [p.file, p.reason])));
  }
  const tables = Object.keys(r.errorCounts).sort();
  if (tables.length) {
    if (out.length) out.push('');
    const total = tables.reduce((s, t) => s + r.errorCounts[t], 0);
    out.push(`Row problems (${total} in ${tables.length} file(s); row = the line number in a CSV file, header = 1 (unless a quoted value spans lines), the row number in a Parquet file, first row = 1; values of persons are not shown):`);
    const rows: string[][] = [];
    for (const t of tables) {
      const shown = r.rowErrors.filter((e) => e.tabel === t);
      for (const e of shown) rows.push([e.file, String(e.rij), e.kolom, e.waarde, e.reden]);
      const rest = r.errorCounts[t] - shown.length;
      if (rest > 0) rows.push([shown[0]?.file ?? t, '…', '', '', `and ${rest} more problem(s) in this file (first ${ERRORS_SHOWN_PER_FILE} shown)`]);
    }
    out.push(textTable(['file', 'row', 'column', 'value', 'problem'], rows));
  }
  return out.join('\n');
}

export function formatSummary(r: LoadResult): string {
  const rows = TABLES.map((t) => {
    const f = r.files.find((x) => x.table === t.name);
    return [t.name, f?.format ?? '', f?.rows ?? 0, r.dropped[t.name] ?? 0, r.loaded[t.name] ?? 0];
  });
  const lines = [textTable(['table', 'format', 'rows read', 'invalid dropped', 'loaded'], rows)];
  lines.push(`Persons older than 23 on the extract date removed at load (with all their rows): ${r.over23}`);
  return lines.join('\n');
}

/**
 * The rejection report: which row of which file, which column and why. It holds no value from the extract
 * (not even codes or numbers: a row's values together describe a person), and the reasons are our own text.
 */
export function rejectionCsv(errors: Omit<RowError, 'file'>[]): string {
  return toCsv(errors.map((e) => ({ tabel: e.tabel, rij: e.rij, kolom: e.kolom, reden: e.reden })), { columns: ['tabel', 'rij', 'kolom', 'reden'] });
}
