-- indicators:
--   - code: RMC-18PLUS
--     label: Meldingen verzuim 18+
--     eenheid: meldingen
--     rapporten: [rmc]
--     tijdvak: verslagperiode
--     parameters: []
--     dimensies: []
--     definitie: >-
--       Verzuimmeldingen van de soort 18+ (verzuim van jongeren van 18 jaar en ouder, gemeld bij het RMC of
--       Doorstroompunt) met een meldingsdatum in de verslagperiode (1 augustus tot 1 augustus);
--       ingetrokken meldingen tellen niet mee. Een melding telt mee voor de gemeente waar de jongere op de
--       meldingsdatum woonde. Alleen voor een verslagperiode die op de extractdatum is afgelopen.
--   - code: RMC-18PLUS-PERSONEN
--     label: Jongeren met een melding verzuim 18+
--     eenheid: personen
--     rapporten: [rmc]
--     tijdvak: verslagperiode
--     parameters: []
--     dimensies: []
--     definitie: >-
--       Het aantal verschillende jongeren met minstens één melding van verzuim 18+. Een jongere
--       met meldingen in twee gemeenten (omdat hij of zij verhuisde) telt in elk van die gemeenten één keer
--       en in de regio één keer.
SELECT
  'RMC-18PLUS' AS indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied,
  aantal AS waarde, 'meldingen' AS eenheid
FROM int_rmc_tellingen
WHERE familie = '18PLUS'
UNION ALL BY NAME
SELECT
  'RMC-18PLUS-PERSONEN' AS indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied,
  personen AS waarde, 'personen' AS eenheid
FROM int_rmc_tellingen
WHERE familie = '18PLUS'
