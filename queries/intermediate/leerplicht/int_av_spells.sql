-- Absoluut verzuim spells (indicators.md LT-AV-*), with interval logic only (never a row per person per day):
--   spell = maximal period with in_beeld ∧ ¬ingeschreven ∧ ¬vrijgesteld
--         = (int_in_beeld merged over gemeenten and LP/KP) minus (int_inschrijfperioden ∪ int_vrijstellingsperioden)
-- Open periods run up to the extract date (int_extract), so a running spell ends there. For speed the interval
-- algebra runs only for persons with an in_beeld period that no coverage period covers entirely.
-- Summer holiday days (int_zomervakanties) do not count: a spell's telbare dagen exclude them, a spell of
-- summer days only is no spell, and a spell that starts in the summer counts from the first day after it.
-- A spell qualifies when it has at least $av_min_dagen telbare dagen (the summer inside a spell does not break
-- it: the absence is continuous).
--
-- Grain: one row per qualifying spell and schooljaar of int_schooljaren in which it has a telbare dag.
--   datum            the spell's first telbare dag within that schooljaar (its first telbare dag overall when
--                    it starts in the year). THE event date: woongemeente (gemeentecode) and onderwijssoort
--                    bucket are taken on this date.
--   langer_dan_3m    spell_tot > spell_eerste_telbare_dag + 3 months (the whole spell, also outside the year)
--   door_dekking     the spell ended because an enrollment or vrijstelling started (not by a move out of
--                    the report's gemeenten, the end of the plicht, death or the extract date)
--   opgelost_in_jaar door_dekking and the spell ended before the end of that schooljaar
CREATE OR REPLACE TABLE int_av_spells AS
WITH vrij_pid AS (
  SELECT DISTINCT pid FROM int_vrijstellingsperioden
), dekking_vrij_ruw AS (
  SELECT i.pid, i.van, i.tot FROM int_inschrijfperioden i SEMI JOIN vrij_pid v ON v.pid = i.pid
  UNION ALL
  SELECT pid, van, tot FROM int_vrijstellingsperioden
), dekking AS (
  -- merged coverage: the enrollment periods as they are (already merged) for persons without a vrijstelling,
  -- enrollments and vrijstellingen merged together for the others
  SELECT i.pid, i.van, i.tot FROM int_inschrijfperioden i ANTI JOIN vrij_pid v ON v.pid = i.pid
  UNION ALL
  SELECT * FROM int_perioden_samenvoegen('dekking_vrij_ruw')
), kandidaten AS (
  -- persons with an in_beeld period that no single coverage period covers entirely: only they can have a spell
  -- (coverage is merged, so "covered by one period" is "covered"); everything below runs for them only
  SELECT DISTINCT b.pid FROM int_in_beeld b
  ANTI JOIN dekking d ON d.pid = b.pid AND d.van <= b.van AND d.tot >= b.tot
), beeld_ruw AS (
  SELECT b.pid, b.van, b.tot FROM int_in_beeld b SEMI JOIN kandidaten k ON k.pid = b.pid
), beeld AS (
  SELECT * FROM int_perioden_samenvoegen('beeld_ruw')
), dekking_k AS (
  SELECT d.* FROM dekking d SEMI JOIN kandidaten k ON k.pid = d.pid
), ongedekt AS (
  -- complement of the coverage per person: before the first, between and after the covered periods
  SELECT pid, lag(tot, 1, DATE '0001-01-01') OVER (PARTITION BY pid ORDER BY van) AS van, van AS tot FROM dekking_k
  UNION ALL
  SELECT pid, max(tot), DATE '9999-12-31' FROM dekking_k GROUP BY pid
  UNION ALL
  SELECT k.pid, DATE '0001-01-01', DATE '9999-12-31' FROM kandidaten k ANTI JOIN dekking_k d ON d.pid = k.pid
), spells AS (
  SELECT b.pid, greatest(b.van, o.van) AS van, least(b.tot, o.tot) AS tot, o.tot <= b.tot AS door_dekking
  FROM beeld b
  JOIN ongedekt o ON o.pid = b.pid AND o.van < b.tot AND o.tot > b.van
), spells_geteld AS (
  SELECT * FROM int_telbare_dagen('spells')
), kwalificerend AS (
  SELECT pid, van AS spell_van, tot AS spell_tot, door_dekking,
    telbare_dagen AS spell_telbare_dagen, eerste_telbare_dag AS spell_eerste_telbare_dag
  FROM spells_geteld
  WHERE telbare_dagen >= $av_min_dagen
), stukken AS (
  SELECT k.*, s.jaar, s.tot AS jaar_tot, greatest(k.spell_van, s.van) AS van, least(k.spell_tot, s.tot) AS tot
  FROM kwalificerend k
  JOIN int_schooljaren s ON s.van < k.spell_tot AND s.tot > k.spell_van
), stukken_geteld AS (
  SELECT * FROM int_telbare_dagen('stukken')
), gebeurtenissen AS (
  SELECT
    lpad(CAST(pid AS VARCHAR), 9, '0') AS bsn, jaar,
    spell_van, spell_tot, spell_telbare_dagen, spell_eerste_telbare_dag, door_dekking,
    van, tot, telbare_dagen, eerste_telbare_dag AS datum,
    spell_tot > spell_eerste_telbare_dag + INTERVAL 3 MONTH AS langer_dan_3m,
    door_dekking AND spell_tot < jaar_tot                  AS opgelost_in_jaar
  FROM stukken_geteld
  WHERE telbare_dagen > 0
), in_gemeente AS (
  SELECT * FROM int_in_beeld_op('gebeurtenissen')
)
SELECT * FROM int_onderwijssoort_op('in_gemeente');
