-- The onderwijssoort buckets of every leerplicht breakdown (indicators.md): the one mapping from an
-- enrollment's onderwijssoort to its bucket, with the bucket order for reports. The row with onderwijssoort
-- NULL is the bucket of a person without any enrollment up to the date: 'geen onderwijs'.
-- Grain: one row per onderwijssoort of the contract, plus one for NULL (geen onderwijs).
CREATE OR REPLACE TABLE int_onderwijssoort_buckets AS
SELECT * FROM (VALUES
  ('PO',   'PO',             1),
  ('SO',   'SO/VSO',         2),
  ('VSO',  'SO/VSO',         2),
  ('VO',   'VO',             3),
  ('MBO',  'MBO',            4),
  ('VAVO', 'overig',         5),
  ('HO',   'overig',         5),
  (NULL,   'geen onderwijs', 6)
) AS t(onderwijssoort, bucket, volgorde);
