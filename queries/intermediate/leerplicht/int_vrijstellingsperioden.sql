-- vrijgesteld(p, d) as periods: every TOEGEKEND vrijstelling with artikel 5A, 5B, 5C, 5A_TREKKEND or 15, and the
-- vervangende leerplicht 3A/3B (these meet the obligation), one row per vrijstelling with its decision dates.
-- An open vrijstelling runs up to the extract date (int_extract).
CREATE OR REPLACE TABLE int_vrijstellingsperioden AS
SELECT v.vrijstelling_id, CAST(v.bsn AS INTEGER) AS pid, v.bsn, v.artikel, v.datum_aanvraag, v.datum_besluit, v.van,
  coalesce(v.tot, x.open_tot) AS tot
FROM stg_vrijstellingen v CROSS JOIN int_extract x
WHERE v.besluit = 'TOEGEKEND'
  AND v.artikel IN ('5A', '5B', '5C', '5A_TREKKEND', '15', '3A', '3B')
  AND v.van IS NOT NULL
  AND coalesce(v.tot, x.open_tot) > v.van;
