-- The periods of the kwartaalrapportages of a build ($kwartalen: a comma-separated list such as
-- '2025-K1,2025-K2'; NULL when the build makes none, and then this table is empty and every kwartaal
-- indicator has no rows) times the gebieden of the report, in the shape of int_rapport_gebieden so that
-- int_uitvoer can fill the cells of the kwartaal indicators.
-- Grain: one row per period and gebied. For every requested quarter four periods, each keyed by `jaar` (a
-- period key, not a year: year·100 + quarter·10 + 1 for the quarter, + 2 for the schooljaar up to it):
--   the calendar quarter [van, tot), label '2025-K1';
--   the schooljaar up to the quarter's end: [1 August, tot) of the schooljaar that holds the quarter's last
--   day (so K3 2025, July–September, gives [2025-08-01, 2025-10-01)), label '2024/2025 t/m K1';
--   the same two periods one year earlier (the comparison; shared when two requested quarters need them).
-- `peildatum` is the quarter's last day (figures "at the end of the quarter": open cases, absoluut verzuim,
-- thuiszitters); it is NULL for the schooljaar periods, which have no stock figures.
-- `voorlopig`: the extract was taken less than six weeks after the period's end, so meldingen registered
-- late (a school reports after the quarter) may still change the figures.
CREATE OR REPLACE TABLE int_kwartaal_gebieden AS
WITH gevraagd AS (
  SELECT unnest(string_split(CAST($kwartalen AS VARCHAR), ',')) AS label WHERE $kwartalen IS NOT NULL
), k AS (
  SELECT CAST(split_part(label, '-K', 1) AS INTEGER) AS kalenderjaar, CAST(split_part(label, '-K', 2) AS INTEGER) AS k
  FROM gevraagd
), jaren AS (
  SELECT DISTINCT kalenderjaar - terug AS kalenderjaar, k FROM k, (VALUES (0), (1)) AS t(terug)
), kwartalen AS (
  SELECT *,
    make_date(kalenderjaar, 3 * (k - 1) + 1, 1)                                     AS van,
    CAST(make_date(kalenderjaar, 3 * (k - 1) + 1, 1) + INTERVAL 3 MONTH AS DATE)    AS tot
  FROM jaren
), perioden AS (
  SELECT kalenderjaar * 100 + k * 10 + 1 AS jaar, format('{}-K{}', kalenderjaar, k) AS schooljaar, van, tot,
    CAST(tot - 1 AS DATE) AS peildatum
  FROM kwartalen
  UNION ALL
  SELECT kalenderjaar * 100 + k * 10 + 2, format('{}/{} t/m K{}', sj, sj + 1, k), make_date(sj, 8, 1), tot, NULL
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
