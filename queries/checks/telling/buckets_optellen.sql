-- Leerplichttelling check (hard): the onderwijssoort buckets of an item add up to its total, per gemeente
-- and schooljaar (each person or action is counted in exactly one bucket).
WITH items AS (
  SELECT indicator, schooljaar, gebied,
    max(waarde) FILTER (WHERE onderwijssoort IS NULL)          AS totaal,
    coalesce(sum(waarde) FILTER (WHERE onderwijssoort IS NOT NULL), 0) AS som
  FROM indicator_store
  WHERE indicator LIKE 'LT-%' AND gebiedsniveau = 'gemeente'
  GROUP BY indicator, schooljaar, gebied
)
SELECT gebied AS gemeentecode, schooljaar, 'buckets_optellen' AS controle, indicator AS item,
  NULL::VARCHAR AS onderwijssoort, 'fout' AS ernst,
  format('de onderwijssoorten tellen op tot {}, het totaal is {}', CAST(som AS BIGINT), CAST(coalesce(totaal, 0) AS BIGINT)) AS toelichting
FROM items
WHERE som <> coalesce(totaal, 0)
