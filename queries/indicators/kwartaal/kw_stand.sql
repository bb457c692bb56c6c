-- indicators:
--   - code: KW-ZAKEN-OPEN
--     label: Openstaande zaken aan het eind van het kwartaal
--     eenheid: zaken
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: []
--     dimensies: [soort, duur]
--     definitie: >-
--       Aantal zaken dat aan het eind van het kwartaal openstond (geopend in of voor het kwartaal en na het
--       kwartaal nog open), naar soort zaak en naar hoe lang de zaak op de laatste dag van het kwartaal
--       openstond: ten hoogste drie maanden of langer dan drie maanden. Geteld voor de gemeente waar de
--       jongere op die laatste dag woonde.
--   - code: KW-AV
--     label: Absoluut verzuimers aan het eind van het kwartaal
--     eenheid: personen
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: [av_min_dagen, zomervakantie_van, zomervakantie_tot_en_met]
--     dimensies: []
--     definitie: >-
--       Aantal leer- en kwalificatieplichtigen dat op de laatste dag van het kwartaal bij geen school stond
--       ingeschreven en niet was vrijgesteld (een periode van absoluut verzuim als in de Leerplichttelling,
--       die die dag liep). Geteld voor de gemeente waar de jongere die dag woonde.
--   - code: KW-AV-1000
--     label: Absoluut verzuimers per 1.000 leer- en kwalificatieplichtigen aan het eind van het kwartaal
--     eenheid: per_1000
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: [av_min_dagen, zomervakantie_van, zomervakantie_tot_en_met]
--     teller: KW-AV
--     dimensies: []
--     definitie: >-
--       De absoluut verzuimers aan het eind van het kwartaal per 1.000 leer- en kwalificatieplichtigen die
--       die dag in de gemeente woonden.
--   - code: KW-THUIS
--     label: Thuiszitters aan het eind van het kwartaal
--     eenheid: personen
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: [thuiszitter_definitie, av_min_dagen, zomervakantie_van, zomervakantie_tot_en_met]
--     dimensies: []
--     definitie: >-
--       Aantal leer- en kwalificatieplichtigen dat op de laatste dag van het kwartaal thuiszat: met een
--       lopende melding van langdurig relatief verzuim, en (bij de standaarddefinitie van OCW) de absoluut
--       verzuimers van die dag. Iedere jongere telt één keer.
--   - code: KW-RMC-LOPEND
--     label: Lopende RMC-trajecten aan het eind van het kwartaal
--     eenheid: trajecten
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: []
--     dimensies: [soort]
--     definitie: >-
--       Aantal RMC-trajecten dat aan het eind van het kwartaal liep (geregistreerd in of voor het kwartaal en
--       na het kwartaal nog niet afgesloten), naar doelgroep. Geteld voor de gemeente waar de jongere op de
--       laatste dag van het kwartaal woonde.
--   - code: KW-CASELOAD
--     label: Caseload per fte leerplichtambtenaar
--     eenheid: per_fte
--     tijdvak: kwartaal
--     rapporten: [kwartaal]
--     parameters: []
--     dimensies: []
--     definitie: >-
--       Het aantal curatieve meldingen van de twaalf maanden tot en met het kwartaal, gedeeld door de formatie
--       leerplichtambtenaar (fte) van het bureau; alleen voor de regio en alleen over de gemeenten die de
--       uitvoering van de leerplicht bij het bureau hebben belegd. Curatieve meldingen zijn verzuimmeldingen van
--       de soorten 16 uur, langdurig relatief verzuim, luxeverzuim en overig (niet ingetrokken, niet ter
--       kennisgeving) en zaken van absoluut verzuim die niet uit een melding voortkwamen. De Ingrado-norm
--       is 135 curatieve meldingen per fte per jaar. De teller is het aantal curatieve meldingen.

-- The stock figures, taken on the quarter's last day d (int_kwartaal_gebieden.peildatum; the schooljaar
-- periods have none). Open zaken and running trajecten: opened on or before d and still open after the
-- quarter (tot empty or after d + 1), so a zaak closed in the quarter is never also open at its end.
-- Absoluut verzuim: a spell of int_av_spells running that day (spell_van <= d <
-- spell_tot), counted once per person, for persons in_beeld that day; thuiszitters: that, plus an LRV melding
-- whose absence runs that day (verzuim_van <= d < verzuim_eind, int_verzuimmeldingen). Caseload: the
-- curatieve meldingen (int_curatieve_meldingen) of [d + 1 − 12 months, d + 1), divided by $fte_leerplicht
-- (NULL: no figure).
WITH dagen AS (
  SELECT DISTINCT jaar, peildatum AS datum FROM int_kwartaal_gebieden WHERE peildatum IS NOT NULL
), zaken_open AS (
  SELECT d.jaar, d.datum, z.bsn, z.soort,
    CASE WHEN d.datum > z.van + INTERVAL 3 MONTH THEN '>3m' ELSE '<=3m' END AS duur
  FROM stg_zaken z JOIN dagen d ON z.van <= d.datum AND (z.tot IS NULL OR z.tot > d.datum + 1)
), zaken_gemeente AS (
  SELECT * FROM int_woongemeente_op('zaken_open')
), av AS (
  SELECT DISTINCT d.jaar, d.datum, s.bsn
  FROM int_av_spells s JOIN dagen d ON s.spell_van <= d.datum AND s.spell_tot > d.datum
), av_in_beeld AS (
  SELECT * FROM int_in_beeld_op('av')
), lrv AS (
  SELECT DISTINCT d.jaar, d.datum, m.bsn
  FROM int_verzuimmeldingen m JOIN dagen d ON m.verzuim_van <= d.datum AND m.verzuim_eind > d.datum
  WHERE m.soort = 'LRV'
), lrv_in_beeld AS (
  SELECT * FROM int_in_beeld_op('lrv')
), thuis AS (
  SELECT jaar, bsn, gemeentecode, regio FROM lrv_in_beeld
  UNION
  SELECT jaar, bsn, gemeentecode, regio FROM av_in_beeld WHERE $thuiszitter_definitie = 'LRV_AV'
), per_gemeente AS (
  -- a person is in beeld in one gemeente on one date (the rows of int_in_beeld of a person never overlap), so
  -- rows are persons and the region's count is the sum of its gemeenten's; the few dates are unnested rather
  -- than range-joined (as int_populatie)
  SELECT u.d.jaar AS jaar, b.gemeentecode, b.regio, count(*) AS personen
  FROM int_in_beeld b, (SELECT list({'jaar': jaar, 'datum': datum}) AS lijst FROM dagen) l, unnest(l.lijst) AS u(d)
  WHERE b.van <= u.d.datum AND b.tot > u.d.datum
  GROUP BY ALL
), populatie AS (
  SELECT jaar, gemeentecode, regio, CAST(sum(personen) AS BIGINT) AS personen
  FROM per_gemeente
  GROUP BY jaar, GROUPING SETS ((gemeentecode, regio), (regio))
), trajecten AS (
  SELECT d.jaar, d.datum, r.bsn, r.doelgroep AS soort
  FROM stg_rmc_trajecten r JOIN dagen d ON r.van <= d.datum AND (r.tot IS NULL OR r.tot > d.datum + 1)
), trajecten_gemeente AS (
  SELECT * FROM int_woongemeente_op('trajecten')
), curatief_gemeente AS (
  SELECT d.jaar, c.bsn
  FROM int_curatieve_meldingen c JOIN dagen d ON c.datum > d.datum - INTERVAL 12 MONTH AND c.datum <= d.datum
), personen AS (
  SELECT
    indicator, jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    count(DISTINCT bsn) AS waarde
  FROM (SELECT 'KW-AV' AS indicator, jaar, bsn, gemeentecode, regio FROM av_in_beeld
        UNION ALL SELECT 'KW-THUIS', jaar, bsn, gemeentecode, regio FROM thuis)
  GROUP BY indicator, jaar, GROUPING SETS ((gemeentecode), (regio))
), resultaten AS (
  SELECT
    'KW-ZAKEN-OPEN' AS indicator, jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    soort, duur, count(*) AS waarde
  FROM zaken_gemeente
  GROUP BY jaar, GROUPING SETS ((gemeentecode), (regio)), CUBE (soort, duur)
  UNION ALL BY NAME
  SELECT
    'KW-RMC-LOPEND' AS indicator, jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    soort, count(*) AS waarde
  FROM trajecten_gemeente
  GROUP BY jaar, GROUPING SETS ((gemeentecode), (regio)), ROLLUP (soort)
  UNION ALL BY NAME
  SELECT * FROM personen
  UNION ALL BY NAME
  SELECT 'KW-AV-1000' AS indicator, p.jaar,
    CASE WHEN p.gemeentecode IS NULL THEN 'regio' ELSE 'gemeente' END AS gebiedsniveau,
    coalesce(p.gemeentecode, p.regio) AS gebied,
    1000.0 * coalesce(a.waarde, 0) / p.personen AS waarde, coalesce(a.waarde, 0) AS teller, p.personen AS noemer
  FROM populatie p
  LEFT JOIN personen a ON a.indicator = 'KW-AV' AND a.jaar = p.jaar AND a.gebied = coalesce(p.gemeentecode, p.regio)
  UNION ALL BY NAME
  SELECT 'KW-CASELOAD' AS indicator, d.jaar, 'regio' AS gebiedsniveau, $regio AS gebied,
    count(c.bsn) / CAST($fte_leerplicht AS DOUBLE) AS waarde, count(c.bsn) AS teller
  FROM dagen d LEFT JOIN curatief_gemeente c ON c.jaar = d.jaar
  WHERE $fte_leerplicht IS NOT NULL
  GROUP BY d.jaar
), cellen AS (
  SELECT 'KW-ZAKEN-OPEN' AS indicator, s.soort, d.duur, 'zaken' AS eenheid
  FROM (VALUES ('ABSOLUUT'), ('RELATIEF'), ('LUXE'), ('THUISZITTER'), ('RMC'), (NULL)) AS s(soort),
       (VALUES ('<=3m'), ('>3m'), (NULL)) AS d(duur)
  UNION ALL BY NAME
  SELECT 'KW-RMC-LOPEND' AS indicator, s.soort, 'trajecten' AS eenheid
  FROM (VALUES ('NIEUW_VSV'), ('OUD_VSV'), ('JIKP'), ('VERZUIM_18_PLUS'), (NULL)) AS s(soort)
  UNION ALL BY NAME
  SELECT * FROM (VALUES ('KW-AV', 'personen'), ('KW-AV-1000', 'per_1000'), ('KW-THUIS', 'personen'),
    ('KW-CASELOAD', 'per_fte')) AS c(indicator, eenheid)
), cellen_op_peildatum AS (
  SELECT *, 'peildatum' AS periode FROM cellen
)
SELECT * FROM int_uitvoer('resultaten', 'cellen_op_peildatum', 'int_kwartaal_gebieden')
