-- Store invariant (stops the build): every cell is in the store once. A cell is an indicator, schooljaar,
-- area and breakdown cell (store_cellen().cel, pipeline/store.ts); two rows for one cell mean two queries
-- (or one query twice) computed the same figure, and a report would show either.
-- One row per violation: controle, indicator, schooljaar, gebied, toelichting.
SELECT 'een_cel_een_rij' AS controle, indicator, schooljaar, gebied,
  format('{} {} ({}) staat {} keer in de store', indicator, gebied, array_to_string(cel, '|'), count(*)) AS toelichting
FROM store_cellen()
GROUP BY indicator, schooljaar, gebiedsniveau, gebied, cel
HAVING count(*) > 1
