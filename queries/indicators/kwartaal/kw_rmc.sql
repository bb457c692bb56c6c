-- indicators:
--   - code: KW-RMC-NIEUW
--     label: Nieuwe RMC-trajecten
--     eenheid: trajecten
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: []
--     dimensies: [soort]
--     definitie: >-
--       Aantal RMC-trajecten dat in de periode is geregistreerd, naar doelgroep. Geteld voor de gemeente waar
--       de jongere op de registratiedatum woonde.
--   - code: KW-RMC-RESULTAAT
--     label: Afgesloten RMC-trajecten naar resultaat
--     eenheid: trajecten
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: []
--     dimensies: [reden]
--     definitie: >-
--       Aantal RMC-trajecten dat in de periode is afgesloten (de laatste dag van het traject valt in de
--       periode), naar resultaat. Geteld voor de gemeente waar de jongere op die laatste dag woonde.

-- Periods: int_kwartaal_gebieden. Unlike the yearly RMC-RESULTAAT (int_rmc_trajecten), a traject of a
-- person who had moved out of the report's gemeenten by its last day is not counted here: the quarter
-- follows the plain woongemeente rule of every other kwartaal figure.
WITH perioden AS (
  SELECT DISTINCT jaar, van, tot FROM int_kwartaal_gebieden
), gebeurtenissen AS (
  SELECT 'KW-RMC-NIEUW' AS indicator, p.jaar, r.bsn, r.doelgroep AS soort, NULL AS reden, r.van AS datum
  FROM stg_rmc_trajecten r JOIN perioden p ON r.van >= p.van AND r.van < p.tot
  UNION ALL
  SELECT 'KW-RMC-RESULTAAT', p.jaar, r.bsn, NULL, r.resultaat, CAST(r.tot - 1 AS DATE)
  FROM stg_rmc_trajecten r JOIN perioden p ON r.tot > p.van AND r.tot <= p.tot
), in_gemeente AS (
  SELECT * FROM int_woongemeente_op('gebeurtenissen')
), resultaten AS (
  SELECT
    indicator, jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    soort, reden, count(*) AS waarde
  FROM in_gemeente
  GROUP BY indicator, jaar, GROUPING SETS ((gemeentecode), (regio)), ROLLUP ((soort, reden))
), cellen AS (
  SELECT 'KW-RMC-NIEUW' AS indicator, s.soort, NULL AS reden, 'trajecten' AS eenheid
  FROM (VALUES ('NIEUW_VSV'), ('OUD_VSV'), ('JIKP'), ('VERZUIM_18_PLUS'), (NULL)) AS s(soort)
  UNION ALL
  SELECT 'KW-RMC-RESULTAAT', NULL, r.reden, 'trajecten'
  FROM (VALUES ('ONDERWIJS'), ('WERK_MET_OPLEIDING'), ('WERK'), ('ZORG'), ('STARTKWALIFICATIE'), ('LEEFTIJD'),
    ('VERHUISD'), ('NIET_BEREIKBAAR'), ('GEEN_HULP_GEWENST'), ('OVERIG'), (NULL)) AS r(reden)
)
SELECT * FROM int_uitvoer('resultaten', 'cellen', 'int_kwartaal_gebieden')
