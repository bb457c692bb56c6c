-- indicators:
--   - code: RMC-RESULTAAT
--     label: Afgesloten RMC-trajecten naar resultaat
--     eenheid: trajecten
--     rapporten: [rmc]
--     tijdvak: verslagperiode
--     parameters: []
--     dimensies: [reden]
--     definitie: >-
--       RMC-trajecten die in de verslagperiode (1 augustus tot 1 augustus) zijn afgesloten, ook als ze
--       eerder begonnen, naar resultaat (onderwijs, werk met opleiding, werk, zorg,
--       startkwalificatie, 23 jaar geworden, verhuisd, niet bereikbaar, geen hulp gewenst, overig). Afgesloten in de periode betekent dat de laatste dag van het traject in de periode valt.
--       Een traject telt mee voor de gemeente waar de jongere op die laatste dag woonde; woonde de jongere toen
--       niet meer in een gemeente van de regio (bijvoorbeeld na een verhuizing), dan de laatste gemeente
--       van de regio waar hij of zij tijdens het traject woonde. Alleen voor een verslagperiode die op de
--       extractdatum is afgelopen.
SELECT
  'RMC-RESULTAAT' AS indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied,
  categorie AS reden, aantal AS waarde, 'trajecten' AS eenheid
FROM int_rmc_tellingen
WHERE familie = 'RESULTAAT'
