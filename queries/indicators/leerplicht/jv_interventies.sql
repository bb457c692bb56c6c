-- indicators:
--   - code: JV-INTERVENTIES
--     label: Interventies
--     eenheid: acties
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: []
--     dimensies: [soort]
--     definitie: >-
--       Aantal acties van de leerplichtambtenaar in het schooljaar naar soort (gesprek, huisbezoek,
--       waarschuwing, Halt, proces-verbaal tegen ouders of jongere, doorgeleiding naar het OM, zorg, Raad voor
--       de Kinderbescherming, Veilig Thuis), geteld voor de gemeente waar de jongere op de datum van de actie
--       woonde.
--   - code: JV-INTERVENTIES-ZAKEN
--     label: Zaken met interventie
--     eenheid: zaken
--     tijdvak: schooljaar
--     rapporten: [jaarverslag]
--     parameters: []
--     dimensies: [soort]
--     overlappend: [soort]  # one person or zaak can be in several soorten: they do not add up to the total
--     definitie: >-
--       Aantal zaken (dossiers) met in het schooljaar minstens één actie van de betreffende soort; het totaal is
--       het aantal zaken met minstens één actie. Een zaak telt mee voor de gemeente waar de jongere op de datum
--       van de actie woonde; in de regiototaal telt iedere zaak één keer.

-- Event date (decides woongemeente): the action's date (int_zaakacties.datum). Acties are summed; zaken are
-- distinct per gebied (a zaak with actions in two gemeenten counts once for the region).
WITH zaken AS (
  -- one row per zaak per gebied and soort, and per zaak per gebied over all soorten, with its number of acties
  SELECT
    jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    soort, zaak_id,
    count(*) AS acties
  FROM int_zaakacties
  GROUP BY jaar, zaak_id, GROUPING SETS ((gemeentecode), (regio)), ROLLUP (soort)
), telling AS (
  SELECT jaar, gebiedsniveau, gebied, soort, sum(acties) AS acties, count(*) AS zaken
  FROM zaken GROUP BY ALL
), resultaten AS (
  SELECT 'JV-INTERVENTIES' AS indicator, jaar, gebiedsniveau, gebied, soort, acties AS waarde FROM telling
  UNION ALL
  SELECT 'JV-INTERVENTIES-ZAKEN', jaar, gebiedsniveau, gebied, soort, zaken FROM telling
), cellen AS (
  SELECT i.indicator, s.soort, i.eenheid
  FROM (VALUES ('JV-INTERVENTIES', 'acties'), ('JV-INTERVENTIES-ZAKEN', 'zaken')) AS i(indicator, eenheid),
       (VALUES ('GESPREK'), ('HUISBEZOEK'), ('WAARSCHUWING'), ('HALT'), ('PV_OUDERS'), ('PV_JONGERE'),
               ('DOORGELEIDING_OM'), ('ZORG'), ('RVDK'), ('VEILIG_THUIS'), (NULL)) AS s(soort)
)
SELECT * FROM int_indicator_uitvoer('resultaten', 'cellen')
