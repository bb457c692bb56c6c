-- Staging view over the validated extract table `inschrijvingen` (enrollments; tot NULL = still enrolled).
-- 1:1 with the input contract; the loader has already typed, validated and age-filtered src_inschrijvingen.
CREATE OR REPLACE VIEW stg_inschrijvingen AS
SELECT
  inschrijving_id, bsn, brin, onderwijssoort, niveau, van, tot
FROM src_inschrijvingen;
