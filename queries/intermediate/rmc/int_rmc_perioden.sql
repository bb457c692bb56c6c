-- RMC: the periods RMC figures are computed for, one row per time frame and year (indicators.md, "Time frames").
--   vsv-teljaar     [1 October t, 1 October t+1)  new vsv'ers (RMC-VSV-*) and JIKP
--   verslagperiode  [1 August t, 1 August t+1)    everything else of the RMC effectrapportage
-- Only periods that have ended by the extract date are listed (int_schooljaren.teljaar_compleet / compleet):
-- a figure of a period that has not ended is not computed ("nog niet beschikbaar"). Every int_rmc_* model
-- takes its years from here, so this is the one place that rule lives.
CREATE OR REPLACE TABLE int_rmc_perioden AS
SELECT 'vsv-teljaar' AS tijdvak, jaar, schooljaar, teljaar_van AS periode_van, teljaar_tot AS periode_tot
FROM int_schooljaren
WHERE teljaar_compleet
UNION ALL
SELECT 'verslagperiode' AS tijdvak, jaar, schooljaar, van AS periode_van, tot AS periode_tot
FROM int_schooljaren
WHERE compleet;
