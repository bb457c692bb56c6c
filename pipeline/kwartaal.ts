/**
 * The kwartaalrapportage's period and the region's formatie it is measured against. A kwartaal is a
 * calendar quarter, written `2025-K1` (January–March 2025); it belongs to the schooljaar that holds its last
 * day (K3, July–September, to the schooljaar starting that August).
 */
import type { RegionConfig } from './config/load.ts';
import { UsageError } from './errors.ts';

export interface Kwartaal {
  label: string;
  jaar: number;
  k: 1 | 2 | 3 | 4;
  /** First day, ISO. */
  van: string;
  /** First day after the quarter, ISO (half-open). */
  tot: string;
  /** The quarter's last day, ISO. */
  laatsteDag: string;
  /** The schooljaar that holds the quarter's last day, `2024/2025`. */
  schooljaar: string;
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export function parseKwartaal(s: string): Kwartaal {
  const m = /^(\d{4})-K([1-4])$/.exec(s.trim());
  if (!m) throw new UsageError(`--kwartaal ${JSON.stringify(s)} is not a quarter: write the year and the quarter, e.g. 2025-K1 (January to March 2025).`);
  const jaar = Number(m[1]);
  const k = Number(m[2]) as Kwartaal['k'];
  const startMaand = 3 * (k - 1) + 1;
  const tot = k === 4 ? iso(jaar + 1, 1, 1) : iso(jaar, startMaand + 3, 1);
  const last = new Date(`${tot}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  const sj = k >= 3 ? jaar : jaar - 1;
  return { label: `${jaar}-K${k}`, jaar, k, van: iso(jaar, startMaand, 1), tot, laatsteDag: last.toISOString().slice(0, 10), schooljaar: `${sj}/${sj + 1}` };
}

/** The four calendar quarters of a schooljaar (the quarter belongs to the schooljaar of its last day): K3 and K4 of its first year, K1 and K2 of its second. */
export function kwartalenVan(start: number): Kwartaal[] {
  return [`${start}-K3`, `${start}-K4`, `${start + 1}-K1`, `${start + 1}-K2`].map(parseKwartaal);
}

const MAAND = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** How a quarter is named in print: "1e kwartaal 2025" and "januari tot en met maart 2025". */
export function kwartaalNaam(k: Kwartaal): { kort: string; maanden: string } {
  const m = 3 * (k.k - 1);
  return { kort: `${k.k}e kwartaal ${k.jaar}`, maanden: `${MAAND[m]} tot en met ${MAAND[m + 2]} ${k.jaar}` };
}

/** Fte of the leerplichtambtenaren of perceel 2 in the config's formatie, or null when it has none. */
export function fteLeerplicht(config: RegionConfig): number | null {
  const rows = (config.formatie ?? []).filter((f) => f.perceel === 2 && /leerplichtambtenaar/i.test(f.rol));
  const fte = rows.reduce((a, f) => a + f.fte, 0);
  return fte > 0 ? fte : null;
}

export type Status = 'op koers' | 'aandacht' | 'niet op koers' | 'geen oordeel';

/** The rule behind a target's status, as the report states it. */
export const STATUS_REGEL =
  'Op koers: het doel is gehaald. Aandacht: het doel is niet gehaald, maar het cijfer wijkt er ten hoogste 10 procent van af. ' +
  'Niet op koers: het cijfer wijkt meer dan 10 procent af. Geen oordeel: het cijfer is niet gepubliceerd (te weinig gevallen) of niet beschikbaar. ' +
  'Het cijfer wordt vergeleken zoals het in dit rapport staat (afgerond).';

/** The status of a target, given the figure as printed (rounded as shown; null when not published). */
export function status(shown: number | null, doel: { hoogstens?: number; minstens?: number }): Status {
  if (shown === null || !Number.isFinite(shown)) return 'geen oordeel';
  if (doel.hoogstens !== undefined) {
    if (shown <= doel.hoogstens) return 'op koers';
    return shown <= doel.hoogstens * 1.1 ? 'aandacht' : 'niet op koers';
  }
  if (doel.minstens !== undefined) {
    if (shown >= doel.minstens) return 'op koers';
    return shown >= doel.minstens * 0.9 ? 'aandacht' : 'niet op koers';
  }
  return 'geen oordeel';
}
