-- Curatieve meldingen: the cases a leerplichtambtenaar has to act on, the measure of the caseload (Ingrado's
-- norm: 135 a year per fte leerplichtambtenaar), as the formatie norm of `leerplicht kosten` counts them
-- (queries/kosten/curatieve_meldingen.sql):
--   * a verzuimmelding of soort 16_UUR, LRV, LUXE or OVERIG, not INGETROKKEN and not TER_KENNISGEVING
--     (SIGNAAL is preventive work, 18_PLUS is RMC work), dated datum_melding;
--   * an ABSOLUUT verzuim zaak that did not start from a verzuimmelding (absoluut verzuim is found by the office
--     itself, not reported by a school), dated at its opening.
-- For persons resident in a gemeente whose leerplicht execution is regional (variant 'inhoudelijk') on that
-- date; gemeentecode and regio as int_woongemeente_op.
-- Grain: one row per curatieve melding (or zaak).
CREATE OR REPLACE TABLE int_curatieve_meldingen AS
WITH gevallen AS (
  SELECT m.bsn, m.datum_melding AS datum
  FROM stg_verzuimmeldingen m
  WHERE m.soort IN ('16_UUR', 'LRV', 'LUXE', 'OVERIG') AND m.status NOT IN ('INGETROKKEN', 'TER_KENNISGEVING')
  UNION ALL
  SELECT z.bsn, z.van
  FROM stg_zaken z
  WHERE z.soort = 'ABSOLUUT' AND z.melding_id IS NULL
)
SELECT c.*
FROM int_woongemeente_op('gevallen') c
JOIN report_gemeenten g USING (gemeentecode)
WHERE g.variant = 'inhoudelijk';
