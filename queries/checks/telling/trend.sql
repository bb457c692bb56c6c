-- Leerplichttelling check (warning): an item that changes by more than 50% and by more than 10 against the
-- previous schooljaar, per gemeente (totals only). Not an error: the office explains it to DUO.
WITH t AS (
  SELECT s.indicator, s.gebied, s.schooljaar, j.jaar, s.waarde
  FROM indicator_store s JOIN int_schooljaren j ON j.schooljaar = s.schooljaar
  WHERE s.indicator LIKE 'LT-%' AND s.gebiedsniveau = 'gemeente' AND s.onderwijssoort IS NULL
)
SELECT n.gebied AS gemeentecode, n.schooljaar, 'trend' AS controle, n.indicator AS item,
  NULL::VARCHAR AS onderwijssoort, 'waarschuwing' AS ernst,
  format('{} in {} tegen {} in {}: verandering van meer dan 50% en meer dan 10; graag toelichten',
    CAST(n.waarde AS BIGINT), n.schooljaar, CAST(v.waarde AS BIGINT), v.schooljaar) AS toelichting
FROM t n JOIN t v ON v.indicator = n.indicator AND v.gebied = n.gebied AND v.jaar = n.jaar - 1
WHERE abs(n.waarde - v.waarde) > 10 AND abs(n.waarde - v.waarde) > 0.5 * v.waarde
