-- RMC: the VSV-teljaar cohort, shared by RMC-VSV-* and RMC-JIKP. One row per completed teljaar t and person who
-- on 1 October t (d0) lived in a report gemeente and was `ingeschreven` in a VSV- or JIKP-relevant enrollment,
-- with their situation on 1 October t+1 (d1):
--   gemeentecode          woongemeente on d0 (the person is counted there, also if they moved since)
--   leeftijd              age in whole years on d0
--   vsv_start             ingeschreven on d0 in a funded VO/MBO/VAVO school
--   jikp_start            ingeschreven on d0 in VO PRO/VMBO_B, VSO or MBO niveau 1
--   ingeschreven_t1       ingeschreven on d1 (any onderwijssoort but HO)
--   mbo_niveau_t1         highest MBO niveau enrolled in on d1 (NULL: none)
--   startkwalificatie_t1  a startkwalificatie obtained on or before d1
--   in_nederland_t1       alive on d1 and a residence period (any gemeente, not RNI 1999) covers d1
-- The cohort (enrollments on d0) is found first and grouped by the integer person key; the situation on d1 is
-- then looked up for cohort members only. Residence periods of a person do not overlap (loader rule), so the
-- residence joins on d0 and d1 match at most one period each.
CREATE OR REPLACE TABLE int_rmc_teljaar AS
WITH jaren AS (
  SELECT jaar, periode_van AS d0, periode_tot AS d1 FROM int_rmc_perioden WHERE tijdvak = 'vsv-teljaar'
), inschrijving AS (
  SELECT CAST(bsn AS INTEGER) AS pid, bsn, van, coalesce(tot, DATE 'infinity') AS tot, vsv_bron, jikp_bron, mbo_niveau
  FROM int_rmc_inschrijvingen
), cohort AS (
  -- ingeschreven on d0 in a VSV- or JIKP-relevant enrollment
  SELECT j.jaar, i.pid, any_value(i.bsn) AS bsn, any_value(j.d0) AS d0, any_value(j.d1) AS d1,
    bool_or(i.vsv_bron) AS vsv_start, bool_or(i.jikp_bron) AS jikp_start
  FROM inschrijving i
  JOIN jaren j ON i.van <= j.d0 AND i.tot > j.d0
  WHERE i.vsv_bron OR i.jikp_bron
  GROUP BY j.jaar, i.pid
), op_d1 AS (
  -- the cohort's enrollments on d1 (any onderwijssoort but HO)
  SELECT c.jaar, c.pid, max(i.mbo_niveau) AS mbo_niveau_t1
  FROM cohort c
  JOIN inschrijving i ON i.pid = c.pid AND i.van <= c.d1 AND i.tot > c.d1
  GROUP BY c.jaar, c.pid
)
SELECT
  s.jaar,
  s.bsn,
  w.gemeentecode,
  date_sub('year', p.geboortedatum, s.d0) AS leeftijd,
  s.vsv_start,
  s.jikp_start,
  e.pid IS NOT NULL AS ingeschreven_t1,
  e.mbo_niveau_t1,
  coalesce(sk.datum <= s.d1, false) AS startkwalificatie_t1,
  coalesce(v1.gemeentecode <> '1999', false)
    AND (p.overlijdensdatum IS NULL OR p.overlijdensdatum > s.d1) AS in_nederland_t1
FROM cohort s
LEFT JOIN op_d1 e ON e.jaar = s.jaar AND e.pid = s.pid
JOIN int_rmc_woonperiodes w
  ON w.bsn = s.bsn AND w.van <= s.d0 AND coalesce(w.tot, DATE 'infinity') > s.d0
JOIN stg_personen p ON p.bsn = s.bsn
LEFT JOIN int_rmc_startkwalificatie sk ON sk.bsn = s.bsn
LEFT JOIN stg_verblijfplaatsen v1
  ON v1.bsn = s.bsn AND v1.van <= s.d1 AND coalesce(v1.tot, DATE 'infinity') > s.d1;
