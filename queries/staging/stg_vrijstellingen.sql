-- Staging view over the validated extract table `vrijstellingen` (vrijstellingen).
-- 1:1 with the input contract; the loader has already typed, validated and age-filtered src_vrijstellingen.
CREATE OR REPLACE VIEW stg_vrijstellingen AS
SELECT
  vrijstelling_id, bsn, artikel, datum_aanvraag, besluit, datum_besluit, van, tot
FROM src_vrijstellingen;
