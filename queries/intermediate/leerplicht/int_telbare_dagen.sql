-- Table macro: for each row of a relation with a half-open period (van, tot), the days that count for
-- absoluut verzuim, i.e. not in a summer holiday (int_zomervakanties):
--   telbare_dagen       number of days in [van, tot) outside the summer holidays
--   eerste_telbare_dag  the first such day (NULL when every day is a summer day)
-- A period that starts in the summer holiday counts from the first day after it.
-- Grain: table macro: one row per row of `tbl`.
CREATE OR REPLACE MACRO int_telbare_dagen(tbl) AS TABLE
SELECT
  e.*,
  (e.tot - e.van) - z.zomerdagen AS telbare_dagen,
  CASE WHEN (e.tot - e.van) - z.zomerdagen > 0 THEN coalesce(z.einde_zomer_bij_start, e.van) END AS eerste_telbare_dag
FROM query_table(tbl) e,
LATERAL (
  SELECT
    coalesce(sum(least(e.tot, v.tot) - greatest(e.van, v.van)), 0) AS zomerdagen,
    max(v.tot) FILTER (WHERE v.van <= e.van)                        AS einde_zomer_bij_start
  FROM int_zomervakanties v
  WHERE v.van < e.tot AND v.tot > e.van
) z;
