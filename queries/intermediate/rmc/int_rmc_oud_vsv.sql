-- RMC: oud-vsv'ers per completed verslagperiode [1 August t, 1 August t+1). Measured on the period's last day
-- d = 31 July t+1 (the "end date"; 1 August itself would count everyone whose enrollment ends with the school
-- year as a school-leaver): persons aged 18..22 on d, living in a report gemeente on d (counted there), not
-- `ingeschreven` on d and without a startkwalificatie obtained on or before d.
-- Grain: one row per completed verslagperiode and oud-vsv'er.
CREATE OR REPLACE TABLE int_rmc_oud_vsv AS
WITH jaren AS (
  SELECT jaar, CAST(periode_tot - INTERVAL 1 DAY AS DATE) AS d
  FROM int_rmc_perioden
  WHERE tijdvak = 'verslagperiode'
), leeftijd AS (
  -- aged 18..22 on d, as a birth-date range; the few periods are unnested and filtered rather than
  -- range-joined (a merge join over all persons cost more; date_sub in the join condition was a nested loop)
  SELECT u.j.jaar AS jaar, u.j.d AS d, p.bsn
  FROM stg_personen p,
    (SELECT list({'jaar': jaar, 'd': d, 'geboren_na': CAST(d - INTERVAL 23 YEAR AS DATE),
                  'geboren_uiterlijk': CAST(d - INTERVAL 18 YEAR AS DATE)}) AS lijst FROM jaren) l,
    unnest(l.lijst) AS u(j)
  WHERE p.geboortedatum > u.j.geboren_na AND p.geboortedatum <= u.j.geboren_uiterlijk
)
SELECT l.jaar, l.bsn, w.gemeentecode
FROM leeftijd l
JOIN int_rmc_woonperiodes w ON w.bsn = l.bsn AND w.van <= l.d AND coalesce(w.tot, DATE 'infinity') > l.d
LEFT JOIN int_rmc_startkwalificatie sk ON sk.bsn = l.bsn AND sk.datum <= l.d
WHERE sk.bsn IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM int_rmc_inschrijvingen i
    WHERE i.bsn = l.bsn AND i.van <= l.d AND coalesce(i.tot, DATE 'infinity') > l.d);
