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
-- The cohort (enrollments on d0) is found first and grouped by person (bsn, an integer since the load); the
-- enrollments on d1 are then looked up for cohort members only, in one LEFT JOIN grouped by person (a join and a
-- second join back to the cohort cost more). Residence periods of a person do not overlap (loader rule), so the
-- residence joins on d0 and d1 match at most one period each.
CREATE OR REPLACE TABLE int_rmc_teljaar AS
WITH jaren AS (
  SELECT jaar, periode_van AS d0, periode_tot AS d1 FROM int_rmc_perioden WHERE tijdvak = 'vsv-teljaar'
), inschrijving AS (
  SELECT bsn, van, coalesce(tot, DATE 'infinity') AS tot, vsv_bron, jikp_bron, mbo_niveau
  FROM int_rmc_inschrijvingen
), cohort AS (
  -- ingeschreven on d0 in a VSV- or JIKP-relevant enrollment
  SELECT j.jaar, i.bsn, any_value(j.d0) AS d0, any_value(j.d1) AS d1,
    bool_or(i.vsv_bron) AS vsv_start, bool_or(i.jikp_bron) AS jikp_start
  FROM inschrijving i
  JOIN jaren j ON i.van <= j.d0 AND i.tot > j.d0
  WHERE i.vsv_bron OR i.jikp_bron
  GROUP BY j.jaar, i.bsn
), op_d1 AS (
  -- with the cohort's enrollments on d1 (any onderwijssoort but HO)
  SELECT c.jaar, c.bsn, any_value(c.d0) AS d0, any_value(c.d1) AS d1,
    any_value(c.vsv_start) AS vsv_start, any_value(c.jikp_start) AS jikp_start,
    count(i.bsn) > 0 AS ingeschreven_t1, max(i.mbo_niveau) AS mbo_niveau_t1
  FROM cohort c
  LEFT JOIN inschrijving i ON i.bsn = c.bsn AND i.van <= c.d1 AND i.tot > c.d1
  GROUP BY c.jaar, c.bsn
)
SELECT
  s.jaar,
  s.bsn,
  w.gemeentecode,
  date_sub('year', p.geboortedatum, s.d0) AS leeftijd,
  s.vsv_start,
  s.jikp_start,
  s.ingeschreven_t1,
  s.mbo_niveau_t1,
  coalesce(sk.datum <= s.d1, false) AS startkwalificatie_t1,
  coalesce(v1.gemeentecode <> '1999', false)
    AND (p.overlijdensdatum IS NULL OR p.overlijdensdatum > s.d1) AS in_nederland_t1
FROM op_d1 s
JOIN int_rmc_woonperiodes w
  ON w.bsn = s.bsn AND w.van <= s.d0 AND coalesce(w.tot, DATE 'infinity') > s.d0
JOIN stg_personen p ON p.bsn = s.bsn
LEFT JOIN int_rmc_startkwalificatie sk ON sk.bsn = s.bsn
LEFT JOIN stg_verblijfplaatsen v1
  ON v1.bsn = s.bsn AND v1.van <= s.d1 AND coalesce(v1.tot, DATE 'infinity') > s.d1;
