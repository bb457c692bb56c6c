-- indicators:
--   - code: RMC-JIKP
--     label: Jongeren in een kwetsbare positie en hun situatie een jaar later
--     eenheid: personen
--     rapporten: [rmc]
--     tijdvak: vsv-teljaar
--     parameters: []
--     dimensies: [status]
--     definitie: >-
--       Jongeren van 16 tot en met 22 jaar die op 1 oktober van het teljaar  in de gemeente woonden en
--       ingeschreven stonden in het praktijkonderwijs, de basisberoepsgerichte leerweg van het vmbo, het
--       voortgezet speciaal onderwijs of mbo niveau 1, verdeeld naar hun situatie een jaar
--       later: in mbo niveau 1, in mbo niveau 2 (gaat voor op mbo 1), in ander onderwijs (ook mbo 3 of 4;
--       hoger onderwijs telt niet), uitgestroomd met een startkwalificatie, of uitgestroomd zonder
--       startkwalificatie. Wie een jaar later
--       is overleden of niet meer in Nederland woont (geen verblijfplaats in Nederland), wordt
--       niet gevolgd en telt niet mee. Een jongere telt mee voor de gemeente waar hij of zij op 1 oktober van het
--       teljaar woonde. Alleen voor een teljaar dat op de extractdatum is afgelopen.
SELECT
  'RMC-JIKP' AS indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied,
  categorie AS status, aantal AS waarde, 'personen' AS eenheid
FROM int_rmc_tellingen
WHERE familie = 'JIKP'
