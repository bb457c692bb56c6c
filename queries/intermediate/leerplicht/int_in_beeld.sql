-- in_beeld(p, d) as periods: alive, resident in a gemeente of the report, and leer- or kwalificatieplichtig.
-- One row per (person, woonperiode in a report gemeente, plicht) overlap; the rows of one person never
-- overlap, so at most one covers a date (see int_in_beeld_op). A move between two report gemeenten or the
-- change from LP to KP gives adjacent rows (int_av_spells merges them). Keyed by pid (int_woonperiodes).
CREATE OR REPLACE TABLE int_in_beeld AS
SELECT
  w.pid, w.gemeentecode, w.regio, x.plicht, l.geboortedatum,
  greatest(w.van, x.van) AS van,
  least(w.tot, x.tot)    AS tot
FROM int_woonperiodes w
JOIN int_leerplicht_perioden l ON l.pid = w.pid AND l.lp_van < w.tot AND greatest(l.lp_tot, l.kp_tot) > w.van
CROSS JOIN LATERAL (VALUES ('LP', l.lp_van, l.lp_tot), ('KP', l.kp_van, l.kp_tot)) AS x(plicht, van, tot)
WHERE w.in_rapport AND x.tot > x.van AND x.van < w.tot AND x.tot > w.van;
