-- Leerplichttelling check (hard): every "of which" figure is at most its total, per gemeente, schooljaar and
-- onderwijssoort bucket (and for the total).
WITH paren(deel, totaal) AS (
  VALUES ('LT-AV-3M', 'LT-AV-TOT'), ('LT-AV-OPGELOST', 'LT-AV-TOT'), ('LT-RV-HERH', 'LT-RV-TOT')
)
SELECT d.gebied AS gemeentecode, d.schooljaar, 'deel_van_totaal' AS controle, d.indicator AS item,
  d.onderwijssoort, 'fout' AS ernst,
  format('{} ({}) is groter dan {} ({})', d.indicator, CAST(d.waarde AS BIGINT), t.indicator, CAST(coalesce(t.waarde, 0) AS BIGINT)) AS toelichting
FROM paren p
JOIN indicator_store d ON d.indicator = p.deel AND d.gebiedsniveau = 'gemeente'
LEFT JOIN indicator_store t ON t.indicator = p.totaal AND t.gebiedsniveau = 'gemeente' AND t.gebied = d.gebied
  AND t.schooljaar = d.schooljaar AND t.onderwijssoort IS NOT DISTINCT FROM d.onderwijssoort
WHERE d.waarde > coalesce(t.waarde, 0)
