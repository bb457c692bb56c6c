-- Consistency check (stops the build): a part is never more than its whole. For every count in the store
-- (persons, meldingen, acties, zaken, aanvragen, trajecten): each breakdown cell is at most the cell with
-- that one dimension left open (e.g. thuiszitters > 3 months <= all thuiszitters, luxeverzuim in VO <= all
-- luxeverzuim), and a gemeente's figure is at most the region's (persons are counted once in the region;
-- not for LT-AV-OPGELOST, which looks at a person's last spell: in one gemeente that spell may be solved
-- while the person's last spell in the region is not).
-- One row per violation: controle, indicator, schooljaar, gebied, toelichting.
WITH tellingen AS (
  SELECT * FROM store_cellen() WHERE is_count(eenheid)
)
SELECT 'deel_van_geheel' AS controle, d.indicator, d.schooljaar, d.gebied,
  format('{} {} ({} {}) is {}, meer dan het totaal over {} ({})', d.indicator, d.gebied, d.dim, d.cel[d.i],
    d.waarde, d.dim, g.waarde) AS toelichting
FROM store_delen() d
JOIN tellingen g ON g.indicator = d.indicator AND g.schooljaar = d.schooljaar
  AND g.gebiedsniveau = d.gebiedsniveau AND g.gebied = d.gebied AND g.cel = d.totaal_cel
WHERE d.waarde > g.waarde
UNION ALL
SELECT 'gemeente_in_regio', g.indicator, g.schooljaar, g.gebied,
  format('{} is in gemeente {} {}, meer dan in de regio ({})', g.indicator, g.gebied, g.waarde, r.waarde)
FROM tellingen g
JOIN tellingen r ON r.gebiedsniveau = 'regio' AND r.indicator = g.indicator AND r.schooljaar = g.schooljaar AND r.cel = g.cel
WHERE g.gebiedsniveau = 'gemeente' AND g.waarde > r.waarde AND g.indicator <> 'LT-AV-OPGELOST'
