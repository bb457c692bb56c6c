-- One row per area (gebied): a digest of every published figure of that area, for the incremental cache
-- (pipeline/output/cache.ts): a document is printed again only when a figure it shows changed.
SELECT gebied, sha256(string_agg(CAST(to_json(p) AS VARCHAR), chr(10) ORDER BY CAST(to_json(p) AS VARCHAR))) AS d
FROM public_indicators p
GROUP BY gebied
