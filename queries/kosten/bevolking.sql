-- Population keys of `leerplicht kosten`: inhabitants per gemeente on $peildatum (1 January of the year
-- before the budget year), by the age bands of the allocation keys:
--   leeftijd_5_22  perceel 1 (inhabitants "5 up to 23"), leeftijd_5_17 perceel 2 ("5 up to 18"),
--   leeftijd_18_22 perceel 3 ("18 up to 23"), leeftijd_16_22 the old RMC formatie guideline.
-- A person counts for the gemeente of the verblijfplaats covering the peildatum ([van, tot), tot NULL =
-- still running), when born on or before it and not deceased on or before it. Age = completed years.
-- Gemeenten with nobody in a band get 0 for it; gemeenten without any resident are not listed.
WITH bewoners AS (
  SELECT
    v.gemeentecode,
    date_part('year', CAST($peildatum AS DATE)) - date_part('year', p.geboortedatum)
      - CASE WHEN strftime(p.geboortedatum, '%m-%d') > strftime(CAST($peildatum AS DATE), '%m-%d') THEN 1 ELSE 0 END AS leeftijd
  FROM stg_personen p
  JOIN stg_verblijfplaatsen v
    ON v.bsn = p.bsn
   AND v.van <= CAST($peildatum AS DATE)
   AND (v.tot IS NULL OR v.tot > CAST($peildatum AS DATE))
  WHERE p.geboortedatum <= CAST($peildatum AS DATE)
    AND (p.overlijdensdatum IS NULL OR p.overlijdensdatum > CAST($peildatum AS DATE))
)
SELECT
  gemeentecode,
  count(*) FILTER (WHERE leeftijd BETWEEN 5 AND 22) AS leeftijd_5_22,
  count(*) FILTER (WHERE leeftijd BETWEEN 5 AND 17) AS leeftijd_5_17,
  count(*) FILTER (WHERE leeftijd BETWEEN 18 AND 22) AS leeftijd_18_22,
  count(*) FILTER (WHERE leeftijd BETWEEN 16 AND 22) AS leeftijd_16_22
FROM bewoners
GROUP BY gemeentecode
ORDER BY gemeentecode
