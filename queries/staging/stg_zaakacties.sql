-- Staging view over the validated extract table `zaakacties` (interventions within a case).
-- 1:1 with the input contract; the loader has already typed, validated and age-filtered src_zaakacties.
CREATE OR REPLACE VIEW stg_zaakacties AS
SELECT
  actie_id, zaak_id, datum, soort
FROM src_zaakacties;
