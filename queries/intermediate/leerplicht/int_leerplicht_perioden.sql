-- Leerplicht and kwalificatieplicht per person (indicators.md, Predicates), one row per person:
--   leerplichtig         [lp_van, lp_tot): from the 1st of the month after the 5th birthday up to 1 August after
--                        the 31 July of the schooljaar in which the person turns 16
--   kwalificatieplichtig [kp_van, kp_tot): from the end of leerplicht up to min(18th birthday, first
--                        startkwalificatie, death)
-- Both end at death (alive is part of in_beeld); an empty period has tot <= van (a startkwalificatie obtained
-- before leerplicht ends leaves an empty KP period; a startkwalificatie does not end leerplicht).
-- The 5th birthday falls in the birth month, so LP starts on the 1st of the month after the birth month five
-- years on; the 16th birthday lies in the schooljaar ending on 31 July of (birth year + 16) when born before
-- August, else one year later. The 18th birthday is `geboortedatum + INTERVAL 18 YEAR` (born on 29 February:
-- 28 February in other years; int_leeftijd uses the same rule).
-- Edge cases: 5th birthday on 1 March or on 31 March → LP from 1 April. 16th birthday on 31 July 2024 →
-- schooljaar 2023/2024 → LP until 1 August 2024; on 1 August 2024 → schooljaar 2024/2025 → LP until 1 August 2025.
-- Keyed by pid, the bsn as an integer (int_woonperiodes).
CREATE OR REPLACE TABLE int_leerplicht_perioden AS
WITH sk AS (
  SELECT CAST(bsn AS INTEGER) AS pid, min(datum) AS startkwalificatie
  FROM stg_diplomas WHERE is_startkwalificatie GROUP BY ALL
), p AS (
  SELECT
    CAST(p.bsn AS INTEGER) AS pid, p.geboortedatum,
    coalesce(p.overlijdensdatum, DATE '9999-12-31') AS overlijden,
    year(p.geboortedatum) AS j, month(p.geboortedatum) AS m
  FROM stg_personen p
), q AS (
  SELECT p.pid, p.geboortedatum, p.overlijden,
    coalesce(sk.startkwalificatie, DATE '9999-12-31')                  AS startkwalificatie,
    make_date(p.j + 5 + p.m // 12, p.m % 12 + 1, 1)                    AS lp_van,
    make_date(p.j + 16 + CASE WHEN p.m >= 8 THEN 1 ELSE 0 END, 8, 1)   AS einde_lp,
    CAST(p.geboortedatum + INTERVAL 18 YEAR AS DATE)                   AS verjaardag_18
  FROM p LEFT JOIN sk USING (pid)
)
SELECT
  pid, geboortedatum,
  lp_van,
  least(einde_lp, overlijden)                             AS lp_tot,
  einde_lp                                                AS kp_van,
  least(verjaardag_18, startkwalificatie, overlijden)     AS kp_tot
FROM q;
