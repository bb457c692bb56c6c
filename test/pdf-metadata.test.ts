/** pipeline/render/pdf-metadata.ts: metadata after printing, reproducible bytes. */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, describe, expect, test } from 'vitest';
import { setPdfMetadata, stableStructureIds, TOOL } from '../pipeline/render/pdf-metadata.ts';
import { tempDir } from './helpers/extract-dir.ts';

const dir = tempDir('lp-pdfmeta-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A PDF as Chromium would print it: clock dates, its own Creator, structure ids after DOM node ids. */
async function printed(clock: Date, firstNode: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([595.92, 841.92]).drawText('Jaarverslag');
  doc.setCreator('HeadlessChrome');
  doc.setProducer('Skia/PDF m156');
  doc.setCreationDate(clock);
  doc.setModificationDate(clock);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of('nl'));
  for (const n of [firstNode, firstNode + 7]) {
    doc.context.register(doc.context.obj({ Type: 'StructElem', S: 'TH', ID: PDFString.of(`node${String(n).padStart(8, '0')}`) }));
  }
  return doc.save({ useObjectStreams: false });
}

const meta = {
  title: 'Jaarverslag leerplicht 2024/2025 – Haarlem', author: 'Regionaal Bureau Leerplicht West Kennemerland',
  subject: 'Jaarverslag over schooljaar 2024/2025', keywords: ['leerplicht', 'schooljaar 2024/2025', 'Haarlem'], date: new Date('2025-10-19T22:00:00Z'),
};

describe('setPdfMetadata', () => {
  test('sets Title, Author (the office), Subject, Keywords, Creator (the tool), dates and XMP with pdfuaid', async () => {
    const file = path.join(dir, 'a.pdf');
    writeFileSync(file, setPdfMetadata(await printed(new Date(), 4099), meta));
    const info = execFileSync('pdfinfo', ['-isodates', file]).toString();
    expect(info).toMatch(/Title:\s+Jaarverslag leerplicht 2024\/2025 – Haarlem/);
    expect(info).toMatch(/Author:\s+Regionaal Bureau Leerplicht West Kennemerland/);
    expect(info).toMatch(/Subject:\s+Jaarverslag over schooljaar 2024\/2025/);
    expect(info).toMatch(/Keywords:\s+leerplicht, schooljaar 2024\/2025, Haarlem/);
    expect(info).toContain(`Creator:         ${TOOL}`);
    expect(info).not.toContain('HeadlessChrome');
    expect(info).toMatch(/CreationDate:\s+2025-10-19T22:00:00Z/);
    expect(info).toMatch(/Metadata Stream:\s+yes/);
    const xmp = execFileSync('pdfinfo', ['-meta', file]).toString();
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain('<dc:creator><rdf:Seq><rdf:li>Regionaal Bureau Leerplicht West Kennemerland</rdf:li></rdf:Seq></dc:creator>');
    expect(xmp).toContain('<xmp:CreateDate>2025-10-19T22:00:00Z</xmp:CreateDate>');
  });

  test('an incremental update that qpdf finds sound: the old Info emptied, one new xref section, the catalog still tagged', async () => {
    const input = await printed(new Date('2026-01-01T10:00:00Z'), 4099);
    const out = Buffer.from(setPdfMetadata(input, meta));
    // Chromium's file stays in place (its cross-reference table unchanged), the update follows it.
    const xref = Buffer.from(input).lastIndexOf('\nxref\n');
    expect(out.subarray(xref, input.length).equals(Buffer.from(input).subarray(xref))).toBe(true);
    const file = path.join(dir, 'inc.pdf');
    writeFileSync(file, out);
    expect(execFileSync('qpdf', ['--check', file]).toString()).toContain('No syntax or stream encoding errors found');
    const text = out.toString('latin1');
    expect(text).not.toMatch(/HeadlessChrome|D:2026/);
    expect(text.match(/startxref/g)).toHaveLength(2);
    expect(text).toMatch(/\/Prev \d+>>\nstartxref\n\d+\n%%EOF\n$/);
    // The new catalog: /Metadata, and what Chromium's catalog had (here /Lang).
    const objects = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=qpdf', file]).toString()).qpdf[1] as Record<string, { value: Record<string, unknown> }>;
    const catalog = objects[`obj:${objects.trailer.value['/Root']}`].value;
    expect(catalog['/Lang']).toBe('u:nl');
    expect(catalog['/Metadata']).toMatch(/^\d+ 0 R$/);
    expect(catalog['/ViewerPreferences']).toEqual({ '/DisplayDocTitle': true });
    expect(() => setPdfMetadata(Buffer.from(text.replace(/\nxref\n(?![\s\S]*\nxref\n)/, '\nxrex\n'), 'latin1'), meta)).toThrow(/cross-reference/);
  });

  test('the same document printed at another time, after other documents, gives the same bytes', async () => {
    const a = setPdfMetadata(await printed(new Date('2026-01-01T10:00:00Z'), 4099), meta);
    const b = setPdfMetadata(await printed(new Date('2026-03-05T17:31:12Z'), 10230), meta);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const c = setPdfMetadata(await printed(new Date('2026-01-01T10:00:00Z'), 4099), { ...meta, date: new Date('2025-10-20T22:00:00Z') });
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });
});

describe('stableStructureIds', () => {
  test('renumbers node ids in their order, in place (no byte offset moves); other (node…) strings stay', () => {
    const pdf = Buffer.from('/ID (node00004099) /Headers [ (node00004105) (node00004099) ] /Names [ (node00004099) 7 0 R (node00004105) 8 0 R ] (node0001) (node0000409x)', 'latin1');
    stableStructureIds(pdf);
    expect(pdf.toString('latin1')).toBe('/ID (node00000000) /Headers [ (node00000001) (node00000000) ] /Names [ (node00000000) 7 0 R (node00000001) 8 0 R ] (node0001) (node0000409x)');
  });
});
