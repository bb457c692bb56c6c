-- RMC: rmc_trajecten per completed verslagperiode [1 August t, 1 August t+1) in which they ran
-- (van < periode_tot and tot empty or after periode_van). One row per traject and period.
--   gemeentecode  woongemeente at the end of the traject's part of the period (its last day when it closed in
--                 the period, else 31 July t+1); if the person no longer lived in a report gemeente then
--                 (e.g. resultaat VERHUISD), the last report gemeente they lived in during that part. A traject
--                 whose person lived in no report gemeente during the period is not counted.
--   bereikt       eerste_contact set and before the end of the period
--   gesloten      closed in the period: its last day (tot - 1) falls in the period, i.e. periode_van < tot <=
--                 periode_tot (so every closed traject is also a running one)
CREATE OR REPLACE TABLE int_rmc_trajecten AS
WITH lopend AS (
  SELECT
    j.jaar, r.traject_id, r.bsn, r.doelgroep, r.resultaat,
    r.eerste_contact IS NOT NULL AND r.eerste_contact < j.periode_tot AS bereikt,
    r.tot IS NOT NULL AND r.tot <= j.periode_tot AS gesloten,
    greatest(r.van, j.periode_van) AS deel_van,
    least(r.tot, j.periode_tot) AS deel_tot
  FROM int_rmc_perioden j
  JOIN stg_rmc_trajecten r ON r.van < j.periode_tot AND (r.tot IS NULL OR r.tot > j.periode_van)
  WHERE j.tijdvak = 'verslagperiode'
)
SELECT
  t.jaar, t.traject_id, t.bsn, t.doelgroep, t.resultaat, t.bereikt, t.gesloten,
  arg_max(w.gemeentecode, w.van) AS gemeentecode
FROM lopend t
JOIN int_rmc_woonperiodes w
  ON w.bsn = t.bsn
 AND w.van < greatest(t.deel_tot, t.deel_van + 1)  -- a traject closed on its opening day still has that day
 AND (w.tot IS NULL OR w.tot > t.deel_van)
GROUP BY ALL;
