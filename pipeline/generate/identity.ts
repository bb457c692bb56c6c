/**
 * Synthetic BSNs and BRINs: unique, deterministic, valid.
 *
 * BSN: the first 7 digits are a bijective scramble of the person's number in the run (so no two persons
 * share them), digit 8 is chosen so that a check digit 0–9 exists, digit 9 makes the 11-proef hold.
 */
import { hash32 } from './prng.ts';

const SPACE = 10_000_000;
const MULT = 7_654_321; // coprime with 10 → x ↦ MULT·x + add (mod 10^7) is a bijection
/** Largest number of persons one run can hold. */
export const MAX_PERSONS = SPACE;

export function bsnFactory(seed: number): (personNumber: number) => string {
  const add = hash32(seed, 0xb5) % SPACE;
  return (n: number) => {
    const x = (MULT * n + add) % SPACE;
    const s7 = String(x).padStart(7, '0');
    let sum = 0;
    for (let i = 0; i < 7; i++) sum += (9 - i) * (s7.charCodeAt(i) - 48);
    // 9·d1 + … + 3·d7 + 2·d8 − d9 ≡ 0 (mod 11) → d9 = (sum + 2·d8) mod 11, needs d9 ≤ 9
    let d8 = (x * 7) % 10;
    for (let k = 0; k < 10; k++, d8 = (d8 + 1) % 10) {
      const d9 = (sum + 2 * d8) % 11;
      if (d9 <= 9 && !(x === 0 && d8 === 0 && d9 === 0)) return `${s7}${d8}${d9}`;
    }
    throw new Error('unreachable: no check digit');
  };
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const BRIN_SPACE = 100 * 26 * 26;
const BRIN_MULT = 40_009; // coprime with 67,600 = 2^4·5^2·13^2

/** BRIN for the i-th school of the country: 2 digits + 2 letters, unique for i < 67,600. */
export function brinFor(i: number): string {
  if (i >= BRIN_SPACE) throw new Error('too many schools for 4-character BRINs');
  const x = (BRIN_MULT * i + 12_345) % BRIN_SPACE;
  const digits = Math.floor(x / 676);
  const l = x % 676;
  return `${String(digits).padStart(2, '0')}${LETTERS[Math.floor(l / 26)]}${LETTERS[l % 26]}`;
}
