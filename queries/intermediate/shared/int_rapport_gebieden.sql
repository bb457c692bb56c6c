-- The cells every indicator is reported for: each complete schooljaar of the build (int_schooljaren.compleet)
-- times each gemeente of the report and the region as a whole (gebiedsniveau 'gemeente' / 'regio').
-- Grain: one row per complete schooljaar and gebied (each gemeente and the region).
CREATE OR REPLACE TABLE int_rapport_gebieden AS
SELECT s.jaar, s.schooljaar, s.van, s.tot, s.peildatum, g.gebiedsniveau, g.gebied
FROM int_schooljaren s
CROSS JOIN (
  SELECT 'gemeente' AS gebiedsniveau, gemeentecode AS gebied FROM report_gemeenten
  UNION
  SELECT 'regio', regio FROM report_gemeenten
) g
WHERE s.compleet;
