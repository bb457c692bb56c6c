-- The schooljaren a build computes: the verslagjaar ($laatste_jaar/$laatste_jaar+1) and the years before it
-- back to $eerste_jaar, for trends. All three time frames of indicators.md are explicit columns:
--   schooljaar / RMC-verslagperiode  [1 August t, 1 August t+1)
--   VSV-teljaar                      [1 October t, 1 October t+1)
-- plus the peildatum (parameter MM-DD, default 10-01). The summer holidays not counted as absoluut verzuim
-- are in int_zomervakanties.
-- `compleet`: the period has ended by the extract date; figures of an incomplete period are not computed.
-- Grain: one row per schooljaar the build computes.
CREATE OR REPLACE TABLE int_schooljaren AS
WITH p AS (
  SELECT
    CAST(split_part($peildatum, '-', 1) AS INTEGER) AS peil_m,
    CAST(split_part($peildatum, '-', 2) AS INTEGER) AS peil_d
), j AS (
  SELECT CAST(range AS INTEGER) AS jaar FROM range(CAST($eerste_jaar AS BIGINT), CAST($laatste_jaar AS BIGINT) + 1)
)
SELECT
  format('{}/{}', jaar, jaar + 1)                                       AS schooljaar,
  jaar,
  make_date(jaar, 8, 1)                                                 AS van,
  make_date(jaar + 1, 8, 1)                                             AS tot,
  make_date(CASE WHEN peil_m >= 8 THEN jaar ELSE jaar + 1 END, peil_m, peil_d) AS peildatum,
  make_date(jaar, 10, 1)                                                AS teljaar_van,
  make_date(jaar + 1, 10, 1)                                            AS teljaar_tot,
  jaar = $laatste_jaar                                                  AS is_verslagjaar,
  make_date(jaar + 1, 8, 1) <= (SELECT extractdatum FROM extract_meta)  AS compleet,
  make_date(jaar + 1, 10, 1) <= (SELECT extractdatum FROM extract_meta) AS teljaar_compleet
FROM j, p;
