-- Staging view over the validated extract table `verblijfplaatsen` (BRP address history; tot NULL = still running).
-- 1:1 with the input contract (the loader has already typed, validated and age-filtered src_verblijfplaatsen),
-- except that a gemeentecode that no longer existed at the end of the report's schooljaar is replaced by the
-- gemeente it became part of (ref_herindeling, pipeline/herindelingen.ts): every year, trend years included,
-- is shown in the gemeentelijke indeling of the report year, as CBS does.
-- (A caller that runs only the staging layer, without the model's indeling, gets an empty mapping.)
CREATE TABLE IF NOT EXISTS ref_herindeling (oud VARCHAR PRIMARY KEY, nieuw VARCHAR NOT NULL);
CREATE OR REPLACE VIEW stg_verblijfplaatsen AS
SELECT
  v.bsn, coalesce(h.nieuw, v.gemeentecode) AS gemeentecode, v.van, v.tot
FROM src_verblijfplaatsen v
LEFT JOIN ref_herindeling h ON h.oud = v.gemeentecode;
