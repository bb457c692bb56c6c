/**
 * Reads a Haal Centraal BRP Personen API response (JSON, `{"type": "RaadpleegMetBurgerservicenummer",
 * "personen": [...]}`, schema `Persoon` of BRP-API/Haal-Centraal-BRP-bevragen
 * specificatie/resolved/openapi.yaml), or a plain array of such persons. Dates are the API's date
 * objects: `{type: "Datum", datum}`, `{type: "JaarMaandDatum", jaar, maand}`, `{type: "JaarDatum", jaar}`,
 * `{type: "DatumOnbekend"}`.
 *
 * Residence history: a person may carry `verblijfplaatshistorie`, the `verblijfplaatsen` of the BRP
 * Historie API's response for that person (BRP-API/Haal-Centraal-BRP-historie-bevragen, schema
 * `AbstractVerblijfplaatsVoorkomen`), either as that array or as the whole response object. An `Adres`
 * or `Locatie` occurrence is a registration in its `gemeenteVanInschrijving` from its `datumVan`; a
 * `VerblijfplaatsBuitenland` occurrence is a departure abroad on its `datumVan`;
 * `VerblijfplaatsOnbekend` is ignored. Without a history the person's current registration is used:
 * `gemeenteVanInschrijving` from `datumInschrijvingInGemeente` (or abroad from the verblijfplaats's
 * `datumVan`).
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.ts';
import type { BrpEvent, BrpPerson, RawDate } from './brp.ts';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** A Haal Centraal date object → the BRP's partial date (0 = unknown). */
export function hcDate(v: unknown): RawDate | undefined {
  const d = obj(v);
  if (!d) return undefined;
  const int = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) ? x : typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : NaN);
  switch (d.type) {
    case 'Datum': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str(d.datum) ?? '');
      return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : 'invalid';
    }
    case 'JaarMaandDatum': {
      const y = int(d.jaar);
      const m = int(d.maand);
      return Number.isNaN(y) || Number.isNaN(m) ? 'invalid' : { y, m, d: 0 };
    }
    case 'JaarDatum': {
      const y = int(d.jaar);
      return Number.isNaN(y) ? 'invalid' : { y, m: 0, d: 0 };
    }
    case 'DatumOnbekend':
      return { y: 0, m: 0, d: 0 };
    default:
      return 'invalid';
  }
}

const code = (v: unknown) => str(obj(v)?.code);

function historyEvents(h: unknown[]): BrpEvent[] {
  const events: { ev: BrpEvent; i: number; key: string }[] = [];
  h.forEach((item, i) => {
    const v = obj(item);
    if (!v) return;
    const datum = hcDate(v.datumVan);
    const sortKey = datum && datum !== 'invalid' ? `${datum.y}`.padStart(4, '0') + `${datum.m}`.padStart(2, '0') + `${datum.d}`.padStart(2, '0') : '';
    if (v.type === 'VerblijfplaatsBuitenland') events.push({ ev: { kind: 'vertrek', datum }, i, key: sortKey });
    else if (v.type === 'Adres' || v.type === 'Locatie') events.push({ ev: { kind: 'inschrijving', gemeente: code(v.gemeenteVanInschrijving), datum }, i, key: sortKey });
  });
  // The API sorts newest first; sort oldest first, keeping the given order for equal dates reversed.
  return events.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : b.i - a.i)).map((e) => e.ev);
}

function person(p: Json): BrpPerson {
  const opschorting = obj(p.opschortingBijhouding);
  const hist = p.verblijfplaatshistorie;
  const list = Array.isArray(hist) ? hist : Array.isArray(obj(hist)?.verblijfplaatsen) ? (obj(hist)!.verblijfplaatsen as unknown[]) : undefined;
  let events: BrpEvent[];
  if (list) {
    events = historyEvents(list);
  } else {
    const vp = obj(p.verblijfplaats);
    events = vp?.type === 'VerblijfplaatsBuitenland'
      ? [{ kind: 'vertrek', datum: hcDate(vp.datumVan) }]
      : code(p.gemeenteVanInschrijving)
        ? [{ kind: 'inschrijving', gemeente: code(p.gemeenteVanInschrijving), datum: hcDate(p.datumInschrijvingInGemeente) ?? hcDate(vp?.datumVan) }]
        : [];
  }
  return {
    bsn: str(p.burgerservicenummer),
    geboortedatum: hcDate(obj(p.geboorte)?.datum),
    geslacht: code(p.geslacht),
    overlijdensdatum: hcDate(obj(p.overlijden)?.datum),
    opschorting: code(opschorting?.reden) ? { reden: code(opschorting!.reden)!, datum: hcDate(opschorting!.datum) } : undefined,
    events,
  };
}

export function readHaalCentraal(file: string): BrpPerson[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const personen = Array.isArray(json) ? json : obj(json)?.personen;
  if (!Array.isArray(personen)) {
    throw new InputError(`${file}: not a Haal Centraal BRP Personen response: expected {"personen": [...]} or an array of persons`);
  }
  return personen.map((p, i) => {
    const o = obj(p);
    if (!o) throw new InputError(`${file}: personen[${i}] is not an object`);
    return person(o);
  });
}
