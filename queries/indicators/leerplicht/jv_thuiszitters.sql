-- indicators:
--   - code: JV-THUIS
--     label: Thuiszitters
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: [thuiszitter_definitie, av_min_dagen, zomervakantie_van, zomervakantie_tot_en_met]
--     dimensies: [duur]
--     definitie: >-
--       Aantal leer- en kwalificatieplichtigen dat in het schooljaar thuiszat. Welke definitie geldt, staat in
--       de colofon. Smalle definitie: jongeren met een lopende melding
--       van langdurig relatief verzuim (ingeschreven, maar meer dan vier weken niet op school). Standaard, de
--       definitie van OCW: daarbij ook de absoluut verzuimers (bij geen school ingeschreven
--       en niet vrijgesteld). Gesplitst naar duur: ten hoogste drie
--       maanden of langer dan drie maanden (de langste periode van de jongere telt).
--   - code: JV-THUIS-1000
--     label: Thuiszitters per 1.000 leer- en kwalificatieplichtigen
--     eenheid: per_1000
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: [thuiszitter_definitie, av_min_dagen, zomervakantie_van, zomervakantie_tot_en_met, peildatum]
--     dimensies: []
--     teller: JV-THUIS
--     definitie: >-
--       Het aantal thuiszitters (teller) per 1.000 leerplichtigen en kwalificatieplichtigen die op de
--       peildatum in de gemeente woonden (noemer).

-- Event date (decides woongemeente): the first day of the episode within the schooljaar: for LRV the first
-- absence day in the year (int_lrv_jaar.datum), for absoluut verzuim the spell's first telbare dag in the year
-- (int_av_spells.datum). Both sets are exactly those of LT-LRV-* and LT-AV-TOT (in_beeld on that date).
-- duur: '>3m' when any episode of the person in the gebied is longer than 3 months (LRV: the whole absence;
-- absoluut verzuim: as LT-AV-3M), else '<=3m'; the two classes add up to the total (duur NULL).
WITH episodes AS (
  SELECT jaar, bsn, gemeentecode, regio, langer_dan_3m FROM int_lrv_jaar
  UNION ALL
  SELECT jaar, bsn, gemeentecode, regio, langer_dan_3m FROM int_av_spells
  WHERE $thuiszitter_definitie = 'LRV_AV'
), personen AS (
  SELECT
    jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    bsn,
    CASE WHEN bool_or(langer_dan_3m) THEN '>3m' ELSE '<=3m' END           AS duur
  FROM episodes
  GROUP BY jaar, bsn, GROUPING SETS ((gemeentecode), (regio))
), aantallen AS (
  SELECT 'JV-THUIS' AS indicator, jaar, gebiedsniveau, gebied, duur, count(*) AS waarde
  FROM personen
  GROUP BY jaar, gebiedsniveau, gebied, ROLLUP (duur)
), tellers AS (
  SELECT jaar, gebiedsniveau, gebied, waarde AS teller FROM aantallen WHERE duur IS NULL
), resultaten AS (
  SELECT * FROM aantallen
  UNION ALL BY NAME
  SELECT * FROM int_per_1000('tellers', 'JV-THUIS-1000')
), cellen AS (
  SELECT 'JV-THUIS' AS indicator, duur, 'personen' AS eenheid
  FROM (VALUES ('<=3m'), ('>3m'), (NULL)) AS d(duur)
  UNION ALL BY NAME
  SELECT 'JV-THUIS-1000' AS indicator, 'per_1000' AS eenheid
)
SELECT * FROM int_indicator_uitvoer('resultaten', 'cellen')
