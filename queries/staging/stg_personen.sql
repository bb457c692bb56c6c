-- Staging view over the validated extract table `personen` (BRP persons).
-- 1:1 with the input contract; the loader has already typed, validated and age-filtered src_personen.
CREATE OR REPLACE VIEW stg_personen AS
SELECT
  bsn, geboortedatum, geslacht, overlijdensdatum
FROM src_personen;
