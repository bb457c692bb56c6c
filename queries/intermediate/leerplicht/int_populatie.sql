-- The leerplicht population on the peildatum of every schooljaar (JV-POP-*, the noemer of JV-*-1000), as
-- counts: persons in_beeld on int_schooljaren.peildatum per woongemeente, plicht (LP/KP), leeftijd and
-- onderwijssoort bucket on that date (event date = peildatum). Leeftijd: completed years (int_leeftijd).
-- A person is in one gemeente on one date, so sums over gemeenten are distinct persons.
-- (~2 million persons a year nationally: the few peildata are unnested instead of range-joined, the lookup runs
-- on the integer pid, passed as bsn, and the region code is added after counting.)
-- Grain: one row per schooljaar, gemeente, plicht, leeftijd and onderwijssoort bucket (a count).
CREATE OR REPLACE TABLE int_populatie AS
WITH peildata AS (
  SELECT list({'jaar': jaar, 'datum': peildatum}) AS lijst FROM int_schooljaren
), peil AS (
  SELECT b.pid AS bsn, u.p.jaar AS jaar, u.p.datum AS datum, b.gemeentecode, b.plicht,
    int_leeftijd(b.geboortedatum, u.p.datum) AS leeftijd
  FROM int_in_beeld b, peildata, unnest(peildata.lijst) AS u(p)
  WHERE b.van <= u.p.datum AND b.tot > u.p.datum
), met_bucket AS (
  SELECT * FROM int_onderwijssoort_op('peil')
), telling AS (
  SELECT jaar, gemeentecode, plicht, leeftijd, onderwijssoort, count(*) AS personen
  FROM met_bucket
  GROUP BY ALL
)
SELECT t.jaar, t.gemeentecode, g.regio, t.plicht, t.leeftijd, t.onderwijssoort, t.personen
FROM telling t JOIN report_gemeenten g USING (gemeentecode);
