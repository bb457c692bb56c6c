/**
 * BRP persons → the contract's `personen` and `verblijfplaatsen` tables. The readers (lo-gba.ts for the
 * LO GBA element-numbered CSV, haal-centraal.ts for the Haal Centraal BRP Personen JSON) each turn a
 * source into `BrpPerson` records; everything after that (which persons are skipped and why, how
 * incomplete dates are completed, how residence periods follow from the registrations) is decided here,
 * once, so both sources give the same tables for the same persons.
 *
 * Rules (printed by `leerplicht import brp` and documented in pipeline/import/README.md):
 * - A persoonslijst is skipped when it has no BSN, a BSN failing the 11-proef, a BSN that is also on
 *   another persoonslijst (all of them are skipped: which one is right cannot be told), when its
 *   bijhouding is suspended with reden F (fout) or W (wissen: the persoonslijst should not exist), or
 *   when its birth date is unknown, invalid, before 1900 or after the extract date.
 * - Incomplete dates (day or month `00`) take the first possible day: `19950200` → 1995-02-01,
 *   `19680000` → 1968-01-01. A fully unknown date (`00000000`) is no date.
 * - Residence: the registrations in chronological order. A registration in a gemeente starts a period
 *   on its datum inschrijving (08.09.20) when the gemeente differs from the running one; a departure
 *   abroad (08.13.20) ends the running period and starts an RNI period (gemeentecode 1999) on that
 *   date, as the BRP itself has done since 2014. A return from abroad whose datum inschrijving lies
 *   before the departure (carried over) starts on its datum aanvang adreshouding (08.10.30). A later row that starts on or before an earlier
 *   period replaces that period (a correction). Rows marked onjuist (08.84.10) are ignored.
 * - A death ends the running period on the date of death; a suspension with reden O or M ends it on
 *   the date of suspension, with reden E or R it moves the person to the RNI on that date (unless the
 *   rows already do). Reden O without a date of death takes the date of suspension as date of death.
 * - Nothing lies after the extract date: later periods are dropped, later ends left open, a later
 *   date of death left empty.
 */
import { isValidBsn, normaliseBsn } from '../bsn.ts';
import { RNI } from '../contract.ts';

/** A date as the BRP holds it: year, month, day, where 0 means unknown. */
export interface PartialDate {
  y: number;
  m: number;
  d: number;
}
export type RawDate = PartialDate | 'invalid';

export interface BrpEvent {
  /**
   * `inschrijving`: registered in `gemeente` from `datum`; `vertrek`: left the Netherlands on `datum`;
   * `onjuist`: a history row marked incorrect (ignored, counted).
   */
  kind: 'inschrijving' | 'vertrek' | 'onjuist';
  gemeente?: string;
  datum?: RawDate;
  /** Datum aanvang adreshouding (08.10.30) of an inschrijving row; used for a return from abroad. */
  adresdatum?: RawDate;
}

export interface BrpPerson {
  bsn?: string;
  geboortedatum?: RawDate;
  geslacht?: string;
  overlijdensdatum?: RawDate;
  opschorting?: { reden: string; datum?: RawDate };
  /** Registrations and departures in chronological order (oldest first). */
  events: BrpEvent[];
}

export interface PersonRow {
  bsn: string;
  geboortedatum: string;
  geslacht: string;
  overlijdensdatum?: string;
}
export interface PeriodRow {
  bsn: string;
  gemeentecode: string;
  van: string;
  tot?: string;
}

/** What the conversion did, as counts per reason: never a personal value. */
export interface ImportReport {
  persoonslijsten: number;
  personen: number;
  verblijfplaatsen: number;
  /** Persoonslijsten skipped, per reason. */
  skipped: Record<string, number>;
  /** Values completed or changed by a rule, per rule. */
  rules: Record<string, number>;
}

export const SKIP = {
  noBsn: 'no BSN',
  invalidBsn: 'BSN fails the 11-proef',
  duplicateBsn: 'BSN on more than one persoonslijst (all of them skipped)',
  suspendedW: 'bijhouding suspended with reden W (wissen) or F (fout)',
  noBirth: 'birth date unknown or invalid',
  birthRange: 'birth date before 1900 or after the extract date',
  invalidDeath: 'date of death invalid',
} as const;

export const RULE = {
  birthIncomplete: 'birth date incomplete: first possible day taken',
  deathIncomplete: 'date of death incomplete: first possible day taken',
  deathUnknown: 'date of death unknown: left empty',
  deathFromSuspension: 'reden O without date of death: date of suspension taken',
  deathAfterExtract: 'date of death after the extract date: left empty',
  geslachtUnknown: 'geslacht missing or not M/V/O: recorded as O',
  residenceIncomplete: 'residence date incomplete: first possible day taken',
  onjuist: 'residence row marked onjuist (08.84.10): ignored',
  residenceNoDate: 'residence row without a usable date: ignored',
  residenceNoGemeente: 'residence row without a valid gemeentecode: ignored',
  returnAdres: 'return from abroad with an earlier datum inschrijving: datum aanvang adreshouding taken',
  residenceReplaced: 'residence period replaced by a later row starting on or before it',
  endedByDeath: 'residence ended by death or suspension (reden O, M)',
  endedBySuspension: 'moved to the RNI by suspension (reden E, R)',
  afterExtract: 'residence period starting after the extract date: dropped',
  openedAtExtract: 'residence end after the extract date: left open',
  before1900: 'residence start before 1900: set to 1900-01-01',
} as const;

/** `YYYYMMDD` with `00` for unknown parts → PartialDate; anything else is invalid. */
export function parseGbaDate(s: string | undefined): RawDate | undefined {
  const v = (s ?? '').trim();
  if (!v) return undefined;
  if (!/^\d{8}$/.test(v)) return 'invalid';
  return { y: Number(v.slice(0, 4)), m: Number(v.slice(4, 6)), d: Number(v.slice(6, 8)) };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Completes a BRP date by the "first possible day" rule. Returns the ISO date and whether it was
 * incomplete, `unknown` for 00000000, or `invalid`.
 */
export function completeDate(raw: RawDate | undefined): { iso?: string; incomplete?: boolean; unknown?: boolean; invalid?: boolean } {
  if (raw === undefined) return {};
  if (raw === 'invalid') return { invalid: true };
  const { y, m, d } = raw;
  if (y === 0) return { unknown: true };
  if (m > 12 || d > 31) return { invalid: true };
  const mm = m === 0 ? 1 : m;
  const dd = m === 0 || d === 0 ? 1 : d;
  const iso = `${pad(y, 4)}-${pad(mm)}-${pad(dd)}`;
  const t = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso) return { invalid: true };
  return { iso, incomplete: m === 0 || d === 0 };
}

const bump = (r: Record<string, number>, k: string, n = 1) => {
  r[k] = (r[k] ?? 0) + n;
};

interface Period {
  code: string;
  van: string;
  tot?: string;
}

/** Residence periods from a person's registrations (see the rules at the top). */
export function residencePeriods(p: BrpPerson, rules: Record<string, number>): Period[] {
  const periods: Period[] = [];
  for (const ev of p.events) {
    if (ev.kind === 'onjuist') {
      bump(rules, RULE.onjuist);
      continue;
    }
    const date = completeDate(ev.datum);
    if (!date.iso) {
      bump(rules, RULE.residenceNoDate);
      continue;
    }
    if (date.incomplete) bump(rules, RULE.residenceIncomplete);
    const code = ev.kind === 'vertrek' ? RNI : (ev.gemeente ?? '').trim();
    if (!/^\d{4}$/.test(code)) {
      bump(rules, RULE.residenceNoGemeente);
      continue;
    }
    let van = date.iso;
    const last = periods.at(-1);
    if (last && last.code === RNI && code !== RNI && van <= last.van) {
      // A return from abroad whose datum inschrijving was carried over from before the departure.
      const adres = completeDate(ev.adresdatum).iso;
      if (adres && adres > last.van) {
        van = adres;
        bump(rules, RULE.returnAdres);
      }
    }
    if (last && last.code === code && last.van <= van) continue; // still in the same gemeente
    while (periods.length && periods.at(-1)!.van >= van) {
      periods.pop();
      bump(rules, RULE.residenceReplaced);
    }
    const prev = periods.at(-1);
    if (prev && prev.code === code) {
      prev.tot = undefined;
      continue;
    }
    if (prev) prev.tot = van;
    periods.push({ code, van });
  }
  return periods;
}

/** Ends the running period at `date` (death, suspension), or moves the person to the RNI from then. */
function endResidence(periods: Period[], date: string, toRni: boolean, rules: Record<string, number>): void {
  const last = periods.at(-1);
  if (!last || last.tot !== undefined || last.van >= date) return;
  if (toRni) {
    if (last.code === RNI) return;
    last.tot = date;
    periods.push({ code: RNI, van: date });
    bump(rules, RULE.endedBySuspension);
  } else {
    last.tot = date;
    bump(rules, RULE.endedByDeath);
  }
}

/** Converts BRP persons into contract rows, skipping and completing by the rules above. */
export function convertPersons(persons: BrpPerson[], extractdatum: string): { personen: PersonRow[]; verblijfplaatsen: PeriodRow[]; report: ImportReport } {
  const report: ImportReport = { persoonslijsten: persons.length, personen: 0, verblijfplaatsen: 0, skipped: {}, rules: {} };
  const { skipped, rules } = report;
  // Suspended with W/F first: such a persoonslijst does not count as a second holder of its BSN.
  const live = persons.filter((p) => {
    const reden = p.opschorting?.reden?.trim().toUpperCase();
    if (reden === 'W' || reden === 'F') {
      bump(skipped, SKIP.suspendedW);
      return false;
    }
    return true;
  });
  const bsnCount = new Map<string, number>();
  for (const p of live) {
    if (p.bsn?.trim()) bsnCount.set(normaliseBsn(p.bsn), (bsnCount.get(normaliseBsn(p.bsn)) ?? 0) + 1);
  }
  const personen: PersonRow[] = [];
  const verblijfplaatsen: PeriodRow[] = [];
  for (const p of live) {
    const raw = p.bsn?.trim();
    if (!raw) {
      bump(skipped, SKIP.noBsn);
      continue;
    }
    const bsn = normaliseBsn(raw);
    if (!isValidBsn(bsn)) {
      bump(skipped, SKIP.invalidBsn);
      continue;
    }
    if (bsnCount.get(bsn)! > 1) {
      bump(skipped, SKIP.duplicateBsn);
      continue;
    }
    const birth = completeDate(p.geboortedatum);
    if (!birth.iso) {
      bump(skipped, SKIP.noBirth);
      continue;
    }
    if (birth.iso < '1900-01-01' || birth.iso > extractdatum) {
      bump(skipped, SKIP.birthRange);
      continue;
    }
    const death = completeDate(p.overlijdensdatum);
    if (death.invalid) {
      bump(skipped, SKIP.invalidDeath);
      continue;
    }
    if (birth.incomplete) bump(rules, RULE.birthIncomplete);
    let overlijdensdatum = death.iso;
    if (death.incomplete) bump(rules, RULE.deathIncomplete);
    if (death.unknown) bump(rules, RULE.deathUnknown);
    const reden = p.opschorting?.reden?.trim().toUpperCase();
    const suspended = completeDate(p.opschorting?.datum).iso;
    if (!overlijdensdatum && !death.unknown && reden === 'O' && suspended) {
      overlijdensdatum = suspended;
      bump(rules, RULE.deathFromSuspension);
    }
    let geslacht = (p.geslacht ?? '').trim().toUpperCase();
    if (!['M', 'V', 'O'].includes(geslacht)) {
      geslacht = 'O';
      bump(rules, RULE.geslachtUnknown);
    }

    const periods = residencePeriods(p, rules);
    const end = overlijdensdatum ?? (reden === 'O' || reden === 'M' ? suspended : undefined);
    if (end) endResidence(periods, end, false, rules);
    else if ((reden === 'E' || reden === 'R') && suspended) endResidence(periods, suspended, true, rules);

    if (overlijdensdatum && overlijdensdatum > extractdatum) {
      overlijdensdatum = undefined;
      bump(rules, RULE.deathAfterExtract);
    }
    personen.push({ bsn, geboortedatum: birth.iso, geslacht, overlijdensdatum });
    for (const per of periods) {
      if (per.van > extractdatum) {
        bump(rules, RULE.afterExtract);
        continue;
      }
      if (per.tot !== undefined && per.tot < '1900-01-01') continue;
      let { van, tot } = per;
      if (van < '1900-01-01') {
        van = '1900-01-01';
        bump(rules, RULE.before1900);
      }
      if (tot !== undefined && tot > extractdatum) {
        tot = undefined;
        bump(rules, RULE.openedAtExtract);
      }
      verblijfplaatsen.push({ bsn, gemeentecode: per.code, van, tot });
    }
  }
  personen.sort((a, b) => (a.bsn < b.bsn ? -1 : a.bsn > b.bsn ? 1 : 0));
  verblijfplaatsen.sort((a, b) => (a.bsn < b.bsn ? -1 : a.bsn > b.bsn ? 1 : a.van < b.van ? -1 : a.van > b.van ? 1 : 0));
  report.personen = personen.length;
  report.verblijfplaatsen = verblijfplaatsen.length;
  return { personen, verblijfplaatsen, report };
}

/** The two tables as contract CSV (UTF-8, `,`, header row). Every value is a digit string, date or code. */
export function personenCsv(rows: PersonRow[]): string {
  return `bsn,geboortedatum,geslacht,overlijdensdatum\n${rows.map((r) => `${r.bsn},${r.geboortedatum},${r.geslacht},${r.overlijdensdatum ?? ''}\n`).join('')}`;
}
export function verblijfplaatsenCsv(rows: PeriodRow[]): string {
  return `bsn,gemeentecode,van,tot\n${rows.map((r) => `${r.bsn},${r.gemeentecode},${r.van},${r.tot ?? ''}\n`).join('')}`;
}
