/**
 * Vrijstellingen (LT-VR-*, JV-VRIJ-AANGEVRAAGD, JV-VRIJ-TOEGEKEND) on a hand-built extract. Schooljaar 2024/2025,
 * extract 2025-10-15, gemeenten 0392 and 0375 (region 'testregio'). Persons born 2012-01-01 in 0392 unless stated.
 *
 *   V0  5A valid since 2023-06-01 (stock on 1 August), not enrolled          → LT-VR-5A, geen onderwijs
 *   V1  5B aangevraagd 2024-09-01, toegekend 2024-10-01, valid [10-01, 2025-07-01) → LT-VR-5B, geen onderwijs
 *   V2  5C aangevraagd 2024-11-01, AFGEWEZEN                               → only JV-VRIJ-AANGEVRAAGD
 *   V3  born 2008-03-01; 15 aangevraagd 2025-06-01, toegekend 2025-07-15, valid from 2025-08-01 (next year)
 *                                                                          → JV-VRIJ only, not LT-VR-15
 *   V4  5A [2023-01-01, 2024-07-01): expired before 1 August                → nothing
 *   V5  3A decided 2024-06-15 (previous year), valid from 2024-09-01         → LT-VR-3A (starts during the year)
 *   V6  5A_TREKKEND stock; lived in 0375 until 2024-09-01, then 0392         → counted for 0375 (resident on 1 August)
 *   V7  5A aangevraagd 2024-12-01, toegekend 2025-01-10 retroactively from 2024-11-01, enrolled VO → LT-VR-5A, VO
 *   V8  5B aangevraagd 2024-10-01, INGETROKKEN                              → only JV-VRIJ-AANGEVRAAGD
 *   V9  two 5A in the year (aangevraagd 2024-08-10 and 2024-12-01), enrolled PO → one person in LT-VR-5A, PO
 *
 * 2024/25, 0392: LT-VR-5A 3 (geen onderwijs 1, VO 1, PO 1), LT-VR-5B 1, LT-VR-3A 1, LT-VR-5C 0, LT-VR-15 0,
 *   LT-VR-5A_TREKKEND 0 (0375: 1, region 1).
 *   JV-VRIJ-AANGEVRAAGD 7 = 5A 3, 5B 2, 5C 1, 15 1;  JV-VRIJ-TOEGEKEND 5 = 5A 3, 5B 1, 15 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../pipeline/db.ts';
import { buildFixture, FIXTURE_TIMEOUT, P, waarde } from '../helpers/fixture.ts';


const [V0, V1, V2, V3, V4, V5, V6, V7, V8, V9] = P;
const GEB = '2012-01-01';
const vr = (vrijstelling_id: string, bsn: string, artikel: string, datum_aanvraag: string, besluit: string,
  datum_besluit: string, van?: string, tot?: string) => ({ vrijstelling_id, bsn, artikel, datum_aanvraag, besluit, datum_besluit, van, tot });

const rows = {
  personen: [V0, V1, V2, V3, V4, V5, V6, V7, V8, V9].map((bsn) => ({ bsn, geslacht: 'M', geboortedatum: bsn === V3 ? '2008-03-01' : GEB })),
  verblijfplaatsen: [
    ...[V0, V1, V2, V4, V5, V7, V8, V9].map((bsn) => ({ bsn, gemeentecode: '0392', van: GEB })),
    { bsn: V3, gemeentecode: '0392', van: '2008-03-01' },
    { bsn: V6, gemeentecode: '0375', van: GEB, tot: '2024-09-01' },
    { bsn: V6, gemeentecode: '0392', van: '2024-09-01' },
  ],
  scholen: [{ brin: '01AB', naam: 'School', gemeentecode: '0392', bekostigd: true }],
  inschrijvingen: [
    { inschrijving_id: 'i1', bsn: V7, brin: '01AB', onderwijssoort: 'VO', van: '2023-08-01' },
    { inschrijving_id: 'i2', bsn: V9, brin: '01AB', onderwijssoort: 'PO', van: '2017-08-01' },
  ],
  vrijstellingen: [
    vr('v0', V0, '5A', '2023-05-01', 'TOEGEKEND', '2023-06-01', '2023-06-01'),
    vr('v1', V1, '5B', '2024-09-01', 'TOEGEKEND', '2024-10-01', '2024-10-01', '2025-07-01'),
    vr('v2', V2, '5C', '2024-11-01', 'AFGEWEZEN', '2024-12-01'),
    vr('v3', V3, '15', '2025-06-01', 'TOEGEKEND', '2025-07-15', '2025-08-01'),
    vr('v4', V4, '5A', '2022-12-01', 'TOEGEKEND', '2022-12-20', '2023-01-01', '2024-07-01'),
    vr('v5', V5, '3A', '2024-05-01', 'TOEGEKEND', '2024-06-15', '2024-09-01'),
    vr('v6', V6, '5A_TREKKEND', '2022-05-01', 'TOEGEKEND', '2022-06-01', '2022-08-01'),
    vr('v7', V7, '5A', '2024-12-01', 'TOEGEKEND', '2025-01-10', '2024-11-01'),
    vr('v8', V8, '5B', '2024-10-01', 'INGETROKKEN', '2024-11-01'),
    vr('v9a', V9, '5A', '2024-08-10', 'TOEGEKEND', '2024-08-20', '2024-09-01', '2024-10-01'),
    vr('v9b', V9, '5A', '2024-12-01', 'TOEGEKEND', '2024-12-15', '2025-01-01'),
  ],
};

describe('vrijstellingen', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildFixture(rows);
  }, FIXTURE_TIMEOUT);
  afterAll(() => db.close());

  it('LT-VR-*: stock on 1 August plus vrijstellingen granted or starting during the year, distinct persons', async () => {
    expect(await waarde(db, 'LT-VR-5A')).toBe(3);
    expect(await waarde(db, 'LT-VR-5A', { onderwijssoort: 'geen onderwijs' })).toBe(1);
    expect(await waarde(db, 'LT-VR-5A', { onderwijssoort: 'VO' })).toBe(1);
    expect(await waarde(db, 'LT-VR-5A', { onderwijssoort: 'PO' })).toBe(1);
    expect(await waarde(db, 'LT-VR-5B')).toBe(1);
    expect(await waarde(db, 'LT-VR-5B', { onderwijssoort: 'geen onderwijs' })).toBe(1);
    expect(await waarde(db, 'LT-VR-3A')).toBe(1);
    expect(await waarde(db, 'LT-VR-3B')).toBe(0);
    expect(await waarde(db, 'LT-VR-5C')).toBe(0);
    expect(await waarde(db, 'LT-VR-15')).toBe(0);
  });

  it('the stock on 1 August is counted for the woongemeente on 1 August', async () => {
    expect(await waarde(db, 'LT-VR-5A_TREKKEND')).toBe(0);
    expect(await waarde(db, 'LT-VR-5A_TREKKEND', { gebied: '0375' })).toBe(1);
    expect(await waarde(db, 'LT-VR-5A_TREKKEND', { gebied: 'testregio' })).toBe(1);
    expect(await waarde(db, 'LT-VR-5A', { gebied: 'testregio' })).toBe(3);
  });

  it('JV-VRIJ-AANGEVRAAGD and JV-VRIJ-TOEGEKEND per artikel', async () => {
    expect(await waarde(db, 'JV-VRIJ-AANGEVRAAGD')).toBe(7);
    expect(await waarde(db, 'JV-VRIJ-AANGEVRAAGD', { artikel: '5A' })).toBe(3);
    expect(await waarde(db, 'JV-VRIJ-AANGEVRAAGD', { artikel: '5B' })).toBe(2);
    expect(await waarde(db, 'JV-VRIJ-AANGEVRAAGD', { artikel: '5C' })).toBe(1);
    expect(await waarde(db, 'JV-VRIJ-AANGEVRAAGD', { artikel: '15' })).toBe(1);
    expect(await waarde(db, 'JV-VRIJ-AANGEVRAAGD', { artikel: '3A' })).toBe(0);
    expect(await waarde(db, 'JV-VRIJ-TOEGEKEND')).toBe(5);
    expect(await waarde(db, 'JV-VRIJ-TOEGEKEND', { artikel: '5A' })).toBe(3);
    expect(await waarde(db, 'JV-VRIJ-TOEGEKEND', { artikel: '5B' })).toBe(1);
    expect(await waarde(db, 'JV-VRIJ-TOEGEKEND', { artikel: '15' })).toBe(1);
    expect(await waarde(db, 'JV-VRIJ-TOEGEKEND', { artikel: '3A', schooljaar: '2023/2024' })).toBe(1);
  });
});
