-- Consistency check (stops the build): one figure, one value. Where two indicators describe the same
-- persons (the kerncijfers, the chapters, the Leerplichttelling and the RMC report of one gemeente and
-- year all read them), they must agree:
--   - a rate's teller is the count it is a rate of (JV-AV-1000 and LT-AV-TOT, JV-RV-1000 and LT-RV-TOT,
--     RMC-VSV-PCT and RMC-VSV-NIEUW, RMC-BEREIKT-PCT and RMC-BEREIKT, whose noemer is RMC-TRAJECTEN);
--   - "leerlingen met luxeverzuim" (LT-LUXE) is the luxeverzuim row of "leerlingen met een verzuimmelding"
--     (JV-RV-LEERLINGEN).
WITH paren(a, a_kant, b, b_soort) AS (
  VALUES ('JV-AV-1000', 'teller', 'LT-AV-TOT', NULL), ('JV-RV-1000', 'teller', 'LT-RV-TOT', NULL),
         ('RMC-VSV-PCT', 'teller', 'RMC-VSV-NIEUW', NULL), ('RMC-BEREIKT-PCT', 'teller', 'RMC-BEREIKT', NULL),
         ('RMC-BEREIKT-PCT', 'noemer', 'RMC-TRAJECTEN', NULL), ('LT-LUXE', 'waarde', 'JV-RV-LEERLINGEN', 'LUXE')
), a AS (
  SELECT p.a, p.a_kant, p.b, p.b_soort, s.schooljaar, s.gebiedsniveau, s.gebied, s.soort,
    CASE p.a_kant WHEN 'teller' THEN CAST(s.teller AS DOUBLE) WHEN 'noemer' THEN CAST(s.noemer AS DOUBLE) ELSE s.waarde END AS v
  FROM paren p JOIN indicator_store s ON s.indicator = p.a
  WHERE s.onderwijssoort IS NULL AND s.leeftijd IS NULL AND s.artikel IS NULL AND s.beslisser IS NULL
    AND s.besluit IS NULL AND s.reden IS NULL AND s.duur IS NULL AND s.status IS NULL
)
SELECT 'zelfde_cijfer' AS controle, a.a AS indicator, a.schooljaar, a.gebied,
  format('{} ({}) is {}, maar {}{} is {}', a.a, a.a_kant, a.v, a.b, coalesce(' ' || a.b_soort, ''), b.waarde) AS toelichting
FROM a
JOIN indicator_store b ON b.indicator = a.b AND b.schooljaar = a.schooljaar AND b.gebiedsniveau = a.gebiedsniveau
  AND b.gebied = a.gebied AND b.soort IS NOT DISTINCT FROM coalesce(a.b_soort, a.soort)
  AND b.onderwijssoort IS NULL AND b.leeftijd IS NULL AND b.artikel IS NULL AND b.beslisser IS NULL
  AND b.besluit IS NULL AND b.reden IS NULL AND b.duur IS NULL AND b.status IS NULL
WHERE a.v IS DISTINCT FROM b.waarde AND NOT (a.v IS NULL AND b.waarde = 0)
