/**
 * The scholen table: schools per gemeente in proportion to its size, for the whole country (so a
 * region run and a national run agree on BRINs), then cut down to the run's area plus the schools
 * outside it that its residents attend when the area has none of a kind (e.g. hoger onderwijs).
 */
import { brinFor } from './identity.ts';
import { Rng } from './prng.ts';

export const SCHOOL_TYPES = ['PO', 'SVO', 'VO', 'MBO', 'HO'] as const;
export const T_PO = 0, T_SVO = 1, T_VO = 2, T_MBO = 3, T_HO = 4;

export interface School {
  brin: string;
  naam: string;
  gemeente: string;
  bekostigd: boolean;
  type: number;
}

export interface GemeenteInfo {
  code: string;
  naam: string;
  provincie: string;
  /** Persons per birth cohort at national scale. */
  cohort: number;
}

/** Pupils per school (rates are documented in README.md). */
const PUPILS_PER_SCHOOL = { PO: 240, SVO: 150, VO: 900 };
/** Share of pupils that attend a school in their own gemeente when it has one. */
const LOCAL_SHARE = [0.97, 0.6, 0.8, 0.7, 0.6];
const BEKOSTIGD = [0.99, 0.98, 0.97, 0.95, 0.9];

const PO_NAMES = [
  'De Regenboog', 'Het Kompas', 'De Wegwijzer', 'De Klimop', 'De Linde', 'De Vlinder', 'Het Anker',
  'De Zonnewijzer', 'De Wilgen', 'De Springplank', 'Het Palet', 'De Fontein', 'De Boomgaard', 'De Ark',
  'De Driesprong', 'De Horizon', 'Het Mozaïek', 'De Meander', 'De Piramide', 'De Sterrenboog',
  'Koningin Beatrix', 'Willem-Alexander', 'Prins Claus', 'Sint Jozef', 'Sint Franciscus', 'Theresia',
  'De Bron', 'De Kameleon', 'Het Startpunt', 'De Dolfijn', 'Montessori', 'Dalton', 'Jenaplan De Zon',
];
const PO_PREFIX = ['OBS', 'CBS', 'RKBS', 'Basisschool', 'PCBS', 'IKC'];
const VO_NAMES = [
  'Erasmus', 'Spinoza', 'Vossius', 'Ichthus', 'Gregorius', 'Bonhoeffer', 'Comenius', 'Grotius', 'Huygens',
  'Thorbecke', 'Stanislas', 'Dalton', 'Montessori', 'Zuyderzee', 'Rembrandt', 'Da Vinci', 'Mendel',
  'Het Baken', 'De Breul', 'Canisius', 'Marianum', 'Titus Brandsma', 'Jan Arentsz', 'Kennemer',
];
const VO_PREFIX = ['College', 'Lyceum', 'Scholengemeenschap', 'Gymnasium', 'Praktijkschool', 'Vmbo'];
const SVO_NAMES = ['De Ster', 'De Brug', 'Het Mozaïek', 'De Kans', 'Het Speelwerk', 'De Zeehoeve', 'Het Lichtpunt'];

function counts(cohort: number): number[] {
  const po = Math.max(1, Math.round((cohort * 8) / PUPILS_PER_SCHOOL.PO));
  const svo = Math.floor((cohort * 14 * 0.035) / PUPILS_PER_SCHOOL.SVO);
  const vo = cohort < 90 ? 0 : Math.max(1, Math.round((cohort * 6) / PUPILS_PER_SCHOOL.VO));
  const mbo = Math.floor(cohort / 1100);
  const ho = Math.min(6, Math.floor(cohort / 1400));
  return [po, svo, vo, mbo, ho];
}

function schoolName(type: number, k: number, g: GemeenteInfo, rng: Rng): string {
  switch (type) {
    case T_PO: return `${PO_PREFIX[rng.int(PO_PREFIX.length)]} ${PO_NAMES[rng.int(PO_NAMES.length)]}`;
    case T_SVO: return `${rng.chance(0.5) ? 'Expertisecentrum' : 'SO/VSO'} ${SVO_NAMES[rng.int(SVO_NAMES.length)]}`;
    case T_VO: {
      const p = VO_PREFIX[rng.int(VO_PREFIX.length)];
      const n = VO_NAMES[rng.int(VO_NAMES.length)];
      return p === 'College' ? `${n} College, ${g.naam}` : `${p} ${n} ${g.naam}`;
    }
    case T_MBO: return k === 0 ? `ROC ${g.naam}` : `${g.naam} College ${k + 1}`;
    default: return ['Hogeschool', 'Universiteit', 'Hogeschool voor de Kunsten', 'Technische Hogeschool', 'Pedagogische Academie', 'Hotelschool'][k % 6] + ` ${g.naam}`;
  }
}

export class SchoolIndex {
  /** Schools in the output (the run's area plus referenced ones outside it), in BRIN-assignment order. */
  readonly schools: School[] = [];
  /** Per area gemeente and type: local candidates and the wider fallback (indices into `schools`). */
  private local: Int32Array[][] = [];
  private wide: Int32Array[][] = [];

  /**
   * @param national every gemeente of the country (and any configured one not in the list), sorted by code
   * @param area the gemeenten of this run, in run order
   */
  constructor(national: readonly GemeenteInfo[], area: readonly GemeenteInfo[], seed: number) {
    const all: School[] = [];
    const byGemType = new Map<string, number[][]>();
    for (const g of national) {
      const c = counts(g.cohort);
      const lists: number[][] = [[], [], [], [], []];
      for (let t = 0; t < 5; t++) {
        for (let k = 0; k < c[t]; k++) {
          const i = all.length;
          const rng = new Rng(seed, 0x5c01, i);
          all.push({ brin: brinFor(i), naam: schoolName(t, k, g, rng), gemeente: g.code, bekostigd: rng.chance(BEKOSTIGD[t]), type: t });
          lists[t].push(i);
        }
      }
      byGemType.set(g.code, lists);
    }
    const areaCodes = new Set(area.map((g) => g.code));
    const areaTypeLists: number[][] = [[], [], [], [], []];
    for (const g of area) for (let t = 0; t < 5; t++) areaTypeLists[t].push(...byGemType.get(g.code)![t]);
    const used = new Set<number>();
    const localN: number[][][] = [];
    const wideN: number[][][] = [];
    for (const g of area) {
      const loc: number[][] = [];
      const wid: number[][] = [];
      for (let t = 0; t < 5; t++) {
        loc.push(byGemType.get(g.code)![t]);
        let w = areaTypeLists[t];
        if (!w.length) {
          // none of this kind in the area: the province, else the country
          w = national.filter((x) => x.provincie === g.provincie && x.provincie !== '').flatMap((x) => byGemType.get(x.code)![t]);
          if (!w.length) w = national.flatMap((x) => byGemType.get(x.code)![t]);
        }
        wid.push(w);
        for (const i of loc[t]) used.add(i);
        for (const i of w) used.add(i);
      }
      localN.push(loc);
      wideN.push(wid);
    }
    const outIndex = new Map<number, number>();
    for (let i = 0; i < all.length; i++) {
      if (used.has(i) || areaCodes.has(all[i].gemeente)) {
        outIndex.set(i, this.schools.length);
        this.schools.push(all[i]);
      }
    }
    const map = (l: number[]) => Int32Array.from(l, (i) => outIndex.get(i)!);
    this.local = localN.map((ls) => ls.map(map));
    this.wide = wideN.map((ls) => ls.map(map));
  }

  /** A school of `type` for a resident of area gemeente `gi`. */
  pick(type: number, gi: number, rng: Rng): number {
    const loc = this.local[gi][type];
    if (loc.length && rng.next() < LOCAL_SHARE[type]) return loc[rng.int(loc.length)];
    const w = this.wide[gi][type];
    return w[rng.int(w.length)];
  }
}
