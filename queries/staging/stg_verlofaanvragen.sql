-- Staging view over the validated extract table `verlofaanvragen` (verlofaanvragen).
-- 1:1 with the input contract; the loader has already typed, validated and age-filtered src_verlofaanvragen.
CREATE OR REPLACE VIEW stg_verlofaanvragen AS
SELECT
  aanvraag_id, bsn, artikel, dagen, beslisser, besluit, datum_aanvraag, datum_besluit, bezwaar
FROM src_verlofaanvragen;
