-- Consistency check (stops the build): "of which" figures across indicators never exceed their total, per
-- gebied, schooljaar and breakdown:
--   LT-AV-3M, LT-AV-OPGELOST <= LT-AV-TOT; LT-RV-HERH <= LT-RV-TOT; LT-LRV-3M <= LT-LRV-START + LT-LRV-NIEUW;
--   JV-VERLOF-BEZWAAR <= JV-VERLOF; JV-INTERVENTIES-ZAKEN <= JV-INTERVENTIES (a zaak has at least one action);
--   RMC-BEREIKT <= RMC-TRAJECTEN; RMC-TERUGGELEID <= the afgesloten trajecten (RMC-RESULTAAT).
WITH paren(deel, totaal) AS (
  VALUES ('LT-AV-3M', ['LT-AV-TOT']), ('LT-AV-OPGELOST', ['LT-AV-TOT']), ('LT-RV-HERH', ['LT-RV-TOT']),
         ('LT-LRV-3M', ['LT-LRV-START', 'LT-LRV-NIEUW']), ('JV-VERLOF-BEZWAAR', ['JV-VERLOF']),
         ('JV-INTERVENTIES-ZAKEN', ['JV-INTERVENTIES']), ('RMC-BEREIKT', ['RMC-TRAJECTEN'])
), totalen AS (
  SELECT p.deel, d.schooljaar, d.gebiedsniveau, d.gebied, d.onderwijssoort, d.soort, d.artikel, d.beslisser, d.besluit,
    d.waarde, sum(t.waarde) AS totaal
  FROM paren p
  JOIN indicator_store d ON d.indicator = p.deel
  JOIN indicator_store t ON list_contains(p.totaal, t.indicator) AND t.schooljaar = d.schooljaar
    AND t.gebiedsniveau = d.gebiedsniveau AND t.gebied = d.gebied
    AND t.onderwijssoort IS NOT DISTINCT FROM d.onderwijssoort AND t.soort IS NOT DISTINCT FROM d.soort
    AND t.artikel IS NOT DISTINCT FROM d.artikel AND t.beslisser IS NOT DISTINCT FROM d.beslisser
    AND t.besluit IS NOT DISTINCT FROM d.besluit AND t.reden IS NULL AND t.duur IS NULL AND t.status IS NULL AND t.leeftijd IS NULL
  GROUP BY ALL
)
SELECT 'deel_van_totaal' AS controle, deel AS indicator, schooljaar, gebied,
  format('{} {}{} is {}, meer dan het totaal ({})', deel, gebied, coalesce(' ' || coalesce(onderwijssoort, soort, artikel), ''), waarde, totaal) AS toelichting
FROM totalen WHERE waarde > totaal
UNION ALL
SELECT 'deel_van_totaal', t.indicator, t.schooljaar, t.gebied,
  format('RMC-TERUGGELEID {} is {}, meer dan de afgesloten trajecten ({})', t.gebied, t.waarde, r.waarde)
FROM indicator_store t
JOIN indicator_store r ON r.indicator = 'RMC-RESULTAAT' AND r.reden IS NULL AND r.schooljaar = t.schooljaar
  AND r.gebiedsniveau = t.gebiedsniveau AND r.gebied = t.gebied AND r.soort IS NULL
WHERE t.indicator = 'RMC-TERUGGELEID' AND t.soort IS NULL AND t.waarde > r.waarde
