-- Table macro that turns an indicator family's results into indicator_store rows, so every leerplicht
-- indicator file ends the same way:   SELECT * FROM int_indicator_uitvoer('resultaten', 'cellen')
-- It is int_uitvoer over the schooljaren of the build (int_rapport_gebieden); the kwartaal indicators use
-- int_uitvoer over the periods of the quarter (int_kwartaal_gebieden, same columns).
--
-- resultaten: the computed figures, columns indicator, jaar, gebiedsniveau, gebied, any of the breakdown
--   columns (store_dimensies(), pipeline/store.ts; NULL = total over the dimension; missing columns are NULL)
--   and waarde, optionally teller, noemer.
-- cellen: the cells each indicator must have in every period and gebied of `gebieden`:
--   indicator, the breakdown values, eenheid, optionally periode ('schooljaar', the default, or 'peildatum';
--   a 'peildatum' indicator has no cells in a period without a peildatum).
--   A cell without a result is published as empty: waarde 0 for counts; for a median (eenheid dagen) waarde
--   NULL and teller 0; for a rate (per_1000, procent) waarde NULL, teller 0, noemer 0; per fte: NULL, teller 0.
-- Results of incomplete schooljaren are dropped; results outside the listed cells are kept (never lost), but
-- every indicator code needs at least one cel (its eenheid comes from there).
-- Grain: table macro: one row per indicator cell (indicator, schooljaar, gebied, breakdown cell), as indicator_store.
CREATE OR REPLACE MACRO int_uitvoer(resultaten, cellen, gebieden) AS TABLE
WITH leeg AS (
  SELECT * FROM indicator_uitvoer_leeg()  -- the store's columns, typed (pipeline/store.ts)
), r AS (
  SELECT *, row(*COLUMNS(d -> list_contains(store_dimensies(), d))) AS cel  -- the breakdown cell, NULLs equal
  FROM (SELECT * FROM leeg UNION ALL BY NAME SELECT * FROM query_table(resultaten))
), c AS (
  SELECT *, row(*COLUMNS(d -> list_contains(store_dimensies(), d))) AS cel
  FROM (SELECT * FROM leeg UNION ALL BY NAME SELECT * FROM query_table(cellen))
), per_indicator AS (
  SELECT indicator, any_value(eenheid) AS eenheid, coalesce(any_value(periode), 'schooljaar') AS periode
  FROM c GROUP BY indicator
), raster AS (
  SELECT c.* EXCLUDE (jaar, gebiedsniveau, gebied), g.jaar, g.gebiedsniveau, g.gebied
  FROM c CROSS JOIN query_table(gebieden) g
  WHERE g.peildatum IS NOT NULL OR c.periode IS DISTINCT FROM 'peildatum'
), aangevuld AS (
  SELECT COLUMNS(d -> list_contains(['indicator', 'jaar', 'gebiedsniveau', 'gebied', 'waarde', 'teller', 'noemer'], d)
    OR list_contains(store_dimensies(), d))
  FROM r
  UNION ALL BY NAME
  SELECT COLUMNS(d -> list_contains(['indicator', 'jaar', 'gebiedsniveau', 'gebied'], d) OR list_contains(store_dimensies(), d)),
    CASE WHEN is_ratio(eenheid) THEN NULL ELSE 0 END AS waarde,
    CASE WHEN is_ratio(eenheid) THEN 0 END AS teller,
    CASE WHEN is_rate(eenheid) THEN 0 END AS noemer
  FROM raster x
  WHERE NOT EXISTS (
    SELECT 1 FROM r
    WHERE r.indicator = x.indicator AND r.jaar = x.jaar AND r.gebiedsniveau = x.gebiedsniveau AND r.gebied = x.gebied
      AND r.cel = x.cel)
)
SELECT
  a.indicator,
  g.schooljaar,
  CASE WHEN p.periode = 'peildatum' THEN g.peildatum ELSE g.van END                      AS periode_van,
  CASE WHEN p.periode = 'peildatum' THEN CAST(g.peildatum + 1 AS DATE) ELSE g.tot END  AS periode_tot,
  a.gebiedsniveau, a.gebied,
  COLUMNS(d -> list_contains(store_dimensies(), d)),  -- the breakdowns (only aangevuld has them)
  a.waarde, a.teller, a.noemer,
  p.eenheid  -- NULL (an insert error) for an indicator without cellen: every code must be declared
FROM aangevuld a
JOIN query_table(gebieden) g USING (jaar, gebiedsniveau, gebied)
LEFT JOIN per_indicator p USING (indicator);

CREATE OR REPLACE MACRO int_indicator_uitvoer(resultaten, cellen) AS TABLE
SELECT * FROM int_uitvoer(resultaten, cellen, 'int_rapport_gebieden');
