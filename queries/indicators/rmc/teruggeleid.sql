-- indicators:
--   - code: RMC-TERUGGELEID
--     label: Voortijdig schoolverlaters teruggeleid naar onderwijs
--     eenheid: trajecten
--     rapporten: [rmc]
--     tijdvak: verslagperiode
--     parameters: []
--     dimensies: [soort]
--     definitie: >-
--       RMC-trajecten voor voortijdig schoolverlaters (doelgroep nieuwe of oude vsv'ers) die in de
--       verslagperiode (1 augustus tot 1 augustus) zijn afgesloten met als resultaat terug naar
--       onderwijs, werk met een opleiding, of een behaalde startkwalificatie. Uitgesplitst naar doelgroep
--       (nieuwe en oude vsv'ers). Trajecten van andere
--       doelgroepen (JIKP, verzuim 18+) tellen hier niet mee. Gemeente en periode als bij de afgesloten trajecten.
SELECT
  'RMC-TERUGGELEID' AS indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied,
  categorie AS soort, aantal AS waarde, 'trajecten' AS eenheid
FROM int_rmc_tellingen
WHERE familie = 'TERUGGELEID'
