-- indicators:
--   - code: JV-POP-LP
--     label: Leerplichtigen
--     eenheid: personen
--     tijdvak: peildatum
--     rapporten: [jaarverslag]
--     parameters: [peildatum]
--     dimensies: [leeftijd, onderwijssoort]
--     definitie: >-
--       Aantal leerplichtigen dat op de peildatum in de gemeente woonde: kinderen vanaf de eerste dag van de
--       maand na hun vijfde verjaardag tot en met 31 juli van het schooljaar waarin zij 16 worden. Naar leeftijd
--       en naar het onderwijstype van hun inschrijving op de peildatum (of de laatste inschrijving daarvoor).
--   - code: JV-POP-KP
--     label: Kwalificatieplichtigen
--     eenheid: personen
--     tijdvak: peildatum
--     rapporten: [jaarverslag]
--     parameters: [peildatum]
--     dimensies: [leeftijd, onderwijssoort]
--     definitie: >-
--       Aantal kwalificatieplichtigen dat op de peildatum in de gemeente woonde: jongeren die niet meer
--       leerplichtig zijn, nog geen 18 jaar en nog geen startkwalificatie (diploma havo, vwo of mbo niveau 2 of
--       hoger) hebben. Naar leeftijd en naar het onderwijstype op de peildatum.

-- Event date (decides woongemeente, leeftijd and onderwijssoort bucket): the peildatum of the schooljaar
-- (int_populatie, already counted per cell). Breakdowns by leeftijd and by onderwijssoort separately, plus the
-- total; a person is in one place on one date, so the region's sum is its number of distinct persons.
WITH resultaten AS (
  SELECT
    'JV-POP-' || plicht AS indicator, jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    leeftijd, onderwijssoort,
    CAST(sum(personen) AS BIGINT) AS waarde
  FROM int_populatie
  GROUP BY plicht, jaar, GROUPING SETS ((gemeentecode), (regio)), GROUPING SETS ((leeftijd), (onderwijssoort), ())
), cellen AS (
  SELECT i.indicator, d.leeftijd, d.onderwijssoort, 'personen' AS eenheid, 'peildatum' AS periode
  FROM (VALUES ('JV-POP-LP'), ('JV-POP-KP')) AS i(indicator),
       (SELECT CAST(range AS INTEGER) AS leeftijd, NULL AS onderwijssoort FROM range(5, 18)
        UNION ALL
        SELECT NULL, bucket FROM (SELECT DISTINCT bucket FROM int_onderwijssoort_buckets)
        UNION ALL
        SELECT NULL, NULL) AS d
  -- Ages a plicht can have on the peildatum (1 October): leerplichtig 5 to 16 (leerplicht ends on the 31 July
  -- after the 16th birthday at the latest), kwalificatieplichtig 16 and 17. No row of zeros for the others.
  WHERE d.leeftijd IS NULL OR (i.indicator = 'JV-POP-LP' AND d.leeftijd <= 16) OR (i.indicator = 'JV-POP-KP' AND d.leeftijd >= 16)
)
SELECT * FROM int_indicator_uitvoer('resultaten', 'cellen')
