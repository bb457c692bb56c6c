-- Leerplichttelling check (hard): no vrijgestelde is an absoluut verzuimer on the same day, i.e. no counted
-- absoluut verzuim spell overlaps a granted vrijstelling of the same person.
SELECT a.gemeentecode, s.schooljaar, 'vrijgesteld_geen_absoluut_verzuim' AS controle, 'LT-AV-TOT' AS item,
  NULL::VARCHAR AS onderwijssoort, 'fout' AS ernst,
  format('{} absoluut verzuimer(s) met een vrijstelling op een dag van hun verzuim', count(DISTINCT a.bsn)) AS toelichting
FROM int_av_spells a
JOIN int_vrijstellingsperioden v ON v.bsn = a.bsn AND v.van < a.spell_tot AND v.tot > a.spell_van
JOIN int_schooljaren s ON s.jaar = a.jaar
WHERE a.gemeentecode IS NOT NULL
GROUP BY a.gemeentecode, s.schooljaar
