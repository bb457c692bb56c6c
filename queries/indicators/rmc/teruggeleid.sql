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
--       verslagperiode (1 augustus t tot 1 augustus t+1) zijn afgesloten met als resultaat terug naar
--       onderwijs, werk met een opleiding, of een behaalde startkwalificatie. Uitgesplitst naar doelgroep
--       (kolom soort: NIEUW_VSV, OUD_VSV); de rij zonder soort is het totaal van beide. Trajecten van andere
--       doelgroepen (JIKP, verzuim 18+) tellen hier niet mee. Gemeente en periode als bij RMC-RESULTAAT.
SELECT
  'RMC-TERUGGELEID' AS indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied,
  categorie AS soort, aantal AS waarde, 'trajecten' AS eenheid
FROM int_rmc_tellingen
WHERE familie = 'TERUGGELEID'
