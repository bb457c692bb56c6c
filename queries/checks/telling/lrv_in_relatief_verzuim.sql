-- Leerplichttelling check (warning): persons with a new LRV melding are normally also relatief verzuimers of
-- that year (LT-LRV-NIEUW ≤ LT-RV-TOT). They can differ only when the LRV absence started in the year but was
-- reported (datum_melding) in a later one, so this is a warning to look at, not an error.
SELECT n.gebied AS gemeentecode, n.schooljaar, 'lrv_in_relatief_verzuim' AS controle, n.indicator AS item,
  NULL::VARCHAR AS onderwijssoort, 'waarschuwing' AS ernst,
  format('{} ({}) is groter dan LT-RV-TOT ({})', n.indicator, CAST(n.waarde AS BIGINT), CAST(coalesce(r.waarde, 0) AS BIGINT)) AS toelichting
FROM indicator_store n
LEFT JOIN indicator_store r ON r.indicator = 'LT-RV-TOT' AND r.gebiedsniveau = 'gemeente' AND r.gebied = n.gebied
  AND r.schooljaar = n.schooljaar AND r.onderwijssoort IS NULL
WHERE n.indicator = 'LT-LRV-NIEUW' AND n.gebiedsniveau = 'gemeente' AND n.onderwijssoort IS NULL
  AND n.waarde > coalesce(r.waarde, 0)
