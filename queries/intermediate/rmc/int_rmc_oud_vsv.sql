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
  -- aged 18..22 on d, as a birth-date range (a range join; date_sub in the join condition was a nested loop)
  SELECT j.jaar, j.d, p.bsn
  FROM jaren j
  JOIN stg_personen p ON p.geboortedatum > CAST(j.d - INTERVAL 23 YEAR AS DATE)
                     AND p.geboortedatum <= CAST(j.d - INTERVAL 18 YEAR AS DATE)
)
SELECT l.jaar, l.bsn, w.gemeentecode
FROM leeftijd l
JOIN int_rmc_woonperiodes w ON w.bsn = l.bsn AND w.van <= l.d AND coalesce(w.tot, DATE 'infinity') > l.d
LEFT JOIN int_rmc_startkwalificatie sk ON sk.bsn = l.bsn AND sk.datum <= l.d
WHERE sk.bsn IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM int_rmc_inschrijvingen i
    WHERE i.bsn = l.bsn AND i.van <= l.d AND coalesce(i.tot, DATE 'infinity') > l.d);
