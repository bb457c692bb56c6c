-- The extract date and the one convention for open periods (indicators.md: "an open period runs up to the
-- extract date"): an empty `tot` is read as running up to and including the extract date, so it becomes
-- `open_tot` = the day after the extract date (half-open). Every int_* model that closes open periods uses
-- this column, never its own constant.
-- Grain: one row (the extract).
CREATE OR REPLACE TABLE int_extract AS
SELECT extractdatum, CAST(extractdatum + 1 AS DATE) AS open_tot
FROM extract_meta;
