-- RMC: enrollments that count as `ingeschreven` (every onderwijssoort except HO), with the flags the RMC
-- cohorts need:
--   vsv_bron   funded (scholen.bekostigd) VO, MBO or VAVO: the starting population of new vsv'ers
--   jikp_bron  VO niveau PRO or VMBO_B, any VSO, or MBO niveau 1: jongeren in kwetsbare positie (JIKP)
--   mbo_niveau 1..4 for MBO, else NULL
-- Grain: one row per enrollment other than HO (a view).
CREATE OR REPLACE VIEW int_rmc_inschrijvingen AS
SELECT
  i.bsn,
  i.van,
  i.tot,
  i.onderwijssoort,
  i.niveau,
  coalesce(s.bekostigd, false) AND i.onderwijssoort IN ('VO', 'MBO', 'VAVO') AS vsv_bron,
  coalesce(
    (i.onderwijssoort = 'VO' AND i.niveau IN ('PRO', 'VMBO_B'))
      OR i.onderwijssoort = 'VSO'
      OR (i.onderwijssoort = 'MBO' AND i.niveau = '1'),
    false) AS jikp_bron,
  CASE WHEN i.onderwijssoort = 'MBO' THEN TRY_CAST(i.niveau AS INTEGER) END AS mbo_niveau
FROM stg_inschrijvingen i
LEFT JOIN stg_scholen s USING (brin)
WHERE i.onderwijssoort <> 'HO';
