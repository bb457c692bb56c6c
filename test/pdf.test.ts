/**
 * Printing (Chromium via Puppeteer) and atomic output: A4 PDFs with title, footer and bookmarks;
 * a browser killed mid-run or a hanging document never hangs the run; outputs appear complete or
 * not at all; one build per output folder.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../pipeline/errors.ts';
import { acquireLock, LOCK_NAME, OutputTransaction, outputProblem, writeFileAtomic } from '../pipeline/output/atomic.ts';
import { renderString } from '../pipeline/render/html.ts';
import { PdfPrinter, type PrintJob, type PrintResult } from '../pipeline/render/pdf.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'leerplicht-pdf-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A small report: cover page + two chapters, one long enough to run onto a third page. */
function documentHtml(n: number): string {
  return renderString(
    `{% extends "base.njk" %}{% block content %}
<section class="hoofdstuk"><h1>1. Verzuim</h1><p>Document {{ n }}.</p>
<h2>Absoluut verzuim</h2><p>{{ "Dit is *tekst*." | markdown }}</p></section>
<section class="hoofdstuk nieuwe-pagina"><h1>2. Vrijstellingen</h1>
<table><thead><tr><th>Gemeente</th><th class="num">Aantal</th></tr></thead><tbody>
{% for i in range(0, 25) %}<tr><td>Gemeente {{ i }}</td><td class="num">{{ (i * 1234) | getal }}</td></tr>{% endfor %}
</tbody></table></section>{% endblock %}`,
    { title: `Testverslag ${n}`, n, cover: { titel: `Testverslag ${n}`, ondertitel: 'Gemeente Voorbeeld' } },
  );
}

function job(n: number, dir = tmp): PrintJob {
  return { id: `doc${n}`, html: documentHtml(n), outFile: path.join(dir, `doc${n}.pdf`), title: `Testverslag ${n} – Voorbeeld` };
}

function isCompletePdf(file: string): boolean {
  const b = readFileSync(file);
  return b.subarray(0, 5).toString() === '%PDF-' && b.subarray(-8).toString().includes('%%EOF');
}

describe('PdfPrinter', () => {
  let printer: PdfPrinter;
  beforeAll(async () => {
    printer = await PdfPrinter.start({ poolSize: 2 });
  });
  afterAll(async () => {
    await printer?.close();
  });

  it('prints A4 PDFs with title, Dutch page footer and bookmarks', async () => {
    const done: string[] = [];
    const results = await printer.printAll([job(1), job(2), job(3)], (r) => done.push(r.id));
    expect(results.map((r) => [r.id, r.ok])).toEqual([['doc1', true], ['doc2', true], ['doc3', true]]);
    expect(done.sort()).toEqual(['doc1', 'doc2', 'doc3']);
    const info = execFileSync('pdfinfo', [results[0].outFile], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info).toMatch(/Title:\s+Testverslag 1 – Voorbeeld/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Pages:\s+3/);
    const text = execFileSync('pdftotext', ['-layout', results[0].outFile, '-'], { encoding: 'utf8' });
    const page = (n: number) => execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), results[0].outFile, '-'], { encoding: 'utf8' });
    // The cover has no footer; the other pages carry the title and "pagina X van Y".
    expect(page(1)).toContain('Gemeente Voorbeeld');
    expect(page(1)).not.toMatch(/pagina|Testverslag 1 – Voorbeeld/);
    expect(page(2)).toMatch(/Testverslag 1 – Voorbeeld\s+pagina 2 van 3/);
    expect(page(3)).toMatch(/pagina 3 van 3/);
    expect(text).toContain('Gemeente 24');
    expect(text).toContain('29.616'); // 24 × 1234, Dutch grouping
    const bytes = readFileSync(results[0].outFile).toString('latin1');
    expect(bytes).toContain('/Outlines'); // bookmarks from the h1/h2 headings
    // No temporary files left next to the PDFs.
    expect(readdirSync(tmp).filter((f) => f.includes('.part-'))).toEqual([]);

    // Warm timing of one 3-page document.
    const t0 = performance.now();
    // (A title with quotes, a backslash and "</style>" is printed as it is in the footer.)
    const [again] = await printer.printAll([{ ...job(4), title: 'Verslag "’s-Gravenhage" \\ </style> $& 4' }]);
    console.log(`PDF, 3 pages, warm: ${Math.round(performance.now() - t0)} ms (printer: ${Math.round(again.ms)} ms)`);
    expect(again.ok).toBe(true);
    const footer = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', again.outFile, '-'], { encoding: 'utf8' });
    expect(footer).toContain('Verslag "’s-Gravenhage" \\ </style> $& 4');
    expect(footer).toContain('pagina 2 van 3');
  });

  it('hands every text of a printed PDF to onDone (for the BSN scan): what pdftotext reads, alt texts and metadata; hidden text not; the results keep no text', async () => {
    const html = `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><style>.weg { display: none } @media screen { .print { display: none } }</style></head><body>
<h1>Kop</h1><p>Zichtbaar <span>1234</span><span>5678</span></p><p class="print">Alleen gedrukt</p><p class="weg">Verborgen tekst</p>
<table><tr><td>123</td><td>456</td><td>789</td></tr></table>
<figure><svg role="img" aria-label="Grafiek over verzuim" width="200" height="40"><text x="5" y="20">As-label 2024</text></svg></figure>
<img alt="Logo van de regio" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>`;
    const texts: string[] = [];
    const metadata = { title: 'Titel M', author: 'Regio West', subject: 'Onderwerp S', keywords: ['trefwoord K'], date: new Date('2025-10-20T00:00:00Z') };
    const [r] = await printer.printAll([{ id: 'text', html, outFile: path.join(tmp, 'text.pdf'), title: 'Titel T', metadata }], (x) => texts.push(x.text!));
    expect(r.ok).toBe(true);
    expect(r.text).toBeUndefined();
    const [text] = texts;
    for (const s of ['Titel T', 'Titel M', 'Regio West', 'Onderwerp S', 'trefwoord K', 'Kop', 'Zichtbaar 12345678', 'Alleen gedrukt', '123 456 789', 'As-label 2024', 'Grafiek over verzuim', 'Logo van de regio']) expect(text).toContain(s);
    expect(text).not.toContain('Verborgen');
    // Every word pdftotext reads is in it, but the footer's page numbers.
    const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));
    const have = words(text);
    const missing = [...words(execFileSync('pdftotext', [r.outFile, '-'], { encoding: 'utf8' }))].filter((w) => !have.has(w) && !['pagina', 'van', '1', 'Titel', 'T'].includes(w));
    expect(missing).toEqual([]);
  });

  it('survives the browser being killed mid-run: restarts and finishes every document', async () => {
    const before = printer.launches;
    const pid = printer.browserPid()!;
    expect(pid).toBeGreaterThan(0);
    let killed = false;
    const jobs = [5, 6, 7, 8, 9, 10].map((n) => job(n));
    const results = await printer.printAll(jobs, () => {
      if (!killed) {
        killed = true;
        process.kill(pid, 'SIGKILL');
      }
    });
    expect(killed).toBe(true);
    expect(results).toHaveLength(6);
    for (const r of results) {
      if (r.ok) expect(isCompletePdf(r.outFile)).toBe(true);
      else expect(r.error).toBeTruthy();
    }
    expect(results.every((r) => r.ok)).toBe(true);
    expect(printer.launches).toBeGreaterThan(before);
    expect(printer.browserPid()).not.toBe(pid);
  });
});

describe('PdfPrinter pipeline', () => {
  it('a tab does not wait for Node: the next HTML is made while a document prints, its metadata set after; results in job order', async () => {
    const printer = await PdfPrinter.start({ poolSize: 1 });
    const events: string[] = [];
    try {
      const jobs: PrintJob[] = [21, 22, 23].map((n) => ({
        ...job(n),
        metadata: { title: `Testverslag ${n}`, author: 'Bureau', subject: 'Test', keywords: ['test'], date: new Date('2025-10-20T00:00:00Z') },
        html: () => {
          events.push(`html ${n}`);
          return documentHtml(n);
        },
      }));
      const results = await printer.printAll(jobs, (r) => events.push(`done ${r.id}`));
      expect(results.map((r) => [r.id, r.ok])).toEqual([['doc21', true], ['doc22', true], ['doc23', true]]);
      // One tab: the HTML of document 22 was asked for before document 21 was finished (printed, metadata, file).
      expect(events.indexOf('html 22')).toBeLessThan(events.indexOf('done doc21'));
      expect(events.indexOf('html 23')).toBeLessThan(events.indexOf('done doc22'));
      for (const r of results) {
        expect(isCompletePdf(r.outFile)).toBe(true);
        expect(execFileSync('pdfinfo', [r.outFile], { encoding: 'utf8' })).toMatch(/Author:\s+Bureau/);
      }
    } finally {
      await printer.close();
    }
  });

  it('a document whose HTML fails is reported and the others print', async () => {
    const printer = await PdfPrinter.start({ poolSize: 1 });
    try {
      const bad: PrintJob = { ...job(24), html: () => { throw new Error('template kapot'); } };
      const results = await printer.printAll([job(25), bad, job(26)]);
      expect(results.map((r) => [r.id, r.ok])).toEqual([['doc25', true], ['doc24', false], ['doc26', true]]);
      expect(results[1].error).toBe('HTML: template kapot');
    } finally {
      await printer.close();
    }
  });
});

describe('PdfPrinter with a hanging document', () => {
  it('times out, kills the browser, reports the document and prints the rest; restarts every N documents', async () => {
    const log: string[] = [];
    const printer = await PdfPrinter.start({ poolSize: 1, retries: 0, restartEvery: 2, log: (m) => log.push(m) });
    try {
      const firstPid = printer.browserPid();
      const hang: PrintJob = { id: 'hang', html: '<html><head><title>x</title></head><body><script>for (;;) {}</script></body></html>', outFile: path.join(tmp, 'hang.pdf'), title: 'Hangt', timeoutMs: 2_000 };
      // Lazily produced jobs (an iterable, HTML made when its turn comes).
      function* jobs(): Generator<PrintJob> {
        yield hang;
        yield { ...job(11), html: () => documentHtml(11) };
        for (const n of [12, 13]) yield { id: `doc${n}`, html: `<p>Document ${n}</p>`, outFile: path.join(tmp, `doc${n}.pdf`), title: `Kort ${n}` };
      }
      const results: PrintResult[] = await printer.printAll(jobs());
      expect(results[0]).toMatchObject({ id: 'hang', ok: false, attempts: 1 });
      expect(results[0].error).toMatch(/timed out/);
      expect(existsSync(hang.outFile)).toBe(false);
      expect(results.slice(1).map((r) => [r.id, r.ok])).toEqual([['doc11', true], ['doc12', true], ['doc13', true]]);
      expect(printer.browserPid()).not.toBe(firstPid);
      expect(log.join('\n')).toMatch(/killing Chromium/);
      // Launches: the first, after the kill, and after two documents on the second browser.
      expect(printer.launches).toBe(3);
      expect(log.join('\n')).toMatch(/restarting Chromium after 2 documents/);
    } finally {
      await printer.close();
    }
  });
});

describe('OutputTransaction', () => {
  it('commit moves every file into place and removes the temp dir', async () => {
    const root = path.join(tmp, 'commit');
    const tx = await OutputTransaction.begin(root);
    expect(path.dirname(tx.tempRoot)).toBe(root);
    await tx.writeFile('a/b/one.txt', 'een');
    writeFileSync(tx.path('data/two.csv'), 'twee'); // path() creates the folder
    await writeFileAtomic(tx.path('x.pdf'), new Uint8Array([1, 2, 3]));
    expect(readdirSync(root).filter((f) => !f.startsWith('.'))).toEqual([]); // nothing visible yet
    expect(await tx.files()).toEqual(['a/b/one.txt', 'data/two.csv', 'x.pdf']);
    expect(await tx.commit()).toEqual(['a/b/one.txt', 'data/two.csv', 'x.pdf']);
    expect(readFileSync(path.join(root, 'a/b/one.txt'), 'utf8')).toBe('een');
    expect(readFileSync(path.join(root, 'data/two.csv'), 'utf8')).toBe('twee');
    expect(readdirSync(root).sort()).toEqual(['a', 'data', 'x.pdf']);
    expect(tx.state).toBe('committed');
    expect(() => tx.path('y')).toThrow(/committed/);
  });

  it('abort leaves the final root as it was', async () => {
    const root = path.join(tmp, 'abort');
    const first = await OutputTransaction.begin(root);
    await first.writeFile('report.pdf', 'oud');
    await first.commit();
    const tx = await OutputTransaction.begin(root);
    await tx.writeFile('report.pdf', 'nieuw, half');
    await tx.writeFile('extra/new.csv', 'x');
    await tx.abort();
    expect(readdirSync(root)).toEqual(['report.pdf']);
    expect(readFileSync(path.join(root, 'report.pdf'), 'utf8')).toBe('oud');
    expect(() => tx.path('../escape')).toThrow();
  });

  it('refuses paths outside the output folder', async () => {
    const tx = await OutputTransaction.begin(path.join(tmp, 'paths'));
    expect(() => tx.path('../x')).toThrow(/inside the output folder/);
    expect(() => tx.path('/etc/passwd')).toThrow(/inside the output folder/);
    await tx.abort();
  });

  it('turns unwritable output folders and full disks into InputError', async () => {
    writeFileSync(path.join(tmp, 'a-file'), '');
    await expect(OutputTransaction.begin(path.join(tmp, 'a-file', 'out'))).rejects.toThrow(InputError);
    // (root ignores file permissions, so use a filesystem that refuses new folders)
    const err = await OutputTransaction.begin(`/sys/leerplicht-test-${process.pid}`).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/cannot write output: .*EPERM/);
    const full = outputProblem(Object.assign(new Error('write'), { code: 'ENOSPC' }), '/uit', '/uit/x.pdf');
    expect(full).toBeInstanceOf(InputError);
    expect(full!.message).toMatch(/disk is full \(ENOSPC\) while writing \/uit\/x\.pdf/);
    expect(outputProblem(Object.assign(new Error('x'), { code: 'EISDIR' }), '/uit')).toBeUndefined();
  });

  it('removes its temp dir when the process is interrupted', async () => {
    const root = path.join(tmp, 'interrupt');
    const script = path.join(tmp, 'interrupted.mts');
    writeFileSync(
      script,
      `import { acquireLock, installInterruptHandlers, OutputTransaction } from ${JSON.stringify(path.resolve('pipeline/output/atomic.ts'))};
installInterruptHandlers({ log: () => {} });
await acquireLock(${JSON.stringify(root)});
const tx = await OutputTransaction.begin(${JSON.stringify(root)});
await tx.writeFile('half.pdf', 'half');
console.log('ready');
setInterval(() => {}, 1000);
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: path.resolve('.'), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    expect(readdirSync(root).some((f) => f.startsWith('.tmp-'))).toBe(true);
    const code = await new Promise<number | null>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(143);
    expect(readdirSync(root)).toEqual([]); // no temp dir, no lock
  });
});

describe('acquireLock', () => {
  it('refuses a second holder, naming its pid, and can be taken again after release', async () => {
    const root = path.join(tmp, 'locked');
    const lock = await acquireLock(root);
    expect(existsSync(path.join(root, LOCK_NAME))).toBe(true);
    const err = await acquireLock(root).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain(`pid ${process.pid}`);
    expect(err.message).toMatch(/another build is already writing/);
    lock.release();
    expect(existsSync(path.join(root, LOCK_NAME))).toBe(false);
    const again = await acquireLock(root);
    again.release();
  });

  it('takes over a stale lock with a warning', async () => {
    const root = path.join(tmp, 'stale');
    await acquireLock(root).then((l) => l.release());
    // A lock left by a process that no longer exists.
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    writeFileSync(path.join(root, LOCK_NAME), JSON.stringify({ pid: dead.pid, host: os.hostname(), startedAt: '2025-01-01T00:00:00Z' }));
    const warnings: string[] = [];
    const lock = await acquireLock(root, { warn: (m) => warnings.push(m) });
    expect(warnings.join()).toMatch(new RegExp(`taking over the lock of build pid ${dead.pid}`));
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });
});
