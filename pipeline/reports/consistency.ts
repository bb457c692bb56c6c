/**
 * Consistency of the indicator store, as SQL (each file a SELECT of violations): the store's own invariants
 * (queries/checks/store/: every cell once, breakdowns add up to their total) and the figures' consistency
 * (queries/checks/consistentie/: one figure one value wherever it appears — kerncijfers, chapters, telling,
 * RMC report — every part at most its whole). They run on every build, after the SQL model and before
 * anything is published; a violation stops the build (a report whose figures contradict each other is worse
 * than none).
 */
import { readQuery, sqlFiles, type Db } from '../db.ts';
import { InputError } from '../errors.ts';

export interface Inconsistency {
  controle: string;
  indicator: string;
  schooljaar: string;
  gebied: string;
  toelichting: string;
}

/** The store's own invariants and the figures' consistency: what every build checks. */
export const BUILD_CHECKS = ['checks/store', 'checks/consistentie'];

/** The violations of the checks in `dirs` (folders of queries/). */
export async function consistencyProblems(db: Db, dirs = ['checks/consistentie']): Promise<Inconsistency[]> {
  const selects = dirs.flatMap((d) => sqlFiles(d)).map((f) => `(${readQuery(f).trim().replace(/;\s*$/, '')})`);
  const rows = await db.all<Inconsistency>(`SELECT * FROM (${selects.join('\nUNION ALL BY NAME\n')}) ORDER BY controle, indicator, schooljaar, gebied, toelichting`);
  // DuckDB prints a DOUBLE count as 13.0
  return rows.map((r) => ({ ...r, toelichting: r.toelichting.replace(/\b(\d+)\.0\b/g, '$1') }));
}

/** Stops the build when the store contradicts itself, listing (at most 20 of) the violations. */
export async function requireConsistency(db: Db, dirs?: string[]): Promise<void> {
  const problems = await consistencyProblems(db, dirs);
  if (!problems.length) return;
  const shown = problems.slice(0, 20).map((p) => `  - ${p.schooljaar} ${p.controle}: ${p.toelichting}`);
  if (problems.length > 20) shown.push(`  … and ${problems.length - 20} more`);
  throw new InputError(`the figures contradict each other (${problems.length} consistency check(s) failed), so nothing was published:\n${shown.join('\n')}\n\nThis points at an error in an indicator's query (queries/indicators/) or in the extract; see queries/checks/.`);
}
