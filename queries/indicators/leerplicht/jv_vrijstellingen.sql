-- indicators:
--   - code: JV-VRIJ-AANGEVRAAGD
--     label: Aangevraagde vrijstellingen
--     eenheid: aanvragen
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: []
--     dimensies: [artikel]
--     definitie: >-
--       Aantal aanvragen voor een vrijstelling of vervangende leerplicht die in het schooljaar zijn ingediend,
--       naar artikel van de Leerplichtwet (artikel 3a, 3b, 5 onder a, b en c, 5a en 15), ongeacht het besluit.
--       Geteld voor de gemeente waar de jongere op de datum van de aanvraag woonde.
--   - code: JV-VRIJ-TOEGEKEND
--     label: Toegekende vrijstellingen
--     eenheid: aanvragen
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: []
--     dimensies: [artikel]
--     definitie: >-
--       Aantal vrijstellingen en vervangende leerplicht dat in het schooljaar is toegekend, naar artikel. Geteld
--       voor de gemeente waar de jongere op de datum van het besluit woonde. Het aantal jongeren met een
--       geldige vrijstelling (de stand) wordt apart geteld.

-- Event date (decides woongemeente): datum_aanvraag for aangevraagd, datum_besluit for toegekend. One
-- aggregation over both event kinds; the region is the sum of its gemeenten (aanvragen, not persons).
WITH gebeurtenissen AS (
  SELECT 'JV-VRIJ-AANGEVRAAGD' AS indicator, v.vrijstelling_id, v.bsn, v.artikel, v.datum_aanvraag AS datum
  FROM stg_vrijstellingen v
  UNION ALL
  SELECT 'JV-VRIJ-TOEGEKEND', v.vrijstelling_id, v.bsn, v.artikel, v.datum_besluit
  FROM stg_vrijstellingen v WHERE v.besluit = 'TOEGEKEND'
), in_jaar AS (
  SELECT g.*, s.jaar FROM gebeurtenissen g JOIN int_schooljaren s ON s.jaar = int_schooljaar(g.datum)
), in_gemeente AS (
  SELECT * FROM int_woongemeente_op('in_jaar')
), resultaten AS (
  SELECT
    indicator, jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    artikel,
    count(*) AS waarde
  FROM in_gemeente
  GROUP BY indicator, jaar, GROUPING SETS ((gemeentecode), (regio)), ROLLUP (artikel)
), cellen AS (
  SELECT i.indicator, a.artikel, 'aanvragen' AS eenheid
  FROM (VALUES ('JV-VRIJ-AANGEVRAAGD'), ('JV-VRIJ-TOEGEKEND')) AS i(indicator),
       (VALUES ('3A'), ('3B'), ('5A'), ('5B'), ('5C'), ('5A_TREKKEND'), ('15'), (NULL)) AS a(artikel)
)
SELECT * FROM int_indicator_uitvoer('resultaten', 'cellen')
