-- indicators:
--   - code: LT-AV-TOT
--     label: Absoluut verzuimers
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: [av_min_dagen, zomervakantie_van, zomervakantie_tot_en_met]
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal leer- en kwalificatieplichtigen dat in het schooljaar minstens één periode van een minimale duur
--       aaneengesloten dagen (zie de colofon) bij geen enkele school stond ingeschreven en
--       geen vrijstelling had.
--       Dagen in de zomervakantie tellen niet mee: wie in de zomer van school wisselt, is geen absoluut
--       verzuimer. Een jongere telt mee voor de gemeente waar hij woonde op de eerste getelde dag van de periode
--       in het schooljaar, en voor het onderwijstype van zijn (laatste) inschrijving op die dag. In de
--       regiototaal telt iedere jongere één keer.
--   - code: LT-AV-3M
--     label: Absoluut verzuimers langer dan 3 maanden
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: [av_min_dagen, zomervakantie_van, zomervakantie_tot_en_met]
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Van de absoluut verzuimers: zij van wie een periode zonder school langer dan drie maanden
--       duurde, gerekend vanaf de eerste getelde dag tot het einde van de periode (ook als die periode vóór het
--       schooljaar begon of erna doorliep; een lopende periode telt tot de extractdatum). Gemeente en
--       onderwijstype als bij de absoluut verzuimers.
--   - code: LT-AV-OPGELOST
--     label: Absoluut verzuim opgelost
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: [av_min_dagen, zomervakantie_van, zomervakantie_tot_en_met]
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Van de absoluut verzuimers: zij van wie de laatste periode zonder school in het schooljaar
--       vóór het einde van het schooljaar eindigde doordat de jongere weer werd ingeschreven of een vrijstelling
--       kreeg (niet door verhuizing, 18 jaar worden, een startkwalificatie of overlijden). Gemeente en
--       onderwijstype als bij de absoluut verzuimers.
--   - code: JV-AV-1000
--     label: Absoluut verzuimers per 1.000 leer- en kwalificatieplichtigen
--     eenheid: per_1000
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: [av_min_dagen, zomervakantie_van, zomervakantie_tot_en_met, peildatum]
--     dimensies: []
--     teller: LT-AV-TOT
--     definitie: >-
--       Het aantal absoluut verzuimers (teller) per 1.000 leerplichtigen en kwalificatieplichtigen
--       die op de peildatum in de gemeente woonden (noemer).

-- Event date (decides woongemeente and onderwijssoort bucket): the spell's first telbare dag in the schooljaar
-- (int_av_spells.datum). A person with several spells in a year gets the bucket of the first one; the
-- "of which" figures use the same person row, so each bucket of LT-AV-3M/-OPGELOST is ≤ that of LT-AV-TOT.
-- JV-AV is LT-AV-TOT itself (one definition): the jaarverslag reads LT-AV-TOT.
WITH personen AS (
  -- one row per person per gemeente and per person for the region (distinct persons, GROUPING SETS)
  SELECT
    jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    bsn,
    arg_min(onderwijssoort, datum)   AS onderwijssoort,
    bool_or(langer_dan_3m)           AS langer_dan_3m,
    arg_max(opgelost_in_jaar, datum) AS opgelost
  FROM int_av_spells
  GROUP BY jaar, bsn, GROUPING SETS ((gemeentecode), (regio))
), resultaten_personen AS (
  SELECT indicator, jaar, gebiedsniveau, gebied, onderwijssoort, count(*) AS waarde
  FROM personen,
    unnest(['LT-AV-TOT']
      || CASE WHEN langer_dan_3m THEN ['LT-AV-3M'] ELSE [] END
      || CASE WHEN opgelost THEN ['LT-AV-OPGELOST'] ELSE [] END) AS t(indicator)
  GROUP BY indicator, jaar, gebiedsniveau, gebied, ROLLUP (onderwijssoort)
), tellers AS (
  SELECT jaar, gebiedsniveau, gebied, waarde AS teller
  FROM resultaten_personen WHERE indicator = 'LT-AV-TOT' AND onderwijssoort IS NULL
), resultaten AS (
  SELECT * FROM resultaten_personen
  UNION ALL BY NAME
  SELECT * FROM int_per_1000('tellers', 'JV-AV-1000')
), cellen AS (
  SELECT i.indicator, o.onderwijssoort, 'personen' AS eenheid
  FROM (VALUES ('LT-AV-TOT'), ('LT-AV-3M'), ('LT-AV-OPGELOST')) AS i(indicator),
       (SELECT DISTINCT bucket AS onderwijssoort FROM int_onderwijssoort_buckets UNION ALL SELECT NULL) AS o
  UNION ALL BY NAME
  SELECT 'JV-AV-1000' AS indicator, 'per_1000' AS eenheid
)
SELECT * FROM int_indicator_uitvoer('resultaten', 'cellen')
