-- Staging view over the validated extract table `verzuimmeldingen` (verzuimmeldingen).
-- 1:1 with the input contract; the loader has already typed, validated and age-filtered src_verzuimmeldingen.
CREATE OR REPLACE VIEW stg_verzuimmeldingen AS
SELECT
  melding_id, bsn, brin, soort, datum_melding, verzuim_van, verzuim_tot, uren, status,
  reden_afsluiting, datum_afsluiting
FROM src_verzuimmeldingen;
