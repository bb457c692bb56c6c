-- indicators:
--   - code: RMC-VSV-NIEUW
--     label: Nieuwe voortijdig schoolverlaters
--     eenheid: personen
--     rapporten: [rmc]
--     tijdvak: vsv-teljaar
--     parameters: []
--     dimensies: []
--     definitie: >-
--       Jongeren die op 1 oktober van het teljaar  in de gemeente woonden, toen 12 tot en met 21 jaar
--       oud waren en ingeschreven stonden bij een door het Rijk bekostigde school voor voortgezet onderwijs,
--       mbo of vavo, en die een jaar later, op 1 oktober van het volgende jaar, nergens meer ingeschreven staan (een inschrijving
--       in het hoger onderwijs telt daarbij niet mee) en dan geen startkwalificatie hebben (een diploma havo,
--       vwo of mbo niveau 2, 3 of 4). Wie dan is overleden, naar het buitenland is vertrokken of
--       in Nederland geen verblijfplaats meer heeft (alleen in de registratie niet-ingezetenen), telt niet mee. Een jongere telt
--       mee voor de gemeente waar hij of zij op 1 oktober van het teljaar woonde. Het teljaar loopt van 1 oktober tot
--       1 oktober; een teljaar dat op de extractdatum nog niet is afgelopen, wordt niet berekend.
--   - code: RMC-VSV-PCT
--     label: Percentage nieuwe voortijdig schoolverlaters
--     eenheid: procent
--     rapporten: [rmc]
--     tijdvak: vsv-teljaar
--     parameters: []
--     dimensies: []
--     teller: RMC-VSV-NIEUW
--     definitie: >-
--       Het aantal nieuwe voortijdig schoolverlaters (de teller) als percentage van alle
--       jongeren van 12 tot en met 21 jaar die op 1 oktober van het teljaar in de gemeente woonden en ingeschreven stonden
--       bij een bekostigde school voor voortgezet onderwijs, mbo of vavo (de noemer; ook wie later overleed of
--       vertrok, telt in de noemer mee). Teller en noemer staan bij het cijfer. Zonder noemer geen percentage.
--       Woongemeente en teljaar als bij de nieuwe voortijdig schoolverlaters.
SELECT
  'RMC-VSV-NIEUW' AS indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied,
  aantal_teller AS waarde, 'personen' AS eenheid
FROM int_rmc_tellingen
WHERE familie = 'VSV'
UNION ALL BY NAME
SELECT
  'RMC-VSV-PCT' AS indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied,
  100.0 * aantal_teller / aantal AS waarde, aantal_teller AS teller, aantal AS noemer, 'procent' AS eenheid
FROM int_rmc_tellingen
WHERE familie = 'VSV' AND aantal > 0
