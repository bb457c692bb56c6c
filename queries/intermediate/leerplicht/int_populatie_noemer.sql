-- The noemer of every per-1,000 leerplicht figure: leer- plus kwalificatieplichtigen resident on the peildatum
-- (int_populatie), per schooljaar, per gemeente and for the region.
-- Grain: one row per schooljaar and gebied (each gemeente and the region).
CREATE OR REPLACE TABLE int_populatie_noemer AS
SELECT
  jaar,
  int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
  coalesce(gemeentecode, regio) AS gebied,
  CAST(sum(personen) AS BIGINT) AS noemer
FROM int_populatie
GROUP BY jaar, GROUPING SETS ((gemeentecode), (regio));
