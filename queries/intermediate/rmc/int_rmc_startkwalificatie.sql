-- RMC: the date each person first obtained a startkwalificatie (a MBO2, MBO3, MBO4, HAVO or VWO diploma).
-- startkwalificatie(p, d) = datum <= d. One row per person who has one.
CREATE OR REPLACE TABLE int_rmc_startkwalificatie AS
SELECT bsn, min(datum) AS datum
FROM stg_diplomas
WHERE is_startkwalificatie
GROUP BY bsn;
