-- ingeschreven(p, d) as periods: enrollments other than HO merged into maximal continuous periods per person
-- (overlapping and adjacent enrollments merge: a move from school A to school B on the same day is one
-- period). An open enrollment runs up to the extract date (int_extract). pid: see int_woonperiodes.
-- Grain: one row per person (pid) and maximal continuous enrollment period.
CREATE OR REPLACE TABLE int_inschrijfperioden AS
WITH i AS (
  SELECT CAST(i.bsn AS INTEGER) AS pid, i.van, coalesce(i.tot, x.open_tot) AS tot
  FROM stg_inschrijvingen i CROSS JOIN int_extract x
  WHERE i.onderwijssoort <> 'HO'
)
SELECT * FROM int_perioden_samenvoegen('i');
