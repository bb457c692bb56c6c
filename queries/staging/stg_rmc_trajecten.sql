-- Staging view over the validated extract table `rmc_trajecten` (RMC trajecten).
-- 1:1 with the input contract; the loader has already typed, validated and age-filtered src_rmc_trajecten.
CREATE OR REPLACE VIEW stg_rmc_trajecten AS
SELECT
  traject_id, bsn, doelgroep, van, eerste_contact, tot, resultaat
FROM src_rmc_trajecten;
