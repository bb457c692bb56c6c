/**
 * Does the extract cover what the build is asked to report on? A schooljaar before the extract's history,
 * or a gemeente without a single resident in that schooljaar, would give reports full of zeros that look
 * like real figures: both are refused, naming what to change.
 */
import { type Db, sqlString } from '../db.ts';
import { InputError } from '../errors.ts';

/** Runs after the SQL model: residences are counted in the report year's gemeentelijke indeling (herindelingen). */
export async function checkCoverage(db: Db, gemeenten: { code: string; naam: string }[], schooljaar: string, start: number): Promise<void> {
  const van = `${start}-08-01`;
  const tot = `${start + 1}-08-01`;
  const { eerste } = await db.one<{ eerste: string | null }>('SELECT CAST(min(van) AS VARCHAR) AS eerste FROM src_verblijfplaatsen');
  if (eerste === null) throw new InputError('the extract holds no residence periods (verblijfplaatsen.csv has no valid rows): there is nothing to report on.');
  if (tot <= eerste) {
    throw new InputError(`schooljaar ${schooljaar} is before the extract's history: its earliest residence period starts in ${eerste.slice(0, 4)}. Choose a later --schooljaar (the extract date's year or the one before), or an extract that covers ${schooljaar}.`);
  }
  const rows = await db.all<{ code: string; n: number }>(`
    SELECT g.code, count(v.bsn) AS n
    FROM (SELECT unnest([${gemeenten.map((g) => sqlString(g.code)).join(', ')}]::VARCHAR[]) AS code) g
    LEFT JOIN stg_verblijfplaatsen v ON v.gemeentecode = g.code AND v.van < CAST($tot AS DATE) AND (v.tot IS NULL OR v.tot > CAST($van AS DATE))
    GROUP BY g.code`, { van, tot });
  const empty = gemeenten.filter((g) => rows.find((r) => r.code === g.code)?.n === 0);
  if (empty.length) {
    throw new InputError(`no resident of ${empty.map((g) => `${g.code} ${g.naam}`).join(', ')} in schooljaar ${schooljaar} is in the extract: its reports would show only zeros. Check that the extract covers this gemeente (and the configuration's gemeentecode), or leave it out with --gemeente.`);
  }
}
