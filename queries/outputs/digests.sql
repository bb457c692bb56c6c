-- One row per area (gebied): a digest of every published figure of that area, for the incremental cache
-- (pipeline/output/cache.ts): a document is printed again only when a figure it shows changed.
-- Each row is hashed first (md5 of its JSON), so the ordered aggregate sorts 32-character strings, not the rows'
-- JSON: a national store (1M rows) then fits the reports' memory limit.
SELECT gebied, sha256(string_agg(h, chr(10) ORDER BY h)) AS d
FROM (SELECT gebied, md5(CAST(to_json(p) AS VARCHAR)) AS h FROM public_indicators p)
GROUP BY gebied
