-- The summer holidays not counted as absoluut verzuim (parameters zomervakantie_van / zomervakantie_tot_en_met,
-- MM-DD), as half-open periods for every calendar year an absoluut verzuim spell can touch (spells may start
-- long before the report's schooljaren). A holiday whose end month-day lies before its start month-day runs
-- into the next calendar year.
-- Grain: one row per calendar year (the summer holiday of that year).
CREATE OR REPLACE TABLE int_zomervakanties AS
WITH p AS (
  SELECT
    CAST(split_part($zomervakantie_van, '-', 1) AS INTEGER)        AS zv_m,
    CAST(split_part($zomervakantie_van, '-', 2) AS INTEGER)        AS zv_d,
    CAST(split_part($zomervakantie_tot_en_met, '-', 1) AS INTEGER) AS zt_m,
    CAST(split_part($zomervakantie_tot_en_met, '-', 2) AS INTEGER) AS zt_d
), j AS (
  SELECT CAST(range AS INTEGER) AS jaar
  FROM int_extract, range(CAST(year(extractdatum) - 30 AS BIGINT), CAST(year(extractdatum) + 2 AS BIGINT))
)
SELECT
  jaar,
  make_date(jaar, zv_m, zv_d) AS van,
  CAST(make_date(jaar + CASE WHEN zt_m * 100 + zt_d < zv_m * 100 + zv_d THEN 1 ELSE 0 END, zt_m, zt_d) + 1 AS DATE) AS tot
FROM j, p;
