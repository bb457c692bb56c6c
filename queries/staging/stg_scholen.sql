-- Staging view over the validated extract table `scholen` (schools).
-- 1:1 with the input contract; the loader has already typed, validated and age-filtered src_scholen.
CREATE OR REPLACE VIEW stg_scholen AS
SELECT
  brin, naam, gemeentecode, bekostigd
FROM src_scholen;
