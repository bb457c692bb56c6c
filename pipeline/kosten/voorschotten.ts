/**
 * Voorschotten (art. 28, third lid of the West Kennemerland regeling): each gemeente pays its contribution
 * of the adopted begroting as an advance per calendar quarter. The yearly amount is what the begroting says
 * the gemeente pays (perceel 1 + perceel 2 after its kwalificatieplicht money + extra dienstverlening
 * charged in advance); it is split in four equal quarters in whole cents, the rounding difference (at most
 * 3 cents) in the fourth quarter, so the quarters add up to the begroting to the cent.
 */
import { formatNl, formatUnits } from '../format/index.ts';
import type { CsvColumn, CsvTable, GemeenteJaar, TextTable, Uitkomst } from './tables.ts';

export const KWARTALEN = [1, 2, 3, 4] as const;

export interface Voorschot {
  code: string;
  naam: string;
  jaar: number;
  /** The year's contribution in the begroting (cents). */
  jaarbedrag: bigint;
  /** Quarter 1..4 (cents); they add up to `jaarbedrag`. */
  kwartalen: [bigint, bigint, bigint, bigint];
}

export function splitKwartalen(jaarbedrag: bigint): [bigint, bigint, bigint, bigint] {
  const q = jaarbedrag / 4n; // truncates toward zero, also for a negative contribution
  return [q, q, q, jaarbedrag - 3n * q];
}

/** The advances of the budget year (the first year of the begroting). */
export function voorschotten(u: Uitkomst): Voorschot[] {
  return u.gemeenten[0].filter((g: GemeenteJaar) => g.p1 !== undefined || g.p2 !== undefined || g.extra !== undefined)
    .map((g) => ({ code: g.code, naam: g.naam, jaar: g.jaar, jaarbedrag: g.teBetalen, kwartalen: splitKwartalen(g.teBetalen) }));
}

// ---------------------------------------------------------------------------------------------------
// Tables

const eur = (c: bigint) => formatUnits(c, 2);

export function voorschotTabel(vs: Voorschot[]): TextTable {
  const t = vs.reduce((a, v) => a.map((x, i) => x + v.kwartalen[i]) as Voorschot['kwartalen'], [0n, 0n, 0n, 0n] as Voorschot['kwartalen']);
  const jaar = vs[0]?.jaar;
  return {
    id: 'voorschotten',
    titel: `Voorschotten per kwartaal ${jaar ?? ''}`.trim(),
    kolommen: [{ label: 'Gemeente' }, ...KWARTALEN.map((q) => ({ label: `${q}e kwartaal`, rechts: true })), { label: 'jaar', rechts: true }],
    rijen: [
      ...vs.map((v) => ({ cellen: [v.naam, ...v.kwartalen.map((x) => formatNl(x, 2)), formatNl(v.jaarbedrag, 2)] })),
      { cellen: ['Totaal', ...t.map((x) => formatNl(x, 2)), formatNl(t.reduce((a, x) => a + x, 0n), 2)], soort: 'totaal' as const },
    ],
    noten: ['Elke gemeente betaalt haar bijdrage volgens de vastgestelde begroting als voorschot per kalenderkwartaal (artikel 28, derde lid, van de regeling): vier gelijke bedragen; het afrondingsverschil van hoogstens 3 cent zit in het vierde kwartaal.'],
  };
}

export function voorschotCsv(vs: Voorschot[]): CsvTable {
  const rows: Record<string, string | null>[] = [];
  for (const v of vs) {
    v.kwartalen.forEach((x, i) => rows.push({ jaar: String(v.jaar), regel: 'kwartaal', gemeentecode: v.code, gemeente: v.naam, kwartaal: String(i + 1), bedrag: eur(x) }));
    rows.push({ jaar: String(v.jaar), regel: 'jaar', gemeentecode: v.code, gemeente: v.naam, kwartaal: null, bedrag: eur(v.jaarbedrag) });
  }
  return { name: 'voorschotten', description: 'Advance per gemeente per calendar quarter from the begroting.', columns: VOORSCHOT_COLUMNS, rows };
}

export const VOORSCHOT_COLUMNS: CsvColumn[] = [
  { name: 'jaar', type: 'integer', description: 'Budget year.' },
  { name: 'regel', type: 'text', description: '`kwartaal` (one per quarter) or `jaar` (the year\'s contribution, = the sum of its four quarters).' },
  { name: 'gemeentecode', type: 'text', description: 'CBS gemeentecode.' },
  { name: 'gemeente', type: 'text', description: 'Gemeente name.' },
  { name: 'kwartaal', type: 'integer', description: 'Calendar quarter 1–4; empty on `jaar`.' },
  { name: 'bedrag', type: 'decimal', description: 'Euro: the advance due (a negative amount is paid to the gemeente).' },
];
