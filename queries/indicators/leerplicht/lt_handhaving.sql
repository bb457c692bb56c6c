-- indicators:
--   - code: LT-PV-OUDERS
--     label: Processen-verbaal tegen ouders
--     eenheid: acties
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal processen-verbaal dat de leerplichtambtenaar in het schooljaar tegen ouders of verzorgers
--       opmaakte (acties, geen personen), geteld voor de gemeente waar de jongere op de datum van het
--       proces-verbaal woonde, naar het onderwijstype op die datum.
--   - code: LT-PV-JONGERE
--     label: Processen-verbaal tegen jongeren
--     eenheid: acties
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal processen-verbaal dat de leerplichtambtenaar in het schooljaar tegen de jongere zelf opmaakte
--       (acties, geen personen), geteld voor de gemeente waar de jongere op de datum van het proces-verbaal
--       woonde, naar het onderwijstype op die datum.
--   - code: LT-HALT
--     label: Verwijzingen naar Halt
--     eenheid: acties
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal verwijzingen naar Halt (voor jongeren van 12 tot 18 jaar) in het schooljaar (acties, geen
--       personen), geteld voor de gemeente waar de jongere op de datum van de verwijzing woonde, naar het
--       onderwijstype op die datum.

-- Event date (decides woongemeente and onderwijssoort bucket): the action's own date (int_zaakacties.datum).
-- Actions, not persons: the region figure is the sum of its gemeenten.
WITH resultaten AS (
  SELECT
    'LT-' || replace(soort, '_', '-') AS indicator, jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    onderwijssoort,
    count(*) AS waarde
  FROM int_zaakacties
  WHERE soort IN ('PV_OUDERS', 'PV_JONGERE', 'HALT')
  GROUP BY soort, jaar, GROUPING SETS ((gemeentecode), (regio)), ROLLUP (onderwijssoort)
), cellen AS (
  SELECT i.indicator, o.onderwijssoort, 'acties' AS eenheid
  FROM (VALUES ('LT-PV-OUDERS'), ('LT-PV-JONGERE'), ('LT-HALT')) AS i(indicator),
       (SELECT DISTINCT bucket AS onderwijssoort FROM int_onderwijssoort_buckets UNION ALL SELECT NULL) AS o
)
SELECT * FROM int_indicator_uitvoer('resultaten', 'cellen')
