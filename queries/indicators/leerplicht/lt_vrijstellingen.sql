-- indicators:
--   - code: LT-VR-3A
--     label: Vervangende leerplicht artikel 3a
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal jongeren met een toegekende vervangende leerplicht op grond van artikel 3a (een vervangend
--       programma in plaats van het volledige onderwijs op school) die op 1 augustus gold (geteld voor de
--       woongemeente op 1 augustus), plus de jongeren bij wie zo'n vrijstelling in de loop van het schooljaar
--       inging of werd toegekend (geteld voor de woongemeente op de eerste dag waarop de toegekende vrijstelling
--       gold). Onderwijstype: dat van de (laatste) inschrijving op die dag.
--   - code: LT-VR-3B
--     label: Vervangende leerplicht artikel 3b
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal jongeren met een toegekende vervangende leerplicht op grond van artikel 3b (een vervangend
--       programma in plaats van het volledige onderwijs op school) die op 1 augustus gold (geteld voor de
--       woongemeente op 1 augustus), plus de jongeren bij wie zo'n vrijstelling in de loop van het schooljaar
--       inging of werd toegekend (geteld voor de woongemeente op de eerste dag waarop de toegekende vrijstelling
--       gold). Onderwijstype: dat van de (laatste) inschrijving op die dag.
--   - code: LT-VR-5A
--     label: Vrijstelling artikel 5 onder a
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal jongeren met een toegekende vrijstelling op grond van artikel 5 onder a (lichamelijk of psychisch niet
--       geschikt om tot een school te worden toegelaten) die op 1 augustus gold (geteld voor de woongemeente op
--       1 augustus), plus de jongeren bij wie zo'n vrijstelling in de loop van het schooljaar inging of werd
--       toegekend (geteld voor de woongemeente op de eerste dag waarop de toegekende vrijstelling gold).
--       Onderwijstype: dat van de (laatste) inschrijving op die dag.
--   - code: LT-VR-5B
--     label: Vrijstelling artikel 5 onder b
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal jongeren met een toegekende vrijstelling op grond van artikel 5 onder b (bedenkingen tegen de richting
--       van het onderwijs op alle scholen in de buurt) die op 1 augustus gold (geteld voor de woongemeente op 1
--       augustus), plus de jongeren bij wie zo'n vrijstelling in de loop van het schooljaar inging of werd
--       toegekend (geteld voor de woongemeente op de eerste dag waarop de toegekende vrijstelling gold).
--       Onderwijstype: dat van de (laatste) inschrijving op die dag.
--   - code: LT-VR-5C
--     label: Vrijstelling artikel 5 onder c
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal jongeren met een toegekende vrijstelling op grond van artikel 5 onder c (ingeschreven bij een school in
--       het buitenland) die op 1 augustus gold (geteld voor de woongemeente op 1 augustus), plus de jongeren bij
--       wie zo'n vrijstelling in de loop van het schooljaar inging of werd toegekend (geteld voor de
--       woongemeente op de eerste dag waarop de toegekende vrijstelling gold). Onderwijstype: dat van de
--       (laatste) inschrijving op die dag.
--   - code: LT-VR-5A_TREKKEND
--     label: Vrijstelling artikel 5a, trekkend bestaan
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal jongeren met een toegekende vrijstelling op grond van artikel 5a voor kinderen van ouders met een
--       trekkend bestaan (kermis, circus) die op 1 augustus gold (geteld voor de woongemeente op 1
--       augustus), plus de jongeren bij wie zo'n vrijstelling in de loop van het schooljaar inging of werd
--       toegekend (geteld voor de woongemeente op de eerste dag waarop de toegekende vrijstelling gold).
--       Onderwijstype: dat van de (laatste) inschrijving op die dag.
--   - code: LT-VR-15
--     label: Vrijstelling artikel 15
--     eenheid: personen
--     tijdvak: schooljaar
--     rapporten: [telling, jaarverslag]
--     parameters: []
--     dimensies: [onderwijssoort]
--     definitie: >-
--       Aantal jongeren met een toegekende vrijstelling van de kwalificatieplicht op grond van artikel 15 (een
--       ander onderwijsprogramma dat voldoende voorbereidt) die op 1 augustus gold (geteld voor de woongemeente
--       op 1 augustus), plus de jongeren bij wie zo'n vrijstelling in de loop van het schooljaar inging of werd
--       toegekend (geteld voor de woongemeente op de eerste dag waarop de toegekende vrijstelling gold).
--       Onderwijstype: dat van de (laatste) inschrijving op die dag.

-- One query for all seven artikelen (the code is 'LT-VR-' || artikel). Event date (decides woongemeente and
-- onderwijssoort bucket): the first day within the schooljaar on which the vrijstelling is both decided and
-- valid, greatest(van, datum_besluit, 1 August): 1 August for the stock valid on 1 August, else the day it
-- starts or is granted. A vrijstelling decided before the schooljaar that starts during it counts too (neither
-- "valid on 1 August" nor "granted during the year" in a literal reading, but clearly inflow of the year).
-- The person's first vrijstelling of the artikel in the year decides the bucket. Persons need only be resident
-- in a report gemeente on the event date (vrijgestelden are often not enrolled anywhere).
WITH vrijstellingen AS (
  SELECT v.vrijstelling_id AS id, v.bsn, v.artikel, s.jaar, greatest(v.van, v.datum_besluit, s.van) AS datum
  FROM int_vrijstellingsperioden v
  JOIN int_schooljaren s ON v.van < s.tot AND v.tot > s.van
  WHERE greatest(v.van, v.datum_besluit, s.van) < least(v.tot, s.tot)
), in_gemeente AS (
  SELECT * FROM int_woongemeente_op('vrijstellingen')
), items AS (
  SELECT * FROM int_onderwijssoort_op('in_gemeente')
), personen AS (
  SELECT
    'LT-VR-' || artikel AS indicator, jaar,
    int_gebiedsniveau(grouping(gemeentecode)) AS gebiedsniveau,
    coalesce(gemeentecode, regio)                                         AS gebied,
    bsn,
    arg_min(onderwijssoort, (datum, id)) AS onderwijssoort
  FROM items
  GROUP BY artikel, jaar, bsn, GROUPING SETS ((gemeentecode), (regio))
), resultaten AS (
  SELECT indicator, jaar, gebiedsniveau, gebied, onderwijssoort, count(*) AS waarde
  FROM personen
  GROUP BY indicator, jaar, gebiedsniveau, gebied, ROLLUP (onderwijssoort)
), cellen AS (
  SELECT 'LT-VR-' || a.artikel AS indicator, o.onderwijssoort, 'personen' AS eenheid
  FROM (VALUES ('3A'), ('3B'), ('5A'), ('5B'), ('5C'), ('5A_TREKKEND'), ('15')) AS a(artikel),
       (SELECT DISTINCT bucket AS onderwijssoort FROM int_onderwijssoort_buckets UNION ALL SELECT NULL) AS o
)
SELECT * FROM int_indicator_uitvoer('resultaten', 'cellen')
