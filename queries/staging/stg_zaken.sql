-- Staging view over the validated extract table `zaken` (case files).
-- 1:1 with the input contract; the loader has already typed, validated and age-filtered src_zaken.
CREATE OR REPLACE VIEW stg_zaken AS
SELECT
  zaak_id, bsn, soort, melding_id, van, tot
FROM src_zaken;
