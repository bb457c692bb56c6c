-- Consistency check (stops the build): a part is never more than its whole. For every count in the store
-- (persons, meldingen, acties, zaken, aanvragen, trajecten): each breakdown cell is at most the cell with
-- that one dimension left open (e.g. thuiszitters > 3 months <= all thuiszitters, luxeverzuim in VO <= all
-- luxeverzuim), and a gemeente's figure is at most the region's (persons are counted once in the region;
-- not for LT-AV-OPGELOST, which looks at a person's last spell: in one gemeente that spell may be solved
-- while the person's last spell in the region is not).
-- One row per violation: controle, indicator, schooljaar, gebied, toelichting.
WITH tellingen AS (
  SELECT * FROM indicator_store
  WHERE eenheid IN ('personen', 'meldingen', 'acties', 'zaken', 'aanvragen', 'trajecten', 'vrijstellingen')
), dims(dim) AS (
  VALUES ('onderwijssoort'), ('leeftijd'), ('soort'), ('artikel'), ('beslisser'), ('besluit'), ('reden'), ('duur'), ('status')
), delen AS (
  SELECT t.*, d.dim FROM tellingen t, dims d
  WHERE CASE d.dim
    WHEN 'onderwijssoort' THEN t.onderwijssoort IS NOT NULL WHEN 'leeftijd' THEN t.leeftijd IS NOT NULL
    WHEN 'soort' THEN t.soort IS NOT NULL WHEN 'artikel' THEN t.artikel IS NOT NULL
    WHEN 'beslisser' THEN t.beslisser IS NOT NULL WHEN 'besluit' THEN t.besluit IS NOT NULL
    WHEN 'reden' THEN t.reden IS NOT NULL WHEN 'duur' THEN t.duur IS NOT NULL WHEN 'status' THEN t.status IS NOT NULL END
)
SELECT 'deel_van_geheel' AS controle, d.indicator, d.schooljaar, d.gebied,
  format('{} {} ({} {}) is {}, meer dan het totaal over {} ({})', d.indicator, d.gebied, d.dim,
    coalesce(CAST(d.onderwijssoort AS VARCHAR), '') || coalesce(CAST(d.leeftijd AS VARCHAR), '') || coalesce(d.soort, '') || coalesce(d.artikel, '')
      || coalesce(d.beslisser, '') || coalesce(d.besluit, '') || coalesce(d.reden, '') || coalesce(d.duur, '') || coalesce(d.status, ''),
    d.waarde, d.dim, g.waarde) AS toelichting
FROM delen d
JOIN tellingen g ON g.indicator = d.indicator AND g.schooljaar = d.schooljaar
  AND g.gebiedsniveau = d.gebiedsniveau AND g.gebied = d.gebied
  AND g.onderwijssoort IS NOT DISTINCT FROM (CASE WHEN d.dim = 'onderwijssoort' THEN NULL ELSE d.onderwijssoort END)
  AND g.leeftijd IS NOT DISTINCT FROM (CASE WHEN d.dim = 'leeftijd' THEN NULL ELSE d.leeftijd END)
  AND g.soort IS NOT DISTINCT FROM (CASE WHEN d.dim = 'soort' THEN NULL ELSE d.soort END)
  AND g.artikel IS NOT DISTINCT FROM (CASE WHEN d.dim = 'artikel' THEN NULL ELSE d.artikel END)
  AND g.beslisser IS NOT DISTINCT FROM (CASE WHEN d.dim = 'beslisser' THEN NULL ELSE d.beslisser END)
  AND g.besluit IS NOT DISTINCT FROM (CASE WHEN d.dim = 'besluit' THEN NULL ELSE d.besluit END)
  AND g.reden IS NOT DISTINCT FROM (CASE WHEN d.dim = 'reden' THEN NULL ELSE d.reden END)
  AND g.duur IS NOT DISTINCT FROM (CASE WHEN d.dim = 'duur' THEN NULL ELSE d.duur END)
  AND g.status IS NOT DISTINCT FROM (CASE WHEN d.dim = 'status' THEN NULL ELSE d.status END)
WHERE d.waarde > g.waarde
UNION ALL
SELECT 'gemeente_in_regio', g.indicator, g.schooljaar, g.gebied,
  format('{} is in gemeente {} {}, meer dan in de regio ({})', g.indicator, g.gebied, g.waarde, r.waarde)
FROM tellingen g
JOIN tellingen r ON r.gebiedsniveau = 'regio' AND r.indicator = g.indicator AND r.schooljaar = g.schooljaar
  AND r.onderwijssoort IS NOT DISTINCT FROM g.onderwijssoort AND r.leeftijd IS NOT DISTINCT FROM g.leeftijd
  AND r.soort IS NOT DISTINCT FROM g.soort AND r.artikel IS NOT DISTINCT FROM g.artikel
  AND r.beslisser IS NOT DISTINCT FROM g.beslisser AND r.besluit IS NOT DISTINCT FROM g.besluit
  AND r.reden IS NOT DISTINCT FROM g.reden AND r.duur IS NOT DISTINCT FROM g.duur AND r.status IS NOT DISTINCT FROM g.status
WHERE g.gebiedsniveau = 'gemeente' AND g.waarde > r.waarde AND g.indicator <> 'LT-AV-OPGELOST'
