/**
 * The generation context and the per-person scratch state. One Person object is reused for every
 * person (typed arrays, no per-row objects); each module fills its part and the rows are written as
 * strings straight into the table buffers.
 */
import { CODES } from '../contract.ts';
import { OPEN } from './dates.ts';
import type { Rng } from './prng.ts';
import type { GemeenteInfo, SchoolIndex } from './schools.ts';
import type { Tables } from './writer.ts';

export interface Ctx {
  /** Extract date. */
  E: number;
  /** First day of the event history (1 August, six schooljaren before the extract's schooljaar). */
  W: number;
  seed: number;
  area: readonly GemeenteInfo[];
  /** Cumulative cohort sizes of the area gemeenten: destination of a move. */
  moveCum: Float64Array;
  /** A region run: persons also move into and out of the area from/to the rest of the country. */
  isRegion: boolean;
  schools: SchoolIndex;
  /** brin per school index. */
  brins: readonly string[];
  rng: Rng;
  out: Tables;
}

const idx = <T extends readonly string[]>(list: T, code: T[number]): number => list.indexOf(code);

// onderwijssoort indices (into CODES.onderwijssoort)
export const S_PO = idx(CODES.onderwijssoort, 'PO');
export const S_SO = idx(CODES.onderwijssoort, 'SO');
export const S_VSO = idx(CODES.onderwijssoort, 'VSO');
export const S_VO = idx(CODES.onderwijssoort, 'VO');
export const S_MBO = idx(CODES.onderwijssoort, 'MBO');
export const S_VAVO = idx(CODES.onderwijssoort, 'VAVO');
export const S_HO = idx(CODES.onderwijssoort, 'HO');

// niveau indices (into CODES.niveau); -1 = none
export const N_PRO = idx(CODES.niveau, 'PRO');
export const N_VMBO_B = idx(CODES.niveau, 'VMBO_B');
export const N_VMBO_K = idx(CODES.niveau, 'VMBO_K');
export const N_VMBO_GT = idx(CODES.niveau, 'VMBO_GT');
export const N_HAVO = idx(CODES.niveau, 'HAVO');
export const N_VWO = idx(CODES.niveau, 'VWO');
export const N_MBO1 = idx(CODES.niveau, '1');
export const N_VSO_VERVOLG = idx(CODES.niveau, 'VERVOLGONDERWIJS');
export const N_VSO_ARBEID = idx(CODES.niveau, 'ARBEID');
export const N_VSO_DAG = idx(CODES.niveau, 'DAGBESTEDING');
/** MBO level 1..4 → niveau index. */
export const mboNiveau = (level: number): number => N_MBO1 + level - 1;

// diploma indices (into CODES.diploma)
export const D_VMBO = idx(CODES.diploma, 'VMBO');
export const D_PRO = idx(CODES.diploma, 'PRO');
export const D_MBO1 = idx(CODES.diploma, 'MBO1');
export const D_HAVO = idx(CODES.diploma, 'HAVO');
export const D_VWO = idx(CODES.diploma, 'VWO');
export const mboDiploma = (level: number): number => D_MBO1 + level - 1;
export const isStartkwalificatie = (d: number): boolean => d >= D_MBO1 + 1 && d <= D_MBO1 + 3 || d === D_HAVO || d === D_VWO;

const CAP = 96;

/** Fixed-capacity list of periods with a few integer attributes. */
export class Periods {
  n = 0;
  readonly van = new Int32Array(CAP);
  readonly tot = new Int32Array(CAP);
  readonly a = new Int32Array(CAP);
  readonly b = new Int32Array(CAP);
  readonly c = new Int32Array(CAP);

  push(van: number, tot: number, a = 0, b = 0, c = 0): number {
    if (this.n >= CAP) return -1; // never expected; drop silently rather than corrupt
    const i = this.n++;
    this.van[i] = van; this.tot[i] = tot; this.a[i] = a; this.b[i] = b; this.c[i] = c;
    return i;
  }
}

export class Person {
  /** Number of the person in the run (ids, bsn). */
  num = 0;
  id = '';
  bsn = '';
  /** Area index of the gemeente the person belongs to. */
  home = 0;
  birth = 0;
  /** Day of death, or OPEN. */
  death = OPEN;
  /** Last day anything can happen: min(death, extract date). */
  limit = 0;
  geslacht = 'M';
  fromAbroad = false;
  inMover = false;
  /** leerplicht [lpStart, lpEnd), 18th and 23rd birthday. */
  lpStart = 0;
  lpEnd = 0;
  b18 = 0;
  b23 = 0;

  /** BRP periods: a = area gemeente index, or -1 for RNI. */
  readonly res = new Periods();
  /** Merged periods resident in the area; a = first day a school enrollment can start (after an arrival). */
  readonly act = new Periods();
  /** Raw career: a = soort, b = niveau, c = school. */
  readonly raw = new Periods();
  /** Final enrollments after clipping: same attributes. */
  readonly enr = new Periods();
  /** Diplomas: van = date, a = diploma index. */
  readonly dip = new Periods();
  /** Granted exemptions: no enrollment in [van, tot). */
  readonly blocked = new Periods();
  /** Vrijstelling rows: van/tot, a = artikel index, b = besluit index, c = datum_aanvraag; besl = datum_besluit. */
  readonly vrs = new Periods();
  readonly vrsBesluit = new Int32Array(CAP);
  /** Earliest startkwalificatie (OPEN when none). */
  sk = OPEN;
  /** Id counters. */
  nMelding = 0;
  nZaak = 0;
  nActie = 0;
  nTraject = 0;
  nVerlof = 0;

  reset(): void {
    this.res.n = this.act.n = this.raw.n = this.enr.n = this.dip.n = this.blocked.n = this.vrs.n = 0;
    this.death = OPEN;
    this.fromAbroad = this.inMover = false;
    this.sk = OPEN;
    this.nMelding = this.nZaak = this.nActie = this.nTraject = this.nVerlof = 0;
  }

  /** Area gemeente on day d (before the first period: home; in the RNI or after leaving: the last one). */
  gemAt(d: number): number {
    let g = this.home;
    for (let i = 0; i < this.res.n; i++) {
      if (this.res.van[i] > d) break;
      if (this.res.a[i] >= 0) g = this.res.a[i];
    }
    return g;
  }

  /** Index of the active interval covering d, or -1. */
  activeAt(d: number): number {
    for (let i = 0; i < this.act.n; i++) if (d >= this.act.van[i] && d < this.act.tot[i]) return i;
    return -1;
  }

  /** Index of the final enrollment (not HO) covering d, or -1. */
  enrolledAt(d: number): number {
    for (let i = 0; i < this.enr.n; i++) {
      if (this.enr.a[i] !== S_HO && d >= this.enr.van[i] && d < this.enr.tot[i]) return i;
    }
    return -1;
  }

  blockedAt(d: number): boolean {
    for (let i = 0; i < this.blocked.n; i++) if (d >= this.blocked.van[i] && d < this.blocked.tot[i]) return true;
    return false;
  }
}
