-- Table macro: merges the periods of a relation (columns pid, van, tot; half-open, no NULL tot) into the
-- maximal continuous periods per person (pid, see int_woonperiodes). Overlapping and adjacent periods
-- ([a,b) and [b,c)) merge into one.
--   WITH p AS (SELECT pid, van, tot FROM ...) SELECT * FROM int_perioden_samenvoegen('p')
-- Interval logic only (a sort per person), never one row per day: in start order, a row ends its merged period
-- when the next row starts after the latest end so far; that row carries the period's end, and the start of
-- the next period.
-- Grain: table macro: one row per person (pid) and merged period.
CREATE OR REPLACE MACRO int_perioden_samenvoegen(tbl) AS TABLE
WITH p AS (
  SELECT pid, van, tot FROM query_table(tbl) WHERE tot > van
), m AS (
  SELECT pid, van,
    max(tot) OVER w         AS tot_tot_nu,
    lead(van) OVER w        AS volgende_van,
    first_value(van) OVER w AS eerste_van
  FROM p
  WINDOW w AS (PARTITION BY pid ORDER BY van, tot ROWS UNBOUNDED PRECEDING)
), laatste AS (
  SELECT * FROM m WHERE volgende_van IS NULL OR volgende_van > tot_tot_nu
)
SELECT
  pid,
  coalesce(lag(volgende_van) OVER (PARTITION BY pid ORDER BY van), eerste_van) AS van,
  tot_tot_nu                                                                     AS tot
FROM laatste;
