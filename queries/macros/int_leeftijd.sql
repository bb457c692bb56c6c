-- Scalar macro: age in completed years of a person born on `geb`, on date `d`; the birthday rule of
-- int_leerplicht_perioden (`geb + INTERVAL n YEAR`: someone born on 29 February has their birthday on
-- 28 February in a year without 29 February). Integer arithmetic: cheaper than date_sub on millions of rows.
-- Grain: scalar macro (one value per call).
CREATE OR REPLACE MACRO int_leeftijd(geb, d) AS
  year(d) - year(geb) - CASE
    WHEN month(d) * 100 + day(d) >= month(geb) * 100 + day(geb) THEN 0
    WHEN month(geb) = 2 AND day(geb) = 29 AND month(d) = 2 AND day(d) = 28
      AND NOT (year(d) % 4 = 0 AND (year(d) % 100 <> 0 OR year(d) % 400 = 0)) THEN 0
    ELSE 1
  END;
