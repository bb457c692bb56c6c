-- Zaakacties (interventions) with the person of their zaak, for actions dated in a schooljaar of the build and
-- of persons resident in a report gemeente on the action's date (event date = zaakacties.datum): woongemeente
-- and onderwijssoort bucket on that date.
-- Grain: one row per zaakactie counted (dated in a schooljaar of the build, person resident in a report gemeente).
CREATE OR REPLACE TABLE int_zaakacties AS
WITH a AS (
  SELECT a.actie_id, a.zaak_id, a.soort, a.datum, z.bsn, s.jaar
  FROM stg_zaakacties a
  JOIN stg_zaken z USING (zaak_id)
  JOIN int_schooljaren s ON s.jaar = int_schooljaar(a.datum)
), w AS (
  SELECT * FROM int_woongemeente_op('a')
)
SELECT * FROM int_onderwijssoort_op('w');
