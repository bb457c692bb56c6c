-- THE onderwijssoort bucket rule, as a table macro over (bsn, datum): returns every row of the given relation
-- (a table, view or CTE name with columns bsn and datum; bsn may also be the integer pid of int_woonperiodes)
-- plus column `onderwijssoort`: the bucket (PO, SO/VSO,
-- VO, MBO, overig, geen onderwijs) of the enrollment covering `datum`, else of the last enrollment before it,
-- else 'geen onderwijs' (int_onderwijssoort_tijdlijn). Every leerplicht indicator and every other report that
-- splits by onderwijssoort uses this macro, so all share one rule:
--   WITH ev AS (SELECT bsn, datum_melding AS datum, ... FROM ...) SELECT * FROM int_onderwijssoort_op('ev')
-- Which date is `datum` (the deciding event) is stated per indicator in its file.
-- The timeline's periods of one person do not overlap and run on without gaps from the first enrollment, so
-- this is an as-of lookup; it is written as a hash join on bsn with a range condition, which DuckDB runs
-- faster than an ASOF JOIN at national scale (no sort of the timeline per call).
-- Grain: table macro: one row per row of `tbl`.
CREATE OR REPLACE MACRO int_onderwijssoort_op(tbl) AS TABLE
SELECT
  e.*,
  coalesce(t.bucket, (SELECT bucket FROM int_onderwijssoort_buckets WHERE onderwijssoort IS NULL)) AS onderwijssoort
FROM query_table(tbl) e
LEFT JOIN int_onderwijssoort_tijdlijn t ON t.pid = CAST(e.bsn AS INTEGER) AND e.datum >= t.van AND e.datum < t.tot;
