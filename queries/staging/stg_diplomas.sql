-- Staging view over the validated extract table `diplomas` (diplomas).
-- 1:1 with the input contract; the loader has already typed, validated and age-filtered src_diplomas.
CREATE OR REPLACE VIEW stg_diplomas AS
SELECT
  bsn, soort, datum,
  soort IN ('MBO2', 'MBO3', 'MBO4', 'HAVO', 'VWO') AS is_startkwalificatie
FROM src_diplomas;
