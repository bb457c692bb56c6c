-- indicators:
--   - code: KW-MELDINGEN
--     label: Nieuwe verzuimmeldingen
--     eenheid: meldingen
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: []
--     dimensies: [soort]
--     definitie: >-
--       Aantal verzuimmeldingen met een meldingsdatum in het kwartaal (en in het schooljaar tot en met het
--       kwartaal), naar soort melding. Ingetrokken meldingen tellen niet. Een melding telt in het kwartaal
--       waarin zij is gedaan, ook als het verzuim eerder begon. Geteld voor de gemeente waar de jongere op de
--       meldingsdatum woonde.
--   - code: KW-AFGESLOTEN
--     label: Afgesloten verzuimmeldingen
--     eenheid: meldingen
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: []
--     dimensies: []
--     definitie: >-
--       Aantal verzuimmeldingen dat in het kwartaal (en in het schooljaar tot en met het kwartaal) is
--       afgesloten. Geteld voor de gemeente waar de jongere op de datum van afsluiting woonde.
--   - code: KW-DOORLOOP
--     label: Doorlooptijd van afgesloten meldingen (mediaan)
--     eenheid: dagen
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: []
--     dimensies: []
--     definitie: >-
--       Mediaan van het aantal dagen tussen de meldingsdatum en de datum van afsluiting, over de meldingen die
--       in de periode zijn afgesloten. De teller is het aantal meldingen waarover de mediaan is berekend.
--   - code: KW-DOORLOOP-P90
--     label: Doorlooptijd van afgesloten meldingen (90e percentiel)
--     eenheid: dagen
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: []
--     dimensies: []
--     definitie: >-
--       Het aantal dagen tussen meldingsdatum en afsluiting waarbinnen 90 procent van de in de periode
--       afgesloten meldingen was afgesloten (90e percentiel). De teller is het aantal meldingen.
--   - code: KW-BINNEN-3M
--     label: Meldingen afgesloten binnen drie maanden
--     eenheid: procent
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: []
--     noemer: KW-AFGESLOTEN
--     dimensies: []
--     definitie: >-
--       Van de meldingen die in de periode zijn afgesloten, het percentage dat binnen drie maanden na de
--       meldingsdatum is afgesloten. Teller: afgesloten binnen drie maanden; noemer: alle in de periode
--       afgesloten meldingen.

-- Event dates (decide woongemeente): datum_melding for new meldingen, datum_afsluiting for closed ones (as
-- JV-AFHANDELING). Periods: int_kwartaal_gebieden (the quarter, the schooljaar up to it, and both a year
-- earlier); a melding counts in every period that holds its event date.
WITH perioden AS (
  SELECT DISTINCT jaar, van, tot FROM int_kwartaal_gebieden
), nieuw AS (
  SELECT p.jaar, m.melding_id, m.bsn, m.soort, m.datum_melding AS datum
  FROM int_verzuimmeldingen m
  JOIN perioden p ON m.datum_melding >= p.van AND m.datum_melding < p.tot
), nieuw_gemeente AS (
  SELECT * FROM int_woongemeente_op('nieuw')
), afgesloten AS (
  SELECT p.jaar, m.melding_id, m.bsn, m.datum_afsluiting AS datum,
    m.datum_afsluiting - m.datum_melding AS dagen,
    m.datum_afsluiting < m.datum_melding + INTERVAL 3 MONTH AS binnen_3m
  FROM int_verzuimmeldingen m
  JOIN perioden p ON m.datum_afsluiting >= p.van AND m.datum_afsluiting < p.tot
  WHERE m.status = 'AFGESLOTEN'
), afgesloten_gemeente AS (
  SELECT * FROM int_woongemeente_op('afgesloten')
), afgesloten_telling AS (
  SELECT
    jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    count(*)                            AS meldingen,
    count(*) FILTER (WHERE binnen_3m)   AS binnen_3m,
    quantile_cont(dagen, 0.5)           AS mediaan,
    quantile_cont(dagen, 0.9)           AS p90
  FROM afgesloten_gemeente
  GROUP BY jaar, GROUPING SETS ((gemeentecode), (regio))
), resultaten AS (
  SELECT
    'KW-MELDINGEN' AS indicator, jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    soort, count(*) AS waarde
  FROM nieuw_gemeente
  GROUP BY jaar, GROUPING SETS ((gemeentecode), (regio)), ROLLUP (soort)
  UNION ALL BY NAME
  SELECT 'KW-AFGESLOTEN' AS indicator, jaar, gebiedsniveau, gebied, meldingen AS waarde FROM afgesloten_telling
  UNION ALL BY NAME
  SELECT 'KW-DOORLOOP' AS indicator, jaar, gebiedsniveau, gebied, mediaan AS waarde, meldingen AS teller FROM afgesloten_telling
  UNION ALL BY NAME
  SELECT 'KW-DOORLOOP-P90' AS indicator, jaar, gebiedsniveau, gebied, p90 AS waarde, meldingen AS teller FROM afgesloten_telling
  UNION ALL BY NAME
  SELECT 'KW-BINNEN-3M' AS indicator, jaar, gebiedsniveau, gebied,
    100.0 * binnen_3m / meldingen AS waarde, binnen_3m AS teller, meldingen AS noemer
  FROM afgesloten_telling
), cellen AS (
  SELECT 'KW-MELDINGEN' AS indicator, soort, 'meldingen' AS eenheid
  FROM (VALUES ('16_UUR'), ('LRV'), ('LUXE'), ('SIGNAAL'), ('18_PLUS'), ('OVERIG'), (NULL)) AS s(soort)
  UNION ALL BY NAME
  SELECT * FROM (VALUES ('KW-AFGESLOTEN', 'meldingen'), ('KW-DOORLOOP', 'dagen'), ('KW-DOORLOOP-P90', 'dagen'),
    ('KW-BINNEN-3M', 'procent')) AS c(indicator, eenheid)
)
SELECT * FROM int_uitvoer('resultaten', 'cellen', 'int_kwartaal_gebieden')
