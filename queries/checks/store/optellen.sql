-- Store invariant (stops the build): the cells of a breakdown add up to its total. For every count
-- (is_count) and every breakdown dimension of it: the cells that differ only in that dimension sum to the
-- cell where it is "all" (e.g. absoluut verzuimers per onderwijssoort sum to all absoluut verzuimers).
-- Disclosure control relies on this (a hidden cell must not be recoverable from its total). Not checked:
-- dimensions the indicator's catalog entry declares `overlappend` (one person in several categories), and
-- breakdowns without a total in the store.
-- One row per violation: controle, indicator, schooljaar, gebied, toelichting.
WITH sommen AS (
  SELECT indicator, schooljaar, gebiedsniveau, gebied, dim, totaal_cel, sum(waarde) AS som
  FROM store_delen() d
  WHERE NOT coalesce(list_contains((SELECT c.overlappend FROM indicator_catalog c WHERE c.code = d.indicator), dim), false)
  GROUP BY ALL
)
SELECT 'optellen' AS controle, s.indicator, s.schooljaar, s.gebied,
  format('{} {} ({}): de cellen naar {} tellen op tot {}, het totaal is {}', s.indicator, s.gebied,
    array_to_string(s.totaal_cel, '|'), s.dim, s.som, t.waarde) AS toelichting
FROM sommen s
JOIN store_cellen() t ON t.indicator = s.indicator AND t.schooljaar = s.schooljaar AND t.gebiedsniveau = s.gebiedsniveau
  AND t.gebied = s.gebied AND t.cel = s.totaal_cel
WHERE t.waarde IS DISTINCT FROM s.som
