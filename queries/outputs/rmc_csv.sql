-- The RMC effectrapportage CSV of RMC region $rmc_regio: its rmc rows and those of its gemeenten in the
-- region's configuration, in the published order (volgorde).
SELECT *
FROM dataset_csv
WHERE rapport LIKE '%rmc%'
  AND (gebiedscode = $rmc_regio OR gebiedscode IN (SELECT gemeentecode FROM report_gemeenten WHERE rmc_regio = $rmc_regio))
