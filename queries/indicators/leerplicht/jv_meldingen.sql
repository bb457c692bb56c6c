-- indicators:
--   - code: JV-RV-MELDINGEN
--     label: Verzuimmeldingen
--     eenheid: meldingen
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: []
--     dimensies: [soort, onderwijssoort]
--     definitie: >-
--       Aantal verzuimmeldingen met een meldingsdatum in het schooljaar, naar soort melding (16 uur in 4 weken,
--       langdurig relatief verzuim, luxeverzuim, signaalverzuim, 18-plus, overig) en naar het onderwijstype op
--       de meldingsdatum. Ingetrokken meldingen tellen niet. Geteld voor de gemeente waar de jongere op de
--       meldingsdatum woonde; meldingen van andere soorten dan 18-plus alleen als de jongere toen leer- of
--       kwalificatieplichtig was.
--   - code: JV-RV-LEERLINGEN
--     label: Leerlingen met een verzuimmelding
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: []
--     dimensies: [soort]
--     overlappend: [soort]  # one person or zaak can be in several soorten: they do not add up to the total
--     definitie: >-
--       Aantal verschillende jongeren met minstens één verzuimmelding (niet ingetrokken) in het schooljaar, naar
--       soort melding, met dezelfde afbakening als de verzuimmeldingen; het totaal telt iedere jongere één
--       keer, ook als er meldingen van meerdere soorten zijn.

-- Event date (decides woongemeente and onderwijssoort bucket): datum_melding. All soorten count, for every
-- person resident in a report gemeente on that date (not only leer- and kwalificatieplichtigen: 18_PLUS
-- meldingen are about older youths). Meldingen are summed per bucket (each melding has one bucket); persons
-- are distinct per soort and gebied. JV-RV-1000 is computed with LT-RV-TOT in lt_relatief_verzuim.sql.
WITH meldingen AS (
  SELECT m.melding_id, m.bsn, m.soort, m.datum_melding AS datum, s.jaar
  FROM int_verzuimmeldingen m
  JOIN int_schooljaren s ON s.jaar = int_schooljaar(m.datum_melding)
), meldingen_leerplicht AS (
  SELECT * FROM meldingen WHERE soort <> '18_PLUS'
), meldingen_18_plus AS (
  SELECT * FROM meldingen WHERE soort = '18_PLUS'
), in_gemeente AS (
  -- Leerplicht meldingen count for leer- and kwalificatieplichtigen only (as the Leerplichttelling does, so
  -- "leerlingen met luxeverzuim" is one figure); 18+ meldingen for every resident of a report gemeente.
  SELECT * EXCLUDE (plicht) FROM int_in_beeld_op('meldingen_leerplicht')
  UNION ALL BY NAME
  SELECT * FROM int_woongemeente_op('meldingen_18_plus')
), items AS (
  SELECT * FROM int_onderwijssoort_op('in_gemeente')
), meldingen_telling AS (
  SELECT
    'JV-RV-MELDINGEN' AS indicator, jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    soort, onderwijssoort,
    count(*) AS waarde
  FROM items
  GROUP BY jaar, GROUPING SETS ((gemeentecode), (regio)), CUBE (soort, onderwijssoort)
), personen AS (
  -- one row per person per gebied and soort, and per person per gebied over all soorten
  SELECT
    jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    soort, bsn
  FROM items
  GROUP BY jaar, bsn, GROUPING SETS ((gemeentecode), (regio)), ROLLUP (soort)
), resultaten AS (
  SELECT * FROM meldingen_telling
  UNION ALL BY NAME
  SELECT 'JV-RV-LEERLINGEN' AS indicator, jaar, gebiedsniveau, gebied, soort, count(*) AS waarde
  FROM personen GROUP BY ALL
), soorten AS (
  SELECT * FROM (VALUES ('16_UUR'), ('LRV'), ('LUXE'), ('SIGNAAL'), ('18_PLUS'), ('OVERIG'), (NULL)) AS s(soort)
), cellen AS (
  SELECT 'JV-RV-MELDINGEN' AS indicator, s.soort, o.onderwijssoort, 'meldingen' AS eenheid
  FROM soorten s,
       (SELECT DISTINCT bucket AS onderwijssoort FROM int_onderwijssoort_buckets UNION ALL SELECT NULL) AS o
  UNION ALL BY NAME
  SELECT 'JV-RV-LEERLINGEN' AS indicator, soort, 'personen' AS eenheid FROM soorten
)
SELECT * FROM int_indicator_uitvoer('resultaten', 'cellen')
