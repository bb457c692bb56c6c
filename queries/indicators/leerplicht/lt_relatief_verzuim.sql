-- indicators:
--   - code: LT-RV-TOT
--     label: Relatief verzuimers
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal leer- en kwalificatieplichtigen over wie een school in het schooljaar minstens één melding deed
--       van 16 uur verzuim in 4 weken, langdurig relatief verzuim, of luxeverzuim van 16 uur of meer
--       (ingetrokken meldingen tellen niet). Een jongere telt mee voor de gemeente waar hij woonde op de datum
--       van de melding en voor het onderwijstype op de datum van zijn eerste melding in het jaar.
--   - code: LT-RV-HERH
--     label: Herhaald relatief verzuimers
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Van de relatief verzuimers: zij over wie in het schooljaar ten minste twee meldingen van 16
--       uur verzuim in 4 weken zijn gedaan (in de regiototaal: in de hele regio). Gemeente en onderwijstype als
--       bij de relatief verzuimers.
--   - code: LT-LUXE
--     label: Luxeverzuimers
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal leer- en kwalificatieplichtigen met minstens één melding van luxeverzuim (op vakantie zonder
--       verlof) in het schooljaar, ongeacht het aantal uren; ingetrokken meldingen tellen niet. Geteld voor de
--       woongemeente op de meldingsdatum en het onderwijstype op de datum van de eerste luxemelding.
--   - code: LT-LRV-START
--     label: Langdurig relatief verzuimers op 1 augustus
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal leer- en kwalificatieplichtigen met een melding van langdurig relatief verzuim (meer dan vier
--       weken) waarvan het verzuim vóór 1 augustus begon en op 1 augustus nog liep: de beginstand van het
--       schooljaar. Geteld voor de woongemeente en het onderwijstype op 1 augustus.
--   - code: LT-LRV-NIEUW
--     label: Nieuwe langdurig relatief verzuimers
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal leer- en kwalificatieplichtigen met een melding van langdurig relatief verzuim waarvan het
--       verzuim in het schooljaar begon, zonder de jongeren die al in de beginstand zitten.
--       Geteld voor de woongemeente en het onderwijstype op de eerste verzuimdag.
--   - code: LT-LRV-3M
--     label: Langdurig relatief verzuimers langer dan 3 maanden
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal leer- en kwalificatieplichtigen met langdurig relatief verzuim dat langer dan drie maanden duurde
--       (een lopend verzuim telt tot de extractdatum) en dat (deels) in het schooljaar viel. Geteld voor de
--       woongemeente en het onderwijstype op de eerste verzuimdag binnen het schooljaar.
--   - code: JV-RV-1000
--     label: Relatief verzuimers per 1.000 leer- en kwalificatieplichtigen
--     eenheid: per_1000
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: [peildatum]
--     dimensies: []
--     teller: LT-RV-TOT
--     definitie: >-
--       Het aantal relatief verzuimers (teller) per 1.000 leerplichtigen en kwalificatieplichtigen
--       die op de peildatum in de gemeente woonden (noemer).

-- Every person here is in_beeld (leer- or kwalificatieplichtig, alive, resident in a report gemeente) on the
-- event date, which decides the woongemeente and the onderwijssoort bucket:
--   LT-RV-TOT, LT-RV-HERH, LT-LUXE  datum_melding (the person's first qualifying melding in the year decides
--                                   the bucket; LT-RV-HERH uses the LT-RV-TOT person row)
--   LT-LRV-*                        the first absence day within the schooljaar (int_lrv_jaar.datum):
--                                   1 August for LT-LRV-START, verzuim_van for LT-LRV-NIEUW
-- Withdrawn meldingen are left out once, in int_verzuimmeldingen.
WITH meldingen AS (
  SELECT m.melding_id AS id, m.bsn, m.soort, m.uren, m.datum_melding AS datum, s.jaar
  FROM int_verzuimmeldingen m
  JOIN int_schooljaren s ON s.jaar = int_schooljaar(m.datum_melding)
  WHERE m.soort IN ('16_UUR', 'LRV', 'LUXE')
), meldingen_in_beeld AS (
  SELECT * FROM int_in_beeld_op('meldingen')
), meldingen_bucket AS (
  SELECT * FROM int_onderwijssoort_op('meldingen_in_beeld')
), items AS (
  SELECT 'LT-RV-TOT' AS groep, jaar, bsn, gemeentecode, regio, datum, id, onderwijssoort, soort = '16_UUR' AS is_16_uur
  FROM meldingen_bucket
  WHERE soort IN ('16_UUR', 'LRV') OR (soort = 'LUXE' AND uren >= 16)
  UNION ALL
  SELECT 'LT-LUXE', jaar, bsn, gemeentecode, regio, datum, id, onderwijssoort, false
  FROM meldingen_bucket WHERE soort = 'LUXE'
  UNION ALL
  SELECT CASE WHEN loopt_op_1_augustus THEN 'LT-LRV-START' ELSE 'LT-LRV-NIEUW' END,
    jaar, bsn, gemeentecode, regio, datum, melding_id, onderwijssoort, false
  FROM int_lrv_jaar
  UNION ALL
  SELECT 'LT-LRV-3M', jaar, bsn, gemeentecode, regio, datum, melding_id, onderwijssoort, false
  FROM int_lrv_jaar WHERE langer_dan_3m
), personen AS (
  -- one row per group, person and gemeente, and per group and person for the region (distinct persons)
  SELECT
    groep, jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    bsn,
    arg_min(onderwijssoort, (datum, id)) AS onderwijssoort,
    count(*) FILTER (WHERE is_16_uur)     AS meldingen_16_uur
  FROM items
  GROUP BY groep, jaar, bsn, GROUPING SETS ((gemeentecode), (regio))
), personen_geteld AS (
  SELECT * FROM personen WHERE groep <> 'LT-LRV-NIEUW'
  UNION ALL
  -- LT-LRV-NIEUW: not counted in LT-LRV-START of the same year and gebied
  SELECT n.* FROM personen n
  WHERE n.groep = 'LT-LRV-NIEUW'
    AND NOT EXISTS (
      SELECT 1 FROM personen s
      WHERE s.groep = 'LT-LRV-START' AND s.jaar = n.jaar AND s.gebiedsniveau = n.gebiedsniveau
        AND s.gebied = n.gebied AND s.bsn = n.bsn)
), resultaten_personen AS (
  SELECT indicator, jaar, gebiedsniveau, gebied, onderwijssoort, count(*) AS waarde
  FROM personen_geteld,
    unnest([groep] || CASE WHEN groep = 'LT-RV-TOT' AND meldingen_16_uur >= 2 THEN ['LT-RV-HERH'] ELSE [] END) AS t(indicator)
  GROUP BY indicator, jaar, gebiedsniveau, gebied, ROLLUP (onderwijssoort)
), tellers AS (
  SELECT jaar, gebiedsniveau, gebied, waarde AS teller
  FROM resultaten_personen WHERE indicator = 'LT-RV-TOT' AND onderwijssoort IS NULL
), resultaten AS (
  SELECT * FROM resultaten_personen
  UNION ALL BY NAME
  SELECT * FROM int_per_1000('tellers', 'JV-RV-1000')
), cellen AS (
  SELECT i.indicator, o.onderwijssoort, 'personen' AS eenheid
  FROM (VALUES ('LT-RV-TOT'), ('LT-RV-HERH'), ('LT-LUXE'), ('LT-LRV-START'), ('LT-LRV-NIEUW'), ('LT-LRV-3M')) AS i(indicator),
       (SELECT DISTINCT bucket AS onderwijssoort FROM int_onderwijssoort_buckets UNION ALL SELECT NULL) AS o
  UNION ALL BY NAME
  SELECT 'JV-RV-1000' AS indicator, 'per_1000' AS eenheid
)
SELECT * FROM int_indicator_uitvoer('resultaten', 'cellen')
