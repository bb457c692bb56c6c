-- Verzuimmeldingen as counted by every leerplicht indicator: withdrawn meldingen (status INGETROKKEN) never
-- count and are left out here, once. Adds the absence period's effective end `verzuim_eind`: verzuim_tot,
-- else datum_afsluiting for a closed melding (a closed melding is no longer running), else the extract date
-- (open period); and `langer_dan_3m`: the absence [verzuim_van, verzuim_eind) is longer than 3 months.
-- Grain: one row per verzuimmelding that is not withdrawn.
CREATE OR REPLACE TABLE int_verzuimmeldingen AS
WITH m AS (
  SELECT m.*,
    coalesce(m.verzuim_tot, CASE WHEN m.status = 'AFGESLOTEN' THEN m.datum_afsluiting END, x.open_tot) AS verzuim_eind
  FROM stg_verzuimmeldingen m CROSS JOIN int_extract x
  WHERE m.status <> 'INGETROKKEN'
)
SELECT *, verzuim_eind > verzuim_van + INTERVAL 3 MONTH AS langer_dan_3m FROM m;
