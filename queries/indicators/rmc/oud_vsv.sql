-- indicators:
--   - code: RMC-OUD-VSV
--     label: Oud-voortijdig schoolverlaters
--     eenheid: personen
--     rapporten: [rmc]
--     tijdvak: verslagperiode
--     parameters: []
--     dimensies: []
--     definitie: >-
--       Jongeren die op de laatste dag van de verslagperiode (31 juli; de periode loopt van 1 augustus tot
--       1 augustus) in de gemeente woonden, die dag 18 tot en met 22 jaar oud waren, nergens
--       ingeschreven stonden (hoger onderwijs telt niet als inschrijving) en geen startkwalificatie hadden
--       (een diploma havo, vwo of mbo niveau 2, 3 of 4). Een jongere telt mee voor de gemeente waar hij of zij
--       op die 31 juli woonde. Alleen voor een verslagperiode die op de extractdatum is afgelopen.
SELECT
  'RMC-OUD-VSV' AS indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied,
  aantal AS waarde, 'personen' AS eenheid
FROM int_rmc_tellingen
WHERE familie = 'OUD_VSV'
