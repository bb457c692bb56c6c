-- Langdurig relatief verzuim per schooljaar (LT-LRV-*, JV-THUIS): one row per LRV melding (not withdrawn)
-- and schooljaar its absence [verzuim_van, verzuim_eind) overlaps, for persons in_beeld on the event date.
--   datum                the event date: the first day of the absence within the schooljaar
--                        (1 August for an absence running on 1 August, else verzuim_van); woongemeente and
--                        onderwijssoort bucket are taken on this date
--   loopt_op_1_augustus  verzuim_van before 1 August and the absence still running on 1 August (LT-LRV-START)
--   nieuw                verzuim_van falls in the schooljaar (LT-LRV-NIEUW)
--   langer_dan_3m        the whole absence is longer than 3 months (LT-LRV-3M, JV-THUIS duur)
CREATE OR REPLACE TABLE int_lrv_jaar AS
WITH stukken AS (
  SELECT m.melding_id, m.bsn, s.jaar,
    greatest(m.verzuim_van, s.van) AS datum,
    m.verzuim_van < s.van          AS loopt_op_1_augustus,
    m.verzuim_van >= s.van         AS nieuw,
    m.langer_dan_3m
  FROM int_verzuimmeldingen m
  JOIN int_schooljaren s ON m.verzuim_van < s.tot AND m.verzuim_eind > s.van
  WHERE m.soort = 'LRV'
), in_beeld AS (
  SELECT * FROM int_in_beeld_op('stukken')
)
SELECT * FROM int_onderwijssoort_op('in_beeld');
