/**
 * Document metadata of a printed PDF, set after printing: Title, Author (the office), Subject, Keywords,
 * Creator (this tool and its version), Producer, creation and modification date (the build's date, not the
 * clock), an XMP metadata stream with the PDF/UA identifier, DisplayDocTitle, and a trailer /ID derived from
 * the content. Chromium's own Creator, Producer and clock dates are gone, so the same inputs and date give a
 * byte-identical file.
 *
 * The metadata is an incremental update (ISO 32000-1, 7.5.6) appended to Chromium's bytes: a new version of
 * the Info dictionary and of the catalog (with /Metadata), the XMP stream, their cross-reference section and
 * a trailer pointing back (/Prev) at Chromium's. Only the file's tail is read (the trailer, two objects), not
 * the whole document: rewriting every object with pdf-lib cost more CPU than the rest of Node's part of the
 * PDF stage. (pdf-lib and its forks with an incremental save still parse every object first; no maintained
 * npm library appends an update from the tail alone.) Two edits keep their byte offsets: the structure ids
 * (stableStructureIds) and Chromium's Info dictionary, emptied in place (spaces of the same length) so that
 * no clock date or "Chromium" Creator is left in the file. Everything else of the printed file stays as it
 * was (structure tree, MarkInfo, /Lang, outline): the PDF stays tagged.
 *
 * Chromium (Skia) writes a classic cross-reference table; a PDF with a cross-reference stream is refused
 * with an error rather than half-updated.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { toolPath } from '../paths.ts';

export interface PdfMetadata {
  title: string;
  /** The office that publishes the document (Author). */
  author: string;
  subject: string;
  keywords: string[];
  /** Creation and modification date (e.g. the build's --datum at midnight in Europe/Amsterdam). */
  date: Date;
}

const pkg = JSON.parse(readFileSync(toolPath('package.json'), 'utf8')) as { name: string; version: string };
/** "leerplicht-rapportage 0.1.0": the Creator of every PDF. */
export const TOOL = `${pkg.name} ${pkg.version}`;

const xmlEscape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The XMP packet: Dublin Core, PDF and XMP basic properties, and pdfuaid:part 1 (PDF/UA-1). */
export function xmpPacket(m: PdfMetadata, producer: string, documentId: string): string {
  const iso = m.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const uuid = `uuid:${documentId.slice(0, 8)}-${documentId.slice(8, 12)}-${documentId.slice(12, 16)}-${documentId.slice(16, 20)}-${documentId.slice(20, 32)}`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(m.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${xmlEscape(m.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(m.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>nl-NL</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>${xmlEscape(m.keywords.join(', '))}</pdf:Keywords>
   <pdf:Producer>${xmlEscape(producer)}</pdf:Producer>
   <xmp:CreatorTool>${xmlEscape(TOOL)}</xmp:CreatorTool>
   <xmp:CreateDate>${iso}</xmp:CreateDate>
   <xmp:ModifyDate>${iso}</xmp:ModifyDate>
   <xmp:MetadataDate>${iso}</xmp:MetadataDate>
   <xmpMM:DocumentID>${uuid}</xmpMM:DocumentID>
   <xmpMM:InstanceID>${uuid}</xmpMM:InstanceID>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/**
 * Chromium names the structure elements of a tagged PDF after DOM node ids, `(node00004099)`, which depend
 * on what the tab rendered before. They are renumbered in their order, in place (same width, so no byte
 * offset moves; same order, so the ID tree stays sorted and table headers still point at their cells).
 */
export function stableStructureIds(pdf: Buffer): void {
  const at: number[] = [];
  for (let i = pdf.indexOf(NODE_ID); i >= 0; i = pdf.indexOf(NODE_ID, i + NODE_ID_LENGTH)) {
    if (pdf[i + NODE_ID_LENGTH - 1] === 0x29 /* ) */ && isDigits(pdf, i + 5, 8)) at.push(i + 5);
  }
  const ids = [...new Set(at.map((i) => pdf.toString('latin1', i, i + 8)))].sort();
  const renumbered = new Map(ids.map((id, n) => [id, String(n).padStart(8, '0')]));
  for (const i of at) pdf.write(renumbered.get(pdf.toString('latin1', i, i + 8))!, i, 'latin1');
}

const NODE_ID = Buffer.from('(node', 'latin1');
const NODE_ID_LENGTH = '(node00000000)'.length;

function isDigits(b: Buffer, from: number, n: number): boolean {
  for (let i = from; i < from + n; i++) if (b[i] < 0x30 || b[i] > 0x39) return false;
  return true;
}

/** Returns the PDF with its metadata set; deterministic for the same input bytes and metadata. */
export function setPdfMetadata(pdf: Uint8Array, m: PdfMetadata): Uint8Array {
  const printed = Buffer.from(pdf); // (a copy: the caller's bytes stay as printed)
  stableStructureIds(printed);
  const tail = readTail(printed);
  const root = tail.root;
  const catalog = objectAt(printed, tail, root);
  const oldInfo = tail.info ? objectAt(printed, tail, tail.info) : undefined;
  const producer = `${(oldInfo && /\/Producer ?\(([ -'*-[\]-~]*)\)/.exec(oldInfo.text)?.[1]) || 'Chromium'}; ${TOOL}`;
  if (oldInfo) printed.fill(0x20, oldInfo.dictStart + 2, oldInfo.dictEnd - 2); // << … >> → <<   >>
  // The document id: a digest of what Chromium printed (without its Info dictionary) and the metadata.
  const id = createHash('sha256').update(printed).update(JSON.stringify({ ...m, date: m.date.toISOString() })).digest('hex').slice(0, 32);
  const infoRef: Ref = tail.info ?? { num: tail.size, gen: 0 };
  const metadataRef: Ref = { num: Math.max(tail.size, infoRef.num + 1), gen: 0 };
  const date = `(D:${m.date.toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, 'Z')})`;
  const info = dict([
    ['Title', textString(m.title)],
    ['Author', textString(m.author)],
    ['Subject', textString(m.subject)],
    // (joined with ", ": a keyword may hold a space, e.g. "schooljaar 2024/2025")
    ['Keywords', textString(m.keywords.join(', '))],
    ['Creator', textString(TOOL)],
    ['Producer', textString(producer)],
    ['CreationDate', date],
    ['ModDate', date],
  ]);
  // Uncompressed, UTF-8 (as XMP in PDF must be, so that tools find it without decoding).
  const xmp = Buffer.from(xmpPacket(m, producer, id), 'utf8');
  const parts: Buffer[] = [printed];
  let offset = printed.length;
  const add = (s: string | Buffer) => {
    const b = typeof s === 'string' ? Buffer.from(s, 'latin1') : s;
    parts.push(b);
    offset += b.length;
  };
  if (printed[printed.length - 1] !== 0x0a) add('\n');
  const offsets = new Map<number, { ref: Ref; offset: number }>();
  const object = (ref: Ref, ...body: (string | Buffer)[]) => {
    offsets.set(ref.num, { ref, offset });
    add(`${ref.num} ${ref.gen} obj\n`);
    for (const b of body) add(b);
    add('\nendobj\n');
  };
  object(infoRef, info);
  object(metadataRef, `<</Type /Metadata /Subtype /XML /Length ${xmp.length}>>\nstream\n`, xmp, '\nendstream');
  object(root, catalogWith(catalog.text.slice(catalog.dictStart - catalog.start, catalog.dictEnd - catalog.start), metadataRef));
  const xref = offset;
  const hexId = `<${id.toUpperCase()}>`;
  add(`xref\n${xrefSections([...offsets.values()])}trailer\n`);
  add(`<</Size ${Math.max(tail.size, metadataRef.num + 1)} /Root ${root.num} ${root.gen} R /Info ${infoRef.num} ${infoRef.gen} R /ID [${hexId} ${hexId}] /Prev ${tail.startxref}>>\n`);
  add(`startxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts, offset);
}

interface Ref {
  num: number;
  gen: number;
}

/** What the last cross-reference section and trailer of a classic-xref PDF say. */
interface Tail {
  startxref: number;
  size: number;
  root: Ref;
  info?: Ref;
  /** Object number → byte offset, from this section and the ones before it (/Prev). */
  offsets: Map<number, number>;
}

const REF = (key: string) => new RegExp(`/${key}\\s+(\\d+)\\s+(\\d+)\\s+R`);

function readTail(pdf: Buffer): Tail {
  const at = pdf.lastIndexOf('startxref', undefined, 'latin1');
  const startxref = at < 0 ? NaN : Number(/^startxref\s+(\d+)/.exec(pdf.toString('latin1', at, at + 40))?.[1]);
  if (!Number.isSafeInteger(startxref)) throw new Error('PDF without startxref');
  const offsets = new Map<number, number>();
  let trailer: string | undefined;
  const seen = new Set<number>();
  for (let section: number | undefined = startxref; section !== undefined; ) {
    if (seen.has(section)) throw new Error('PDF cross-reference sections in a loop');
    seen.add(section);
    const t = readXrefSection(pdf, section, offsets);
    trailer ??= t;
    const prev = /\/Prev\s+(\d+)/.exec(t)?.[1];
    section = prev === undefined ? undefined : Number(prev);
  }
  const ref = (key: string): Ref | undefined => {
    const r = REF(key).exec(trailer!);
    return r ? { num: Number(r[1]), gen: Number(r[2]) } : undefined;
  };
  const size = Number(/\/Size\s+(\d+)/.exec(trailer!)?.[1]);
  const root = ref('Root');
  if (!root || !Number.isSafeInteger(size)) throw new Error('PDF trailer without /Root or /Size');
  return { startxref, size, root, info: ref('Info'), offsets };
}

/** Reads one cross-reference table at `at` into `offsets` (entries already there are newer); returns its trailer. */
function readXrefSection(pdf: Buffer, at: number, offsets: Map<number, number>): string {
  if (pdf.toString('latin1', at, at + 4) !== 'xref') throw new Error('PDF without a classic cross-reference table (a cross-reference stream is not supported)');
  let i = at + 4;
  const header = /^\s*(\d+) (\d+)\s*?\r?\n/;
  while (true) {
    const chunk = pdf.toString('latin1', i, i + 40);
    const h = header.exec(chunk);
    if (!h) break;
    const first = Number(h[1]);
    const count = Number(h[2]);
    i += h[0].length;
    for (let k = 0; k < count; k++, i += 20) {
      const e = pdf.toString('latin1', i, i + 18);
      if (!/^\d{10} \d{5} [nf]$/.test(e)) throw new Error(`PDF cross-reference entry unreadable at byte ${i}`);
      if (e[17] === 'n' && !offsets.has(first + k)) offsets.set(first + k, Number(e.slice(0, 10)));
    }
  }
  const t = pdf.indexOf('trailer', i, 'latin1');
  const end = pdf.indexOf('startxref', t, 'latin1');
  if (t < 0 || t - i > 40 || end < 0) throw new Error('PDF cross-reference table without trailer');
  return pdf.toString('latin1', t + 7, end);
}

/** An object's text (`N G obj … endobj`) and where its dictionary (`<< … >>`) starts and ends in the file. */
function objectAt(pdf: Buffer, tail: Tail, ref: Ref): { start: number; text: string; dictStart: number; dictEnd: number } {
  const start = tail.offsets.get(ref.num);
  const end = start === undefined ? -1 : pdf.indexOf('endobj', start, 'latin1');
  if (start === undefined || end < 0) throw new Error(`PDF object ${ref.num} not found`);
  const text = pdf.toString('latin1', start, end);
  const h = new RegExp(`^${ref.num}\\s+${ref.gen}\\s+obj\\s*<<`).exec(text);
  const close = text.lastIndexOf('>>');
  if (!h || close < 0 || /stream\s*$/.test(text)) throw new Error(`PDF object ${ref.num} is not a dictionary`);
  return { start, text, dictStart: start + h[0].length - 2, dictEnd: start + close + 2 };
}

/**
 * The catalog dictionary with /Metadata (replacing one it had), /DisplayDocTitle true (the Title in a viewer's
 * title bar) and /Version 1.7 (PDF/UA-1 is based on PDF 1.7; Chromium's header says 1.4).
 */
function catalogWith(catalog: string, metadata: Ref): string {
  let c = catalog.replace(/\/Metadata\s+\d+\s+\d+\s+R/, '').replace(/\/Version\s*\/[\d.]+/, '');
  if (!/\/DisplayDocTitle\s+true/.test(c)) {
    if (/\/ViewerPreferences\s*<</.test(c)) c = c.replace(/\/DisplayDocTitle\s+false/, '').replace(/\/ViewerPreferences\s*<</, (v) => `${v}/DisplayDocTitle true\n`);
    else if (/\/ViewerPreferences/.test(c)) throw new Error('PDF catalog with indirect /ViewerPreferences');
    else c = `<</ViewerPreferences <</DisplayDocTitle true>>\n${c.slice(2)}`;
  }
  return `<</Metadata ${metadata.num} ${metadata.gen} R\n/Version /1.7\n${c.slice(2)}`;
}

/** A text string (PDF 7.9.2.2) as UTF-16BE with a byte order mark, in hex. */
function textString(s: string): string {
  let hex = '<FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `${hex}>`;
}

function dict(entries: [string, string][]): string {
  return `<<${entries.map(([k, v]) => `/${k} ${v}`).join('\n')}>>`;
}

/** Cross-reference subsections (7.5.4) for the objects written, grouped by consecutive numbers. */
function xrefSections(objects: { ref: Ref; offset: number }[]): string {
  const sorted = [...objects].sort((a, b) => a.ref.num - b.ref.num);
  let out = '';
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j].ref.num === sorted[j - 1].ref.num + 1) j++;
    out += `${sorted[i].ref.num} ${j - i}\n`;
    for (const o of sorted.slice(i, j)) out += `${String(o.offset).padStart(10, '0')} ${String(o.ref.gen).padStart(5, '0')} n \n`;
    i = j;
  }
  return out;
}
