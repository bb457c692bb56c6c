/**
 * Deterministic size of every gemeente: approximate inhabitants (thousands, 1 January 2024, rounded)
 * for the large gemeenten and those of the configured regions, a hash-based log-normal size for the
 * rest. Persons aged 0–25 are then spread in proportion, so that the national total is 26 birth
 * cohorts of 160,000. A region run uses exactly the same per-gemeente sizes.
 */
import { hashString } from './prng.ts';

/** Approximate inhabitants × 1,000 (CBS, 2024, rounded; from general knowledge, not an official table). */
const INHABITANTS_K: Record<string, number> = {
  // the four big cities and other cities above ~100k
  '0363': 931, '0599': 664, '0518': 567, '0344': 374, '0772': 246, '0014': 243, '0855': 227, '0034': 226,
  '0758': 186, '0268': 184, '0200': 167, '0202': 166, '0392': 164, '0394': 162, '0307': 160, '0153': 161,
  '0796': 160, '0479': 158, '0193': 132, '0080': 128, '0546': 127, '0637': 127, '0935': 122, '0505': 121,
  '0228': 121, '0484': 114, '1783': 113, '0361': 111, '0114': 108, '0503': 105, '0150': 103, '0983': 102,
  // 60k–100k
  '0828': 95, '0794': 94, '0439': 93, '0362': 92, '0402': 92, '1900': 92, '1982': 92, '1883': 91,
  '1980': 90, '1963': 89, '0164': 88, '0917': 87, '1930': 86, '1948': 83, '0995': 82, '0606': 80,
  '1674': 78, '1916': 78, '0513': 75, '0622': 75, '0141': 74, '0405': 74, '1992': 70, '0106': 69,
  '0453': 69, '0748': 68.5, '0345': 68, '0502': 68, '0537': 67, '0355': 66, '0356': 65, '1621': 65,
  '0160': 62, '0203': 61, '1942': 60,
  // regions in data/config and other well-known ones
  '0375': 43, '0377': 24, '0396': 40, '0397': 28, '0450': 13.8, '0473': 17.5, '0393': 5.8,
  '0147': 24, '1774': 26.5, '0158': 24.5, '0163': 36.5, '1735': 35, '0168': 22.8, '0173': 32,
  '1742': 38.5, '0183': 21.6, '1700': 34, '0189': 25,
  '0851': 25, '0873': 22, '1655': 30.5, '0777': 45, '0826': 57,
  '0118': 56, '0119': 35, '0166': 55, '0171': 48, '0184': 22, '0243': 49, '0289': 40, '0303': 43,
  '0400': 56, '0603': 57, '0642': 45, '0597': 47, '0715': 55, '0687': 49, '0718': 45, '0957': 59,
  '0928': 45, '0988': 50,
  // the smallest (islands and villages)
  '0060': 3.8, '0088': 1.0, '0093': 5.0, '0096': 1.2, '0448': 13.7, '0277': 1.7, '0339': 5.7, '1695': 7.6,
};

/** Inhabitants of a gemeente (a deterministic log-normal guess, median 26k, for one not in the table). */
export function inhabitants(code: string): number {
  const k = INHABITANTS_K[code];
  if (k !== undefined) return k * 1000;
  const h = hashString(`size:${code}`);
  // two uniforms → an approximately normal z (Irwin–Hall with 2 terms is too flat; use 4 bytes)
  const z = (((h & 0xff) + ((h >>> 8) & 0xff) + ((h >>> 16) & 0xff) + ((h >>> 24) & 0xff)) / 255 - 2) * 1.73;
  return Math.round(Math.min(80_000, Math.max(6_000, 26_000 * Math.exp(0.45 * z))));
}

/** National persons per birth cohort (ages 0–25 → 26 cohorts, ~4.2 million persons). */
export const NATIONAL_COHORT = 160_000;
export const COHORTS = 26;

/**
 * Persons per birth cohort for every gemeente in `codes`, at national scale, given the list of all
 * gemeenten of the country (the reference list).
 */
export function cohortSizes(nationalCodes: readonly string[]): Map<string, number> {
  const total = nationalCodes.reduce((s, c) => s + inhabitants(c), 0);
  const factor = NATIONAL_COHORT / total;
  const out = new Map<string, number>();
  for (const c of nationalCodes) out.set(c, inhabitants(c) * factor);
  return out;
}

/** Cohort size of a gemeente not in the national list (e.g. one merged away), on the same scale. */
export function cohortSizeOf(code: string, nationalCodes: readonly string[]): number {
  const total = nationalCodes.reduce((s, c) => s + inhabitants(c), 0);
  return (inhabitants(code) * NATIONAL_COHORT) / total;
}
