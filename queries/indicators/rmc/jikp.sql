-- indicators:
--   - code: RMC-JIKP
--     label: Jongeren in een kwetsbare positie en hun situatie een jaar later
--     eenheid: personen
--     rapporten: [rmc]
--     tijdvak: vsv-teljaar
--     parameters: []
--     dimensies: [status]
--     definitie: >-
--       Jongeren van 16 tot en met 22 jaar die op 1 oktober van het teljaar (jaar t) in de gemeente woonden en
--       ingeschreven stonden in het praktijkonderwijs, de basisberoepsgerichte leerweg van het vmbo, het
--       voortgezet speciaal onderwijs of mbo niveau 1, verdeeld naar hun situatie op 1 oktober t+1 (kolom
--       status): MBO1 (ingeschreven in mbo niveau 1), MBO2 (ingeschreven in mbo niveau 2; gaat voor op mbo 1),
--       ANDER_ONDERWIJS (ingeschreven in ander onderwijs, ook mbo 3 of 4; hoger onderwijs telt niet),
--       UITGESTROOMD_MET_SK (niet meer ingeschreven, met startkwalificatie) en UITGESTROOMD_ZONDER_SK (niet
--       meer ingeschreven, zonder startkwalificatie); de rij zonder status is het totaal. Wie op 1 oktober t+1
--       is overleden of niet meer in Nederland woont (geen verblijfplaats of RNI, gemeentecode 1999), wordt
--       niet gevolgd en telt niet mee. Een jongere telt mee voor de gemeente waar hij of zij op 1 oktober t
--       woonde. Alleen voor een teljaar dat op de extractdatum is afgelopen.
SELECT
  'RMC-JIKP' AS indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied,
  categorie AS status, aantal AS waarde, 'personen' AS eenheid
FROM int_rmc_tellingen
WHERE familie = 'JIKP'
