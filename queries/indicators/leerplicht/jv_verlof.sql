-- indicators:
--   - code: JV-VERLOF
--     label: Verlofaanvragen
--     eenheid: aanvragen
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: []
--     dimensies: [artikel, beslisser, besluit]
--     definitie: >-
--       Aantal aanvragen voor verlof waarover in het schooljaar is beslist, naar artikel (13a vakantieverlof, 14
--       gewichtige omstandigheden), naar wie besliste (de school of de leerplichtambtenaar) en naar besluit
--       (toegekend of afgewezen), met alle subtotalen. Geteld voor de gemeente waar de jongere op de datum van
--       het besluit woonde.
--   - code: JV-VERLOF-BEZWAAR
--     label: Verlofaanvragen met bezwaar
--     eenheid: aanvragen
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: []
--     dimensies: [artikel, beslisser, besluit]
--     definitie: >-
--       Van de verlofaanvragen waarover in het schooljaar is beslist: het aantal waartegen bezwaar
--       is gemaakt, met dezelfde indeling.

-- Event date (decides woongemeente): datum_besluit. Every combination of artikel × beslisser × besluit and
-- every subtotal (CUBE; NULL = total over that dimension).
WITH aanvragen AS (
  SELECT v.aanvraag_id, v.bsn, v.artikel, v.beslisser, v.besluit, v.bezwaar, v.datum_besluit AS datum, s.jaar
  FROM stg_verlofaanvragen v
  JOIN int_schooljaren s ON s.jaar = int_schooljaar(v.datum_besluit)
), in_gemeente AS (
  SELECT * FROM int_woongemeente_op('aanvragen')
), telling AS (
  SELECT
    jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    artikel, beslisser, besluit,
    count(*) AS aanvragen, count(*) FILTER (WHERE bezwaar) AS met_bezwaar
  FROM in_gemeente
  GROUP BY jaar, GROUPING SETS ((gemeentecode), (regio)), CUBE (artikel, beslisser, besluit)
), resultaten AS (
  SELECT 'JV-VERLOF' AS indicator, jaar, gebiedsniveau, gebied, artikel, beslisser, besluit, aanvragen AS waarde FROM telling
  UNION ALL
  SELECT 'JV-VERLOF-BEZWAAR', jaar, gebiedsniveau, gebied, artikel, beslisser, besluit, met_bezwaar FROM telling
), cellen AS (
  SELECT i.indicator, a.artikel, b.beslisser, c.besluit, 'aanvragen' AS eenheid
  FROM (VALUES ('JV-VERLOF'), ('JV-VERLOF-BEZWAAR')) AS i(indicator),
       (VALUES ('13A'), ('14'), (NULL)) AS a(artikel),
       (VALUES ('SCHOOL'), ('LEERPLICHTAMBTENAAR'), (NULL)) AS b(beslisser),
       (VALUES ('TOEGEKEND'), ('AFGEWEZEN'), (NULL)) AS c(besluit)
)
SELECT * FROM int_indicator_uitvoer('resultaten', 'cellen')
