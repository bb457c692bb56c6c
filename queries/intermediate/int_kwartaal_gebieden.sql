-- The periods of a kwartaalrapportage ($kwartaal, e.g. '2025-K1'; NULL when the build makes none, and then
-- this table is empty and every kwartaal indicator has no rows) times the gebieden of the report, in the
-- shape of int_rapport_gebieden so that int_uitvoer can fill the cells of the kwartaal indicators.
-- Grain: one row per period and gebied. The periods (key `jaar`, a period number, not a year):
--   1  kwartaal            the calendar quarter [van, tot)
--   2  schooljaar t/m      the schooljaar up to the quarter's end: [1 August, tot) of the schooljaar that
--                          holds the quarter's last day (so K3 2025, July–September, gives [2025-08-01, 2025-10-01))
--   11, 12                 the same two periods one year earlier (the comparison)
-- `peildatum` is the quarter's last day (figures "at the end of the quarter": open cases, absoluut verzuim,
-- thuiszitters); it is NULL for the schooljaar periods, which have no stock figures.
-- `voorlopig`: the extract was taken less than six weeks after the period's end, so meldingen registered
-- late (a school reports after the quarter) may still change the figures.
CREATE OR REPLACE TABLE int_kwartaal_gebieden AS
WITH k AS (
  SELECT
    CAST(split_part(CAST($kwartaal AS VARCHAR), '-K', 1) AS INTEGER) AS kalenderjaar,
    CAST(split_part(CAST($kwartaal AS VARCHAR), '-K', 2) AS INTEGER) AS k
  WHERE $kwartaal IS NOT NULL
), jaren AS (
  SELECT kalenderjaar - terug AS kalenderjaar, k, terug FROM k, (VALUES (0), (1)) AS t(terug)
), kwartalen AS (
  SELECT *,
    make_date(kalenderjaar, 3 * (k - 1) + 1, 1)                                     AS van,
    CAST(make_date(kalenderjaar, 3 * (k - 1) + 1, 1) + INTERVAL 3 MONTH AS DATE)    AS tot
  FROM jaren
), perioden AS (
  SELECT 1 + 10 * terug AS jaar, format('{}-K{}', kalenderjaar, k) AS schooljaar, van, tot,
    CAST(tot - 1 AS DATE) AS peildatum
  FROM kwartalen
  UNION ALL
  SELECT 2 + 10 * terug, format('{}/{} t/m K{}', sj, sj + 1, k), make_date(sj, 8, 1), tot, NULL
  FROM (SELECT *, CASE WHEN k = 3 THEN kalenderjaar ELSE kalenderjaar - CASE WHEN k = 4 THEN 0 ELSE 1 END END AS sj FROM kwartalen)
)
SELECT p.jaar, p.schooljaar, p.van, p.tot, p.peildatum, g.gebiedsniveau, g.gebied,
  p.tot + INTERVAL 6 WEEK > (SELECT extractdatum FROM extract_meta) AS voorlopig
FROM perioden p
CROSS JOIN (
  SELECT 'gemeente' AS gebiedsniveau, gemeentecode AS gebied FROM report_gemeenten
  UNION
  SELECT 'regio', regio FROM report_gemeenten
) g;
