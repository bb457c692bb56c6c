/**
 * Leerplichttelling: the consistency checker on deliberately inconsistent figures (it must fail them), and
 * the form on a hand-built extract (buckets add up; a person with meldingen from two school types counts once).
 */
import { describe, expect, test } from 'vitest';
import { Db } from '../pipeline/db.ts';
import { loadCatalogTable } from '../pipeline/export/dataset.ts';
import { buildTellingForm, formRows, formRowsPerGemeente, runTellingChecks, TELLING_ITEMS } from '../pipeline/reports/telling.ts';
import { CODES } from '../pipeline/codes.ts';
import { storeDdl } from '../pipeline/store.ts';
import { buildFixture, P } from './helpers/fixture.ts';

/** A database with just what the checks read: the store, the years, the gemeenten, the AV/vrijstelling models. */
async function storeDb(cells: [indicator: string, schooljaar: string, gebied: string, onderwijssoort: string | null, waarde: number][]): Promise<Db> {
  const db = await Db.open({ threads: 1 });
  await db.run(storeDdl());
  await db.run(`CREATE TABLE int_schooljaren AS SELECT * FROM (VALUES ('2023/2024', 2023, false), ('2024/2025', 2024, true)) t(schooljaar, jaar, is_verslagjaar)`);
  await db.run(`CREATE TABLE report_gemeenten AS SELECT '0392' AS gemeentecode, 'Haarlem' AS naam`);
  await db.run('CREATE TABLE int_av_spells (bsn VARCHAR, jaar INTEGER, gemeentecode VARCHAR, spell_van DATE, spell_tot DATE)');
  await db.run('CREATE TABLE int_vrijstellingsperioden (bsn VARCHAR, van DATE, tot DATE)');
  for (const [indicator, schooljaar, gebied, onderwijssoort, waarde] of cells) {
    await db.run(`INSERT INTO indicator_store (indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied, onderwijssoort, waarde, eenheid)
      VALUES ($i, $s, DATE '2024-08-01', DATE '2025-08-01', 'gemeente', $g, $o, $w, 'personen')`, { i: indicator, s: schooljaar, g: gebied, o: onderwijssoort, w: waarde });
  }
  return db;
}

describe('consistency checks', () => {
  test('consistent figures pass', async () => {
    const db = await storeDb([
      ['LT-AV-TOT', '2024/2025', '0392', null, 10], ['LT-AV-TOT', '2024/2025', '0392', 'VO', 10],
      ['LT-AV-3M', '2024/2025', '0392', null, 4], ['LT-AV-3M', '2024/2025', '0392', 'VO', 4],
    ]);
    expect(await runTellingChecks(db)).toEqual([]);
    db.close();
  });

  test('an "of which" above its total fails, naming gemeente and item', async () => {
    const db = await storeDb([
      ['LT-AV-TOT', '2024/2025', '0392', null, 10], ['LT-AV-TOT', '2024/2025', '0392', 'VO', 10],
      ['LT-AV-3M', '2024/2025', '0392', null, 12], ['LT-AV-3M', '2024/2025', '0392', 'VO', 12],
    ]);
    const r = await runTellingChecks(db);
    db.close();
    expect(r.filter((c) => c.ernst === 'fout').map((c) => [c.gemeentecode, c.item, c.controle, c.onderwijssoort])).toEqual([
      ['0392', 'LT-AV-3M', 'deel_van_totaal', null],
      ['0392', 'LT-AV-3M', 'deel_van_totaal', 'VO'],
    ]);
  });

  test('buckets that do not add up to the total fail', async () => {
    const db = await storeDb([
      ['LT-RV-TOT', '2024/2025', '0392', null, 10], ['LT-RV-TOT', '2024/2025', '0392', 'VO', 6], ['LT-RV-TOT', '2024/2025', '0392', 'PO', 3],
    ]);
    const r = await runTellingChecks(db);
    db.close();
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ item: 'LT-RV-TOT', controle: 'buckets_optellen', ernst: 'fout' });
    expect(r[0].toelichting).toBe('de onderwijssoorten tellen op tot 9, het totaal is 10');
  });

  test('a vrijgestelde who is an absoluut verzuimer on the same day fails', async () => {
    const db = await storeDb([]);
    await db.run(`INSERT INTO int_av_spells VALUES ('${P[0]}', 2024, '0392', DATE '2024-09-01', DATE '2024-10-01')`);
    await db.run(`INSERT INTO int_vrijstellingsperioden VALUES ('${P[0]}', DATE '2024-09-30', DATE '2025-01-01')`);
    const r = await runTellingChecks(db);
    db.close();
    expect(r.map((c) => [c.controle, c.ernst, c.toelichting])).toEqual([
      ['vrijgesteld_geen_absoluut_verzuim', 'fout', '1 absoluut verzuimer(s) met een vrijstelling op een dag van hun verzuim'],
    ]);
  });

  test('a change of more than 50% and more than 10 is a warning, not an error', async () => {
    const db = await storeDb([
      ['LT-HALT', '2023/2024', '0392', null, 20], ['LT-HALT', '2024/2025', '0392', null, 31],
      ['LT-PV-OUDERS', '2023/2024', '0392', null, 4], ['LT-PV-OUDERS', '2024/2025', '0392', null, 12], // +8: not > 10
    ]);
    const r = await runTellingChecks(db);
    db.close();
    // (Without bucket rows the bucket check fails too; only the trend check is looked at here.)
    expect(r.filter((c) => c.controle === 'trend').map((c) => [c.item, c.ernst])).toEqual([['LT-HALT', 'waarschuwing']]);
  });
});

describe('form', () => {
  test('vrijstellingen and vervangende leerplicht in the law\'s order (3a, 3b, 5 onder a, b, c, 5a, 15), not as text', () => {
    const vr = TELLING_ITEMS.filter((i) => i.startsWith('LT-VR-')).map((i) => i.slice('LT-VR-'.length));
    expect(vr).toEqual(['3A', '3B', '5A', '5B', '5C', '5A_TREKKEND', '15']);
    expect(vr).toEqual(CODES.artikel.map((a) => a.code).filter((c) => vr.includes(c)));
  });

  test('a person with meldingen from two school types counts in one bucket; buckets add up to the total', async () => {
    // P0 lives in 0392 and is 13 (leerplichtig): a 16_UUR melding from a VO school in October while enrolled
    // in VO, then from January enrolled in VSO with another melding. Bucket = enrollment at the first
    // melding (VO). P1: one melding while in PO.
    const db = await buildFixture({
      personen: [{ bsn: P[0], geboortedatum: '2011-05-10', geslacht: 'M' }, { bsn: P[1], geboortedatum: '2015-02-01', geslacht: 'V' }],
      verblijfplaatsen: [{ bsn: P[0], gemeentecode: '0392', van: '2011-05-10' }, { bsn: P[1], gemeentecode: '0392', van: '2015-02-01' }],
      scholen: [{ brin: '01VO', naam: 'VO', gemeentecode: '0392', bekostigd: true }, { brin: '02SO', naam: 'VSO', gemeentecode: '0392', bekostigd: true }, { brin: '03PO', naam: 'PO', gemeentecode: '0392', bekostigd: true }],
      inschrijvingen: [
        { inschrijving_id: 'i1', bsn: P[0], brin: '01VO', onderwijssoort: 'VO', niveau: 'VMBO_B', van: '2023-08-01', tot: '2025-01-06' },
        { inschrijving_id: 'i2', bsn: P[0], brin: '02SO', onderwijssoort: 'VSO', niveau: 'ARBEID', van: '2025-01-06' },
        { inschrijving_id: 'i3', bsn: P[1], brin: '03PO', onderwijssoort: 'PO', van: '2019-08-01' },
      ],
      verzuimmeldingen: [
        { melding_id: 'm1', bsn: P[0], brin: '01VO', soort: '16_UUR', datum_melding: '2024-10-15', verzuim_van: '2024-09-16', verzuim_tot: '2024-10-11', uren: 20, status: 'TER_KENNISGEVING' },
        { melding_id: 'm2', bsn: P[0], brin: '02SO', soort: '16_UUR', datum_melding: '2025-03-10', verzuim_van: '2025-02-10', verzuim_tot: '2025-03-07', uren: 18, status: 'TER_KENNISGEVING' },
        { melding_id: 'm3', bsn: P[1], brin: '03PO', soort: '16_UUR', datum_melding: '2025-02-03', verzuim_van: '2025-01-06', verzuim_tot: '2025-01-31', uren: 16, status: 'GEREGISTREERD' },
      ],
    });
    await loadCatalogTable(db);
    await buildTellingForm(db);
    const rv = (await formRows(db, '0392')).filter((r) => r.item === 'LT-RV-TOT');
    const herh = (await formRows(db, '0392')).filter((r) => r.item === 'LT-RV-HERH');
    expect(Object.fromEntries(rv.map((r) => [r.onderwijssoort, r.waarde]))).toEqual({ PO: 1, 'SO/VSO': 0, VO: 1, MBO: 0, overig: 0, 'geen onderwijs': 0, totaal: 2 });
    // P0 has two 16_UUR meldingen: herhaald, in the VO bucket.
    expect(Object.fromEntries(herh.map((r) => [r.onderwijssoort, r.waarde]))).toMatchObject({ VO: 1, totaal: 1 });
    expect((await runTellingChecks(db)).filter((c) => c.ernst === 'fout')).toEqual([]);
    // Every gemeente's form from one query: the same rows, in the same order, as its own query.
    const all = await formRowsPerGemeente(db);
    expect(all.size).toBeGreaterThan(0);
    for (const [code, rows] of all) expect(rows).toEqual(await formRows(db, code));
    expect(all.get('0392')!.filter((r) => r.item === 'LT-RV-TOT')).toEqual(rv);
    db.close();
  });
});
