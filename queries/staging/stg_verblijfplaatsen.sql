-- Staging view over the validated extract table `verblijfplaatsen` (BRP address history; tot NULL = still running).
-- 1:1 with the input contract; the loader has already typed, validated and age-filtered src_verblijfplaatsen.
CREATE OR REPLACE VIEW stg_verblijfplaatsen AS
SELECT
  bsn, gemeentecode, van, tot
FROM src_verblijfplaatsen;
