-- indicators:
--   - code: JV-AFHANDELING
--     label: Afhandeling van verzuimmeldingen
--     eenheid: meldingen
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: []
--     dimensies: [status, reden]
--     definitie: >-
--       Afgesloten: aantal verzuimmeldingen dat in het schooljaar is afgesloten, naar
--       reden van afsluiting (terug naar school, andere opleiding, werk, overleden, langdurig ziek, legitiem
--       afwezig, anders beëindigd), geteld voor de woongemeente op de datum van afsluiting. Open:
--       aantal meldingen dat op 31 juli nog niet was afgesloten (geregistreerd of in behandeling), geteld voor
--       de woongemeente op 31 juli. Ingetrokken meldingen en meldingen ter kennisgeving tellen niet als open.
--   - code: JV-DOORLOOP
--     label: Doorlooptijd van verzuimmeldingen
--     eenheid: dagen
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: []
--     dimensies: [soort]
--     definitie: >-
--       Mediaan van het aantal dagen tussen de meldingsdatum en de datum van afsluiting, over de meldingen die
--       in het schooljaar zijn afgesloten, naar soort melding en voor alle soorten samen. De teller is het
--       aantal meldingen waarover de mediaan is berekend.

-- Event date (decides woongemeente): datum_afsluiting for closed meldingen (JV-AFHANDELING AFGESLOTEN and
-- JV-DOORLOOP share this set); 31 July (the last day of the schooljaar) for the stock of open meldingen.
-- A melding is open on 31 July when it was reported by then and its current status is GEREGISTREERD or
-- IN_BEHANDELING, or it was closed after 31 July. No onderwijssoort split.
WITH afgesloten AS (
  SELECT m.melding_id, m.bsn, m.soort, m.reden_afsluiting AS reden, m.datum_afsluiting AS datum, s.jaar,
    m.datum_afsluiting - m.datum_melding AS dagen
  FROM int_verzuimmeldingen m
  JOIN int_schooljaren s ON s.jaar = int_schooljaar(m.datum_afsluiting)
  WHERE m.status = 'AFGESLOTEN'
), afgesloten_gemeente AS (
  SELECT * FROM int_woongemeente_op('afgesloten')
), open AS (
  SELECT m.melding_id, m.bsn, CAST(s.tot - 1 AS DATE) AS datum, s.jaar
  FROM int_verzuimmeldingen m
  JOIN int_schooljaren s ON m.datum_melding < s.tot
  WHERE m.status IN ('GEREGISTREERD', 'IN_BEHANDELING')
     OR (m.status = 'AFGESLOTEN' AND m.datum_afsluiting >= s.tot)
), open_gemeente AS (
  SELECT * FROM int_woongemeente_op('open')
), telling_afgesloten AS (
  SELECT
    jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    reden, soort,
    grouping(reden) AS alle_redenen, grouping(soort) AS alle_soorten,
    count(*)                 AS meldingen,
    quantile_cont(dagen, 0.5) AS mediaan
  FROM afgesloten_gemeente
  GROUP BY jaar, GROUPING SETS ((gemeentecode), (regio)), GROUPING SETS ((reden), (soort), ())
), resultaten AS (
  SELECT 'JV-AFHANDELING' AS indicator, jaar, gebiedsniveau, gebied, 'AFGESLOTEN' AS status, reden, meldingen AS waarde
  FROM telling_afgesloten WHERE alle_soorten = 1
  UNION ALL BY NAME
  SELECT 'JV-DOORLOOP' AS indicator, jaar, gebiedsniveau, gebied, soort, mediaan AS waarde, meldingen AS teller
  FROM telling_afgesloten WHERE alle_redenen = 1
  UNION ALL BY NAME
  SELECT
    'JV-AFHANDELING' AS indicator, jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    'OPEN' AS status, count(*) AS waarde
  FROM open_gemeente
  GROUP BY jaar, GROUPING SETS ((gemeentecode), (regio))
), cellen AS (
  SELECT 'JV-AFHANDELING' AS indicator, 'AFGESLOTEN' AS status, r.reden, 'meldingen' AS eenheid
  FROM (VALUES ('TERUG_NAAR_SCHOOL'), ('ANDERE_OPLEIDING'), ('WERK'), ('BEEINDIGD_OVERIG'), ('OVERLEDEN'),
               ('LANGDURIG_ZIEK'), ('LEGITIEM_AFWEZIG'), (NULL)) AS r(reden)
  UNION ALL BY NAME
  SELECT 'JV-AFHANDELING' AS indicator, 'OPEN' AS status, 'meldingen' AS eenheid
  UNION ALL BY NAME
  SELECT 'JV-DOORLOOP' AS indicator, s.soort, 'dagen' AS eenheid
  FROM (VALUES ('16_UUR'), ('LRV'), ('LUXE'), ('SIGNAAL'), ('18_PLUS'), ('OVERIG'), (NULL)) AS s(soort)
)
SELECT * FROM int_indicator_uitvoer('resultaten', 'cellen')
