-- The Leerplichttelling form of the verslagjaar: one row per gemeente × item × onderwijssoort bucket (plus
-- 'totaal'), from the UNSUPPRESSED indicator store: this form goes to DUO and the college, not the public.
-- An item without a figure is 0 (nobody counted). Items and their order: telling_items (pipeline/reports/telling.ts).
CREATE OR REPLACE TABLE telling_formulier AS
WITH buckets(volgorde, onderwijssoort) AS (
  VALUES (1, 'PO'), (2, 'SO/VSO'), (3, 'VO'), (4, 'MBO'), (5, 'overig'), (6, 'geen onderwijs'), (7, NULL)
)
SELECT
  g.gemeentecode, g.naam AS gemeentenaam, j.schooljaar,
  i.volgorde AS item_volgorde, i.item, c.label AS omschrijving,
  b.volgorde AS bucket_volgorde, coalesce(b.onderwijssoort, 'totaal') AS onderwijssoort,
  CAST(coalesce(s.waarde, 0) AS BIGINT) AS waarde
FROM report_gemeenten g
CROSS JOIN (SELECT schooljaar FROM int_schooljaren WHERE is_verslagjaar) j
CROSS JOIN telling_items i
JOIN indicator_catalog c ON c.code = i.item
CROSS JOIN buckets b
LEFT JOIN indicator_store s
  ON s.indicator = i.item AND s.schooljaar = j.schooljaar AND s.gebiedsniveau = 'gemeente'
 AND s.gebied = g.gemeentecode AND s.onderwijssoort IS NOT DISTINCT FROM b.onderwijssoort
 AND s.leeftijd IS NULL AND s.soort IS NULL AND s.artikel IS NULL AND s.reden IS NULL AND s.status IS NULL;
