-- RMC: every counted unit of the RMC effectrapportage in one long view, one block per indicator family.
-- int_rmc_tellingen aggregates it per gemeente / RMC region / config region; the files in
-- queries/indicators/rmc/ name the figures.
--   familie     indicator family (see int_rmc_tellingen for its time frame and categories)
--   jaar        t of the period (int_rmc_perioden)
--   gemeentecode  the report gemeente the unit is counted for
--   categorie   the breakdown value (doelgroep, resultaat, JIKP status), NULL if the family has none
--   eenheid     what is counted: bsn (persons), traject_id or melding_id. Occurs at most once per familie and
--               jaar: each source model has one row per person / traject / melding and year (a person's
--               residence periods do not overlap, so each is counted for exactly one gemeente); tested.
--   bsn         the person (for distinct-person counts)
--   in_teller   belongs to the numerator (new vsv'er of the starting population, bereikt traject)
CREATE OR REPLACE VIEW int_rmc_feiten AS
-- RMC-VSV-NIEUW / RMC-VSV-PCT: starting population 12..21 with funded VO/MBO/VAVO on 1 October t; new vsv'er
-- when on 1 October t+1 not ingeschreven, no startkwalificatie, alive and resident in the Netherlands.
SELECT 'VSV' AS familie, jaar, gemeentecode, CAST(NULL AS VARCHAR) AS categorie, bsn AS eenheid, bsn,
  NOT ingeschreven_t1 AND NOT startkwalificatie_t1 AND in_nederland_t1 AS in_teller
FROM int_rmc_teljaar
WHERE vsv_start AND leeftijd BETWEEN 12 AND 21
UNION ALL
-- RMC-JIKP: JIKP cohort 16..22 on 1 October t, followed to 1 October t+1 (persons who died or left the country
-- are not followed). An MBO 2 enrollment ranks above MBO 1, both above other education.
SELECT 'JIKP', jaar, gemeentecode,
  CASE
    WHEN mbo_niveau_t1 = 2 THEN 'MBO2'
    WHEN mbo_niveau_t1 = 1 THEN 'MBO1'
    WHEN ingeschreven_t1 THEN 'ANDER_ONDERWIJS'
    WHEN startkwalificatie_t1 THEN 'UITGESTROOMD_MET_SK'
    ELSE 'UITGESTROOMD_ZONDER_SK'
  END,
  bsn, bsn, false
FROM int_rmc_teljaar
WHERE jikp_start AND leeftijd BETWEEN 16 AND 22 AND in_nederland_t1
UNION ALL
SELECT 'OUD_VSV', jaar, gemeentecode, NULL, bsn, bsn, false
FROM int_rmc_oud_vsv
UNION ALL
-- RMC-TRAJECTEN / RMC-BEREIKT(-PCT): trajecten running in the period, by doelgroep.
SELECT 'TRAJECT', jaar, gemeentecode, doelgroep, traject_id, bsn, bereikt
FROM int_rmc_trajecten
UNION ALL
-- RMC-RESULTAAT: trajecten closed in the period, by resultaat.
SELECT 'RESULTAAT', jaar, gemeentecode, resultaat, traject_id, bsn, false
FROM int_rmc_trajecten
WHERE gesloten
UNION ALL
-- RMC-TERUGGELEID: vsv trajecten closed in the period with a return to education, by doelgroep.
SELECT 'TERUGGELEID', jaar, gemeentecode, doelgroep, traject_id, bsn, false
FROM int_rmc_trajecten
WHERE gesloten
  AND doelgroep IN ('NIEUW_VSV', 'OUD_VSV')
  AND resultaat IN ('ONDERWIJS', 'WERK_MET_OPLEIDING', 'STARTKWALIFICATIE')
UNION ALL
SELECT '18PLUS', jaar, gemeentecode, NULL, melding_id, bsn, false
FROM int_rmc_18plus;
