/**
 * The BSN scan of the PDFs (#13): a printed PDF is scanned in the text the print stage hands over; other
 * PDFs are read by pdftotext in a helper shell per lane (not one spawn per PDF from the build); hits are
 * named by file and page, and a PDF pdftotext cannot read stops the scan naming the file.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Db } from '../pipeline/db.ts';
import { InputError } from '../pipeline/errors.ts';
import { candidateMatches, findBsns, PdfScanAhead } from '../pipeline/output/bsn-scan.ts';
import { tempDir } from './helpers/extract-dir.ts';

const dir = tempDir('lp-bsnscan-');
let db: Db;

/** A PDF with one line of text per page. */
async function pdf(pages: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) doc.addPage([300, 200]).drawText(text, { x: 20, y: 100, size: 10, font });
  return doc.save();
}

beforeAll(async () => {
  db = await Db.open({ threads: 1 });
  await db.run('CREATE TABLE src_personen (bsn INTEGER)');
  await db.run('INSERT INTO src_personen VALUES (12345672)'); // an 8-digit BSN of the extract
  mkdirSync(path.join(dir, 'a'), { recursive: true });
  mkdirSync(path.join(dir, 'odd\nname'), { recursive: true });
  // Many clean PDFs, so that both lanes get several; the hits are in a few.
  for (let i = 0; i < 9; i++) writeFileSync(path.join(dir, 'a', `clean-${i}.pdf`), await pdf([`Pagina een van ${i}`, 'Totaal 1.234.567 euro']));
  writeFileSync(path.join(dir, 'a', 'proef.pdf'), await pdf(['Geen nummer hier', 'Leerling 123456782 besproken']));
  writeFileSync(path.join(dir, 'a', 'extract.pdf'), await pdf(['Nummer 12345672 staat in het extract', 'verder niets', 'en 736.845.793 niet']));
  writeFileSync(path.join(dir, 'odd\nname', 'x.pdf'), await pdf(['Een', 'Twee', 'Drie 111222333']));
  writeFileSync(path.join(dir, 'a', 'broken.pdf'), 'this is not a PDF');
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('BSN scan of PDFs', () => {
  test('every PDF is read: hits named by file and page, in any lane, also under a folder name with a line break', async () => {
    const files = [...Array.from({ length: 9 }, (_, i) => `a/clean-${i}.pdf`), 'a/proef.pdf', 'a/extract.pdf', 'odd\nname/x.pdf'];
    const hits = await findBsns(db, dir, files);
    // 123456782 passes the 11-proef; 12345672 is a BSN of the extract; 111222333 passes the 11-proef too.
    expect(hits.sort((x, y) => x.file.localeCompare(y.file))).toEqual([
      { file: 'a/extract.pdf', where: 'page 1' },
      { file: 'a/proef.pdf', where: 'page 2' },
      { file: 'odd\nname/x.pdf', where: 'page 3' },
    ]);
  });

  test('clean PDFs give no hits', async () => {
    expect(await findBsns(db, dir, Array.from({ length: 9 }, (_, i) => `a/clean-${i}.pdf`))).toEqual([]);
  });

  test('printed PDFs are scanned in the text handed over, a hit there named by its page (pdftotext), or as an alt text or the document properties; other PDFs are read', async () => {
    const ahead = new PdfScanAhead();
    // The texts as the print stage hands them over: a hit in proef.pdf's (on its page 2), one in the alt text
    // of clean-1.pdf (on no page of the PDF), none in clean-0.pdf's; not-published.pdf is no output.
    ahead.add(path.join(dir, 'a/proef.pdf'), 'Geen nummer hier\nLeerling 123456782 besproken');
    ahead.add(path.join(dir, 'a/clean-0.pdf'), 'Pagina een van 0\nTotaal 1.234.567 euro');
    ahead.add(path.join(dir, 'a/clean-1.pdf'), 'Pagina een van 1\nFiguur: leerling 12345672');
    ahead.add(path.join(dir, 'a/not-published.pdf'), '123456782');
    const hits = await findBsns(db, dir, ['a/proef.pdf', 'a/clean-0.pdf', 'a/clean-1.pdf', 'a/extract.pdf'], ahead);
    expect(hits.sort((x, y) => x.file.localeCompare(y.file))).toEqual([
      { file: 'a/clean-1.pdf', where: 'an alt text or the document properties' },
      { file: 'a/extract.pdf', where: 'page 1' },
      { file: 'a/proef.pdf', where: 'page 2' },
    ]);
    // The text handed over is what counts for a printed PDF: broken.pdf is not read when its text is clean.
    const clean = new PdfScanAhead();
    clean.add(path.join(dir, 'a/broken.pdf'), 'niets');
    expect(await findBsns(db, dir, ['a/broken.pdf'], clean)).toEqual([]);
  });

  test('a PDF pdftotext cannot read stops the scan, naming the file', async () => {
    const e = await findBsns(db, dir, ['a/clean-0.pdf', 'a/broken.pdf', 'a/clean-1.pdf']).then(() => undefined, (x: unknown) => x as Error);
    expect(e).toBeInstanceOf(InputError);
    expect(e!.message).toMatch(/cannot check broken\.pdf for BSNs: pdftotext failed/);
  });
});

describe('BSN candidates in a file\'s bytes', () => {
  const CANDIDATE = /(?<![0-9A-Za-z])(\d{9}|\d{8}|\d{3}[. ]\d{3}[. ]\d{3})(?![0-9A-Za-z])/g;
  const line = (text: string, index: number) => text.slice(0, index).split('\n').length;

  test('the byte scanner finds what the regex finds in the decoded text, on the same lines', () => {
    // Digits, group separators, letters, line breaks and multi-byte characters, in random texts.
    const alphabet = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', ' ', ',', 'a', 'Z', '\n', 'é', '€', '"', ';', '\uFEFF', '_'];
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ['123456782', '12345678', '736.845.793', '736 845 793', '1234567890', '123.456.78', '2024-08-01', '1.234.567'];
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const len = 1 + random(60);
      for (let i = 0; i < len; i++) text += random(4) === 0 ? pieces[random(pieces.length)] : alphabet[random(alphabet.length)];
      const bytes = Buffer.from(text, 'utf8');
      const expected = [...text.matchAll(CANDIDATE)].map((m) => [m[1], line(text, m.index)]);
      const got = candidateMatches(bytes).map((m) => [m.match, bytes.subarray(0, m.index).toString('utf8').split('\n').length]);
      expect(got, JSON.stringify(text)).toEqual(expected);
    }
  });
});
