-- Table macro: like int_woongemeente_op, but keeps only rows whose person is in_beeld on `datum` (alive,
-- resident in a report gemeente, leer- or kwalificatieplichtig; int_in_beeld). Adds `gemeentecode`, `regio`
-- and `plicht` ('LP' leerplichtig, 'KP' kwalificatieplichtig) on that date.
-- Grain: table macro: one row per row of `tbl` whose person is in beeld on its `datum`.
CREATE OR REPLACE MACRO int_in_beeld_op(tbl) AS TABLE
SELECT e.*, b.gemeentecode, b.regio, b.plicht
FROM query_table(tbl) e
JOIN int_in_beeld b ON b.pid = CAST(e.bsn AS INTEGER) AND e.datum >= b.van AND e.datum < b.tot;
