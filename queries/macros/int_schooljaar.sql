-- Scalar macro: the schooljaar (its first calendar year, int_schooljaren.jaar) a date falls in; schooljaar t is
-- [1 August t, 1 August t+1). Point events join int_schooljaren on `s.jaar = int_schooljaar(datum)`, an
-- equi-join, instead of a range join on van/tot (much faster at national scale).
-- Grain: scalar macro (one value per call).
CREATE OR REPLACE MACRO int_schooljaar(d) AS year(d) - CASE WHEN month(d) < 8 THEN 1 ELSE 0 END;
