-- RMC: 18+ verzuimmeldingen (soort 18_PLUS, not INGETROKKEN) per completed verslagperiode
-- [1 August t, 1 August t+1), by datum_melding; counted for the woongemeente on datum_melding (a melding of a
-- person not living in a report gemeente that day is not counted).
-- Grain: one row per counted 18+ verzuimmelding, with its verslagperiode and woongemeente.
CREATE OR REPLACE TABLE int_rmc_18plus AS
SELECT j.jaar, m.melding_id, m.bsn, w.gemeentecode
FROM int_rmc_perioden j
JOIN stg_verzuimmeldingen m
  ON m.soort = '18_PLUS' AND m.status <> 'INGETROKKEN'
 AND m.datum_melding >= j.periode_van AND m.datum_melding < j.periode_tot
JOIN int_rmc_woonperiodes w
  ON w.bsn = m.bsn AND w.van <= m.datum_melding AND (w.tot IS NULL OR w.tot > m.datum_melding)
WHERE j.tijdvak = 'verslagperiode';
