-- The public dataset of a build, once, in its published order (one row per published figure): every CSV,
-- Parquet and Excel file of the build is a slice of this table. `volgorde` is the row's place in that order
-- (not written to the files). The columns are a published interface (pipeline/export/dataset.ts,
-- EXPORT_COLUMNS); the order is: indicator, schooljaar, area, then each breakdown with the total first.
CREATE OR REPLACE TABLE dataset AS
WITH d AS (
  SELECT
    p.indicator, c.label, c.rapport, p.schooljaar, p.periode_van, p.periode_tot,
    p.gebiedsniveau, p.gebied AS gebiedscode,
    coalesce(g.naam, CASE WHEN p.gebiedsniveau = 'regio' THEN (SELECT naam FROM report_regio) ELSE r.rmc_regio_naam END) AS gebiedsnaam,
    CASE WHEN p.gebiedsniveau = 'gemeente' THEN p.gebied END AS gemeentecode,
    CASE WHEN p.gebiedsniveau = 'gemeente' THEN g.naam END AS gemeentenaam,
    (SELECT code FROM report_regio) AS regio,
    p.onderwijssoort, p.leeftijd, p.soort, p.artikel, p.beslisser, p.besluit, p.reden, p.duur, p.status,
    p.waarde, p.teller, p.noemer, p.eenheid, p.onderdrukt, p.reden_onderdrukking
  FROM public_indicators p
  JOIN indicator_catalog c ON c.code = p.indicator
  LEFT JOIN report_gemeenten g ON p.gebiedsniveau = 'gemeente' AND g.gemeentecode = p.gebied
  LEFT JOIN (SELECT DISTINCT rmc_regio, rmc_regio_naam FROM report_gemeenten) r ON p.gebiedsniveau = 'rmc_regio' AND r.rmc_regio = p.gebied
)
SELECT *, row_number() OVER (ORDER BY indicator, schooljaar, gebiedsniveau, gebiedscode, onderwijssoort NULLS FIRST,
  leeftijd NULLS FIRST, soort NULLS FIRST, artikel NULLS FIRST, beslisser NULLS FIRST, besluit NULLS FIRST,
  reden NULLS FIRST, duur NULLS FIRST, status NULLS FIRST) AS volgorde
FROM d;
