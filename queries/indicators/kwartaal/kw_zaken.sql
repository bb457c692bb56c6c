-- indicators:
--   - code: KW-ZAKEN-GEOPEND
--     label: Geopende zaken
--     eenheid: zaken
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: []
--     dimensies: [soort]
--     definitie: >-
--       Aantal zaken (dossiers van leerplichtambtenaar of trajectbegeleider) dat in de periode is geopend, naar
--       soort zaak (absoluut verzuim, relatief verzuim, luxeverzuim, thuiszitter, RMC). Geteld voor de
--       gemeente waar de jongere op de openingsdatum woonde.
--   - code: KW-ZAKEN-GESLOTEN
--     label: Gesloten zaken
--     eenheid: zaken
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: []
--     dimensies: [soort]
--     definitie: >-
--       Aantal zaken dat in de periode is gesloten: de laatste dag van de zaak valt in de periode. Geteld voor
--       de gemeente waar de jongere op die laatste dag woonde.
--   - code: KW-INTERVENTIES
--     label: Interventies
--     eenheid: acties
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: []
--     dimensies: [soort]
--     definitie: >-
--       Aantal acties binnen zaken (gesprek, huisbezoek, waarschuwing, Halt, proces-verbaal, doorverwijzing)
--       met een datum in de periode, naar soort actie. Geteld voor de gemeente waar de jongere op de datum
--       van de actie woonde.

-- Periods: int_kwartaal_gebieden. Closed in a period: periode_van < tot <= periode_tot (the zaak's last day,
-- tot - 1, lies in the period; as int_rmc_trajecten). Every soort and every actie soort has a cell.
WITH perioden AS (
  SELECT DISTINCT jaar, van, tot FROM int_kwartaal_gebieden
), geopend AS (
  SELECT p.jaar, z.bsn, z.soort, z.van AS datum
  FROM stg_zaken z JOIN perioden p ON z.van >= p.van AND z.van < p.tot
), gesloten AS (
  SELECT p.jaar, z.bsn, z.soort, CAST(z.tot - 1 AS DATE) AS datum
  FROM stg_zaken z JOIN perioden p ON z.tot > p.van AND z.tot <= p.tot
), acties AS (
  SELECT p.jaar, z.bsn, a.soort, a.datum
  FROM stg_zaakacties a JOIN stg_zaken z USING (zaak_id) JOIN perioden p ON a.datum >= p.van AND a.datum < p.tot
), gebeurtenissen AS (
  SELECT 'KW-ZAKEN-GEOPEND' AS indicator, * FROM geopend
  UNION ALL SELECT 'KW-ZAKEN-GESLOTEN', * FROM gesloten
  UNION ALL SELECT 'KW-INTERVENTIES', * FROM acties
), in_gemeente AS (
  SELECT * FROM int_woongemeente_op('gebeurtenissen')
), resultaten AS (
  SELECT
    indicator, jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    soort, count(*) AS waarde
  FROM in_gemeente
  GROUP BY indicator, jaar, GROUPING SETS ((gemeentecode), (regio)), ROLLUP (soort)
), cellen AS (
  SELECT i.indicator, s.soort, i.eenheid
  FROM (VALUES ('KW-ZAKEN-GEOPEND', 'zaken'), ('KW-ZAKEN-GESLOTEN', 'zaken')) AS i(indicator, eenheid),
       (VALUES ('ABSOLUUT'), ('RELATIEF'), ('LUXE'), ('THUISZITTER'), ('RMC'), (NULL)) AS s(soort)
  UNION ALL
  SELECT 'KW-INTERVENTIES', s.soort, 'acties'
  FROM (VALUES ('GESPREK'), ('HUISBEZOEK'), ('WAARSCHUWING'), ('HALT'), ('PV_OUDERS'), ('PV_JONGERE'),
    ('DOORGELEIDING_OM'), ('ZORG'), ('RVDK'), ('VEILIG_THUIS'), (NULL)) AS s(soort)
)
SELECT * FROM int_uitvoer('resultaten', 'cellen', 'int_kwartaal_gebieden')
