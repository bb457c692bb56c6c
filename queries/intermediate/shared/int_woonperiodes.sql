-- Woonperiodes: the BRP verblijfplaatsen of each person, clipped to the person's life
-- [geboortedatum, overlijdensdatum) and with an open period running up to the extract date (int_extract).
-- `in_rapport`: the gemeente is one of the report's gemeenten (report_gemeenten); `regio` is then the
-- report's region code. Periods of one person never overlap (the loader rejects overlaps), so at most one
-- period covers a date: woongemeente(p, d).
-- `pid` is the bsn as an integer (9 digits, so it fits): the join key of the int_* models, because joins,
-- sorts and windows on an integer are markedly faster than on text at national scale. It never leaves the
-- model (like the bsn itself).
-- Grain: one row per verblijfplaats period of a person (clipped to the person's life).
CREATE OR REPLACE TABLE int_woonperiodes AS
SELECT
  CAST(v.bsn AS INTEGER)                                                          AS pid,
  v.bsn,
  v.gemeentecode,
  greatest(v.van, p.geboortedatum)                                                AS van,
  least(coalesce(v.tot, x.open_tot), coalesce(p.overlijdensdatum, x.open_tot))    AS tot,
  g.gemeentecode IS NOT NULL                                                      AS in_rapport,
  g.regio
FROM stg_verblijfplaatsen v
JOIN stg_personen p USING (bsn)
CROSS JOIN int_extract x
LEFT JOIN report_gemeenten g ON g.gemeentecode = v.gemeentecode
WHERE least(coalesce(v.tot, x.open_tot), coalesce(p.overlijdensdatum, x.open_tot)) > greatest(v.van, p.geboortedatum);
