-- Scalar macro: the gebiedsniveau of a row of `GROUP BY …, GROUPING SETS ((gemeentecode), (regio))`, from
-- grouping(gemeentecode): 1 on the region's row, 0 on a gemeente's (the row's gebied is
-- coalesce(gemeentecode, regio)). One home for the idiom every indicator file uses.
-- Grain: scalar macro (one value per call).
CREATE OR REPLACE MACRO int_gebiedsniveau(g) AS CASE WHEN g = 1 THEN 'regio' ELSE 'gemeente' END;
