-- The indicator store: every computed figure of a build, in one long table.
-- Reports, CSVs and checks read only from here. Values are unsuppressed; disclosure control is applied
-- when figures leave the store (public_indicators.sql).
--
-- gebiedsniveau/gebied: 'gemeente' + gemeentecode, 'regio' + the config's region code, or
-- 'rmc_regio' + the two-digit DUO RMC region code.
-- Breakdown dimensions are named columns; NULL means "all" (the total over that dimension).
CREATE OR REPLACE TABLE indicator_store (
  indicator       VARCHAR NOT NULL,  -- stable code, e.g. LT-AV-TOT
  schooljaar      VARCHAR NOT NULL,  -- e.g. 2024/2025
  periode_van     DATE    NOT NULL,  -- first day of the period the figure covers
  periode_tot     DATE    NOT NULL,  -- first day after it (half-open)
  gebiedsniveau   VARCHAR NOT NULL,  -- gemeente | regio | rmc_regio
  gebied          VARCHAR NOT NULL,  -- gemeentecode, region code or RMC region code
  onderwijssoort  VARCHAR,           -- bucket: PO, SO/VSO, VO, MBO, overig, geen onderwijs
  leeftijd        INTEGER,
  soort           VARCHAR,           -- melding/actie/zaak soort or doelgroep
  artikel         VARCHAR,           -- vrijstelling or verlof artikel
  beslisser       VARCHAR,
  besluit         VARCHAR,
  reden           VARCHAR,           -- reden_afsluiting or traject resultaat
  duur            VARCHAR,           -- duration class, e.g. '<=3m', '>3m'
  status          VARCHAR,           -- follow-up status (JIKP), melding status
  waarde          DOUBLE,            -- the figure (count, rate, median ...)
  teller          BIGINT,            -- numerator of a rate
  noemer          BIGINT,            -- denominator of a rate
  eenheid         VARCHAR NOT NULL   -- personen | meldingen | acties | zaken | aanvragen | trajecten | per_1000 | procent | dagen
);
