-- indicators:
--   - code: JV-CASELOAD
--     label: Curatieve meldingen per fte leerplichtambtenaar
--     eenheid: per_fte
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: []
--     dimensies: []
--     definitie: >-
--       Het aantal curatieve meldingen in het schooljaar gedeeld door de formatie leerplichtambtenaar (fte)
--       van het bureau; alleen voor de regio en alleen over de gemeenten die de uitvoering van de leerplicht
--       bij het bureau hebben belegd. Curatieve meldingen zijn verzuimmeldingen van de soorten 16 uur,
--       langdurig relatief verzuim, luxeverzuim en overig (niet ingetrokken, niet ter kennisgeving) en zaken
--       van absoluut verzuim die niet uit een melding voortkwamen. De norm van Ingrado is 135 curatieve
--       meldingen per fte per jaar. De teller is het aantal curatieve meldingen.

-- int_curatieve_meldingen dated in the schooljaar, region only (the formatie is the office's), divided by
-- $fte_leerplicht (the config's fte leerplichtambtenaar of perceel 2; NULL: no figure). Gemeente cells stay
-- empty (no fte per gemeente).
WITH resultaten AS (
  SELECT 'JV-CASELOAD' AS indicator, s.jaar, 'regio' AS gebiedsniveau, $regio AS gebied,
    count(c.bsn) / CAST($fte_leerplicht AS DOUBLE) AS waarde, count(c.bsn) AS teller
  FROM int_schooljaren s
  LEFT JOIN int_curatieve_meldingen c ON c.datum >= s.van AND c.datum < s.tot
  WHERE $fte_leerplicht IS NOT NULL
  GROUP BY s.jaar
), cellen AS (
  SELECT 'JV-CASELOAD' AS indicator, 'per_fte' AS eenheid
)
SELECT * FROM int_indicator_uitvoer('resultaten', 'cellen')
