-- RMC: the counts of int_rmc_feiten per family, period and area, in one pass (GROUPING SETS), each also per
-- category where the family has one:
--   gemeente   each report gemeente
--   rmc_regio  report_gemeenten.rmc_regio: counted over the region's gemeenten at once (a person who moved
--              between two of its gemeenten is one person), never a sum of gemeente figures
--   regio      the configuration's region, only when it is not one RMC region (some gemeenten in another RMC
--              region or without one); otherwise it would repeat the rmc_regio rows
-- Every report gemeente gets a row per family, completed year and category, zero when nothing was counted
-- (zero is published). Columns:
--   aantal         units (eenheid)              aantal_teller  of which in_teller
--   personen       distinct persons (bsn)
-- An eenheid occurs once per family and year (int_rmc_feiten), so counting rows counts distinct units at every
-- level. Only where a unit is not a person (trajecten, meldingen) can one person occur in several rows, possibly
-- in several gemeenten: there `personen` is a distinct count. (DISTINCT over every family would cost minutes
-- at national scale for nothing.)
-- The time frame of each family lives here (and in the int_rmc_* model the family reads).
-- Grain: one row per family, year, area and category (GROUPING SETS; category NULL = all).
CREATE OR REPLACE TABLE int_rmc_tellingen AS
WITH families(familie, tijdvak, eenheid_is_persoon, categorieen) AS (
  VALUES
    ('VSV',         'vsv-teljaar',    true,  CAST([] AS VARCHAR[])),
    ('JIKP',        'vsv-teljaar',    true,  ['MBO1', 'MBO2', 'ANDER_ONDERWIJS', 'UITGESTROOMD_MET_SK', 'UITGESTROOMD_ZONDER_SK']),
    ('OUD_VSV',     'verslagperiode', true,  CAST([] AS VARCHAR[])),
    ('TRAJECT',     'verslagperiode', false, ['NIEUW_VSV', 'OUD_VSV', 'JIKP', 'VERZUIM_18_PLUS']),
    ('RESULTAAT',   'verslagperiode', false, ['ONDERWIJS', 'WERK_MET_OPLEIDING', 'WERK', 'ZORG', 'STARTKWALIFICATIE',
                                              'LEEFTIJD', 'VERHUISD', 'NIET_BEREIKBAAR', 'GEEN_HULP_GEWENST', 'OVERIG']),
    ('TERUGGELEID', 'verslagperiode', false, ['NIEUW_VSV', 'OUD_VSV']),
    ('18PLUS',      'verslagperiode', false, CAST([] AS VARCHAR[]))
), nul_rijen AS (
  -- one empty unit per family × computed year × report gemeente × (total and each category): makes every
  -- group exist, counts ignore the NULL eenheid/bsn
  SELECT f.familie, j.jaar, g.gemeentecode, unnest(f.categorieen || [NULL]) AS categorie,
    CAST(NULL AS VARCHAR) AS eenheid, CAST(NULL AS INTEGER) AS bsn, false AS in_teller
  FROM families f
  JOIN int_rmc_perioden j USING (tijdvak)
  CROSS JOIN report_gemeenten g
), eenheden AS (
  SELECT familie, jaar, gemeentecode, categorie, eenheid, bsn, in_teller FROM int_rmc_feiten
  UNION ALL
  SELECT * FROM nul_rijen
), per_gemeente AS (
  -- counted per gemeente first (the sets below add these counts up), keeping the person only where the unit is
  -- not one (for the distinct count of persons): the sets then group ~0.5 million rows instead of ~5.5 million
  SELECT e.familie, e.jaar, e.gemeentecode, e.categorie,
    CASE WHEN NOT f.eenheid_is_persoon THEN e.bsn END AS bsn,
    count(e.eenheid) AS aantal,
    count(e.eenheid) FILTER (WHERE e.in_teller) AS aantal_teller
  FROM eenheden e
  JOIN families f USING (familie)
  GROUP BY ALL
), geteld AS (
  SELECT
    e.familie, e.jaar, e.categorie,
    CASE WHEN grouping(g.gemeentecode) = 0 THEN 'gemeente'
         WHEN grouping(g.rmc_regio) = 0 THEN 'rmc_regio'
         ELSE 'regio' END AS gebiedsniveau,
    CASE WHEN grouping(g.gemeentecode) = 0 THEN g.gemeentecode
         WHEN grouping(g.rmc_regio) = 0 THEN g.rmc_regio
         ELSE g.regio END AS gebied,
    grouping(e.categorie) = 1 AS is_totaal,
    CAST(sum(e.aantal) AS BIGINT) AS aantal,
    CAST(sum(e.aantal_teller) AS BIGINT) AS aantal_teller,
    count(DISTINCT e.bsn) AS personen_niet_eenheid
  FROM per_gemeente e
  JOIN report_gemeenten g USING (gemeentecode)
  GROUP BY e.familie, e.jaar, GROUPING SETS ((g.gemeentecode), (g.rmc_regio), (g.regio)), GROUPING SETS ((), (e.categorie))
), regio_apart AS (
  SELECT count(DISTINCT rmc_regio) <> 1 OR bool_or(rmc_regio IS NULL) AS ja FROM report_gemeenten
)
SELECT
  t.familie, f.tijdvak, t.jaar, j.schooljaar, j.periode_van, j.periode_tot,
  t.gebiedsniveau, t.gebied, t.categorie, t.aantal, t.aantal_teller,
  CASE WHEN f.eenheid_is_persoon THEN t.aantal ELSE t.personen_niet_eenheid END AS personen
FROM geteld t
JOIN families f USING (familie)
JOIN int_rmc_perioden j ON j.tijdvak = f.tijdvak AND j.jaar = t.jaar
WHERE (t.is_totaal OR t.categorie IS NOT NULL)   -- the per-category set of a family without categories
  AND t.gebied IS NOT NULL                       -- gemeenten without an RMC region
  AND (t.gebiedsniveau <> 'regio' OR (SELECT ja FROM regio_apart));
