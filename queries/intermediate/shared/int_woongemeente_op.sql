-- Table macro: the woongemeente principle for events. For each row of the given relation (columns bsn and
-- datum) whose person lives in a gemeente of the report on `datum`, the row plus `gemeentecode` (woongemeente
-- on that date) and `regio` (the report's region code). Rows of persons not resident in a report gemeente on
-- `datum` are dropped: they count for no gemeente and not for the region. (Periods of one person never overlap,
-- so at most one matches; a hash join on bsn with a range condition, see int_onderwijssoort_op.)
-- Grain: table macro: one row per row of `tbl` whose person lives in a report gemeente on its `datum`.
CREATE OR REPLACE MACRO int_woongemeente_op(tbl) AS TABLE
SELECT e.*, w.gemeentecode, w.regio
FROM query_table(tbl) e
JOIN int_woonperiodes w ON w.pid = CAST(e.bsn AS INTEGER) AND e.datum >= w.van AND e.datum < w.tot
WHERE w.in_rapport;
