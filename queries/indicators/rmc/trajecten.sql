-- indicators:
--   - code: RMC-TRAJECTEN
--     label: Lopende RMC-trajecten
--     eenheid: trajecten
--     rapporten: [rmc]
--     tijdvak: verslagperiode
--     parameters: []
--     dimensies: [soort]
--     definitie: >-
--       RMC-trajecten (Doorstroompunt) die in de verslagperiode (1 augustus tot 1 augustus) liepen:
--       geregistreerd vóór het einde van de periode en niet afgesloten vóór het begin ervan, dus ook trajecten
--       die al eerder begonnen. Uitgesplitst naar doelgroep (nieuwe en oude vsv'ers, jongeren in
--       een kwetsbare positie, verzuim 18+). Een traject telt mee voor de gemeente waar de
--       jongere woonde op de laatste dag dat het traject in de periode liep (de dag vóór de afsluitdatum, of
--       31 juli als het doorliep); woonde de jongere toen niet meer in een gemeente van de regio, dan de
--       laatste gemeente van de regio waar hij of zij tijdens het traject woonde. Alleen voor een
--       verslagperiode die op de extractdatum is afgelopen.
--   - code: RMC-BEREIKT
--     label: Bereikte jongeren in lopende RMC-trajecten
--     eenheid: trajecten
--     rapporten: [rmc]
--     tijdvak: verslagperiode
--     parameters: []
--     dimensies: [soort]
--     definitie: >-
--       Van de lopende RMC-trajecten het aantal waarin vóór het einde van de verslagperiode
--       (uiterlijk 31 juli) een eerste contact met de jongere is vastgelegd. Doelgroep, gemeente en periode
--       als bij de lopende trajecten.
--   - code: RMC-BEREIKT-PCT
--     label: Percentage bereikte jongeren in lopende RMC-trajecten
--     eenheid: procent
--     rapporten: [rmc]
--     tijdvak: verslagperiode
--     parameters: []
--     dimensies: [soort]
--     teller: RMC-BEREIKT
--     noemer: RMC-TRAJECTEN
--     definitie: >-
--       Het aantal bereikte jongeren (de teller) als percentage van de lopende trajecten (de noemer), per doelgroep en in totaal.
--       Teller en noemer staan bij het cijfer. Zonder lopende trajecten geen percentage.
SELECT
  'RMC-TRAJECTEN' AS indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied,
  categorie AS soort, aantal AS waarde, 'trajecten' AS eenheid
FROM int_rmc_tellingen
WHERE familie = 'TRAJECT'
UNION ALL BY NAME
SELECT
  'RMC-BEREIKT' AS indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied,
  categorie AS soort, aantal_teller AS waarde, 'trajecten' AS eenheid
FROM int_rmc_tellingen
WHERE familie = 'TRAJECT'
UNION ALL BY NAME
SELECT
  'RMC-BEREIKT-PCT' AS indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied,
  categorie AS soort, 100.0 * aantal_teller / aantal AS waarde, aantal_teller AS teller, aantal AS noemer,
  'procent' AS eenheid
FROM int_rmc_tellingen
WHERE familie = 'TRAJECT' AND aantal > 0
