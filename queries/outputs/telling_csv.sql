-- The Leerplichttelling submission CSV of every gemeente the build makes (build_gemeenten), in one
-- partitioned write: `bestand` names the file (the gemeentecode); rows in the order of DUO's form.
SELECT f.gemeentecode, f.gemeentenaam, f.schooljaar, f.item, f.omschrijving, f.onderwijssoort, f.waarde,
  f.item_volgorde, f.bucket_volgorde, f.gemeentecode AS bestand
FROM telling_formulier f
JOIN build_gemeenten s ON s.gemeentecode = f.gemeentecode
