-- Table macro: a per-1,000 figure over the leerplicht population (int_populatie_noemer). `tellers` is a relation
-- with columns jaar, gebiedsniveau, gebied, teller (distinct persons); `code` the indicator code. Returns one
-- row per schooljaar and gebied with a population or a teller: waarde = 1000 × teller / noemer (NULL when the
-- noemer is 0), teller, noemer.
-- Grain: table macro: one row per schooljaar and gebied with a population or a teller.
CREATE OR REPLACE MACRO int_per_1000(tellers, code) AS TABLE
SELECT
  code                                         AS indicator,
  coalesce(n.jaar, t.jaar)                     AS jaar,
  coalesce(n.gebiedsniveau, t.gebiedsniveau)   AS gebiedsniveau,
  coalesce(n.gebied, t.gebied)                 AS gebied,
  CASE WHEN n.noemer > 0 THEN 1000.0 * coalesce(t.teller, 0) / n.noemer END AS waarde,
  coalesce(t.teller, 0)                        AS teller,
  coalesce(n.noemer, 0)                        AS noemer
FROM int_populatie_noemer n
FULL JOIN query_table(tellers) t
  ON t.jaar = n.jaar AND t.gebiedsniveau = n.gebiedsniveau AND t.gebied = n.gebied;
