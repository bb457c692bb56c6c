-- Caseload of the formatie norm (Ingrado workload variant): curatieve meldingen per gemeente in the
-- twelve months before the population peildatum, [$van, $tot).
-- A curatieve melding is a case the leerplichtambtenaar has to act on:
--   * a verzuimmelding of soort 16_UUR, LRV, LUXE or OVERIG made (datum_melding) in the period, not
--     INGETROKKEN and not TER_KENNISGEVING (SIGNAAL is preventive work, 18_PLUS is RMC work);
--   * an ABSOLUUT verzuim zaak opened (van) in the period that did not start from a verzuimmelding
--     (absoluut verzuim is found by the office itself, not reported by a school).
-- Counted for the woongemeente: the gemeente of the verblijfplaats covering the date of the melding or
-- the opening of the zaak. Cases of persons without a verblijfplaats on that date are not counted.
WITH gevallen AS (
  SELECT m.bsn, m.datum_melding AS datum
  FROM stg_verzuimmeldingen m
  WHERE m.soort IN ('16_UUR', 'LRV', 'LUXE', 'OVERIG')
    AND m.status NOT IN ('INGETROKKEN', 'TER_KENNISGEVING')
    AND m.datum_melding >= CAST($van AS DATE) AND m.datum_melding < CAST($tot AS DATE)
  UNION ALL
  SELECT z.bsn, z.van AS datum
  FROM stg_zaken z
  WHERE z.soort = 'ABSOLUUT' AND z.melding_id IS NULL
    AND z.van >= CAST($van AS DATE) AND z.van < CAST($tot AS DATE)
)
SELECT v.gemeentecode, count(*) AS meldingen
FROM gevallen g
JOIN stg_verblijfplaatsen v
  ON v.bsn = g.bsn AND v.van <= g.datum AND (v.tot IS NULL OR v.tot > g.datum)
GROUP BY v.gemeentecode
ORDER BY v.gemeentecode
