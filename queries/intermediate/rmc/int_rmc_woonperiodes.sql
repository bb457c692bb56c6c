-- RMC: residence periods [van, tot) in a gemeente of the report (report_gemeenten), ended at death.
-- woongemeente(p, d) for RMC figures = the gemeentecode of the period covering d; a person with no such period
-- on d (moved out of the report's gemeenten, emigrated, RNI 1999, deceased) is not counted on d.
-- Grain: one row per person and residence period in a report gemeente.
CREATE OR REPLACE TABLE int_rmc_woonperiodes AS
SELECT
  v.bsn,
  v.gemeentecode,
  v.van,
  least(v.tot, p.overlijdensdatum) AS tot
FROM stg_verblijfplaatsen v
JOIN report_gemeenten g USING (gemeentecode)
JOIN stg_personen p USING (bsn)
WHERE p.overlijdensdatum IS NULL OR p.overlijdensdatum > v.van;
