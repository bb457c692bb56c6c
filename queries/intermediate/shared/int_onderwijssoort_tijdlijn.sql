-- The onderwijssoort bucket of every person as a timeline of non-overlapping periods [van, tot) without gaps,
-- from the first enrollment on (the last period is open: tot 9999-12-31), so that one lookup on (bsn, date)
-- gives the bucket rule of indicators.md: "the enrollment at the event date, else the last one before it, else
-- geen onderwijs" (use int_onderwijssoort_op, never this table directly).
-- * All enrollments count here, HO included (bucket 'overig', int_onderwijssoort_buckets).
-- * Several enrollments covering the same date (a school change with overlap, VO plus VAVO): the one that
--   started last decides; equal start dates: the highest inschrijving_id.
-- * Between and after enrollments the bucket of the last enrollment before the date carries on. Before the
--   first enrollment there is no period: 'geen onderwijs'.
-- Persons whose enrollments do not overlap (nearly all) take a fast path: enrollment i decides from its start
-- up to the start of the next one. Only persons with overlapping enrollments go through the general
-- construction (elementary periods between all start and end dates). Keyed by pid (int_woonperiodes).
-- Grain: one row per person (pid) and period with one bucket.
CREATE OR REPLACE TABLE int_onderwijssoort_tijdlijn AS
WITH g AS (
  -- one global sort by (pid, van) is cheaper than a window partitioned into millions of persons
  SELECT CAST(i.bsn AS INTEGER) AS pid, i.van, coalesce(i.tot, DATE '9999-12-31') AS tot, b.bucket,
    lead(i.van) OVER (ORDER BY pid, i.van)             AS lead_van,
    lead(CAST(i.bsn AS INTEGER)) OVER (ORDER BY pid, i.van) AS lead_pid
  FROM stg_inschrijvingen i
  JOIN int_onderwijssoort_buckets b ON b.onderwijssoort = i.onderwijssoort
  WHERE coalesce(i.tot, DATE '9999-12-31') > i.van
), i AS (
  SELECT pid, van, tot, bucket,
    CASE WHEN lead_pid = pid THEN lead_van ELSE DATE '9999-12-31' END AS volgende_van
  FROM g
), overlappend AS (
  -- in start order, two enrollments overlap somewhere iff some enrollment ends after the next one starts
  SELECT DISTINCT pid FROM i WHERE tot > volgende_van
), eenvoudig AS (
  SELECT i.pid, i.van, i.volgende_van AS tot, i.bucket
  FROM i ANTI JOIN overlappend o ON o.pid = i.pid
), ov AS (
  SELECT o.pid, i.inschrijving_id, i.van, coalesce(i.tot, DATE '9999-12-31') AS tot, b.bucket
  FROM stg_inschrijvingen i
  JOIN int_onderwijssoort_buckets b ON b.onderwijssoort = i.onderwijssoort
  JOIN overlappend o ON o.pid = CAST(i.bsn AS INTEGER)
  WHERE coalesce(i.tot, DATE '9999-12-31') > i.van
), grenzen AS (
  SELECT pid, van AS d FROM ov
  UNION
  SELECT pid, tot FROM ov WHERE tot < DATE '9999-12-31'
), segmenten AS (
  SELECT pid, d AS van, lead(d, 1, DATE '9999-12-31') OVER (PARTITION BY pid ORDER BY d) AS tot FROM grenzen
), gedekt AS (
  SELECT s.pid, s.van, s.tot, arg_max(ov.bucket, (ov.van, ov.inschrijving_id)) AS bucket
  FROM segmenten s
  LEFT JOIN ov ON ov.pid = s.pid AND ov.van <= s.van AND s.van < ov.tot
  GROUP BY s.pid, s.van, s.tot
), algemeen AS (
  SELECT pid, van, tot,
    last_value(bucket IGNORE NULLS) OVER (PARTITION BY pid ORDER BY van ROWS UNBOUNDED PRECEDING) AS bucket
  FROM gedekt
)
SELECT pid, van, tot, bucket FROM eenvoudig
UNION ALL
SELECT pid, van, tot, bucket FROM algemeen;
