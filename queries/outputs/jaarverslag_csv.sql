-- The jaarverslag CSV of every gemeente the build makes (build_gemeenten), in one partitioned write:
-- `bestand` names the file (the gemeentecode); each file holds the gemeente's own jaarverslag rows and the
-- region's, in the published order (volgorde).
SELECT d.*, d.gebiedscode AS bestand
FROM dataset_csv d
JOIN build_gemeenten s ON s.gemeentecode = d.gebiedscode
WHERE d.rapport LIKE '%jaarverslag%'
UNION ALL
SELECT d.*, s.gemeentecode AS bestand
FROM dataset_csv d
JOIN report_regio r ON r.code = d.gebiedscode
CROSS JOIN build_gemeenten s
WHERE d.rapport LIKE '%jaarverslag%'
