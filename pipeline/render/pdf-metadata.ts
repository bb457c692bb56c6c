/**
 * Document metadata of a printed PDF, set after printing with pdf-lib: Title, Author (the office), Subject,
 * Keywords, Creator (this tool and its version), Producer, creation and modification date (the build's
 * date, not the clock), an XMP metadata stream with the PDF/UA identifier, DisplayDocTitle, and a trailer
 * /ID derived from the content. Chromium's own Creator ("HeadlessChrome"), Producer and clock dates are
 * replaced, so the same inputs and date give a byte-identical file.
 *
 * pdf-lib rewrites every object of the file as it was (structure tree, MarkInfo, /Lang, outline): the PDF
 * stays tagged.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { toolPath } from '../paths.ts';
import { PDFDict, PDFDocument, PDFHexString, PDFName } from 'pdf-lib';

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
 * on what the tab rendered before. They are renumbered in their order (same width, so no byte offset moves;
 * same order, so the ID tree stays sorted and table headers still point at their cells).
 */
export function stableStructureIds(pdf: string): string {
  const ids = [...new Set(pdf.match(/\(node\d{8}\)/g) ?? [])].sort();
  const renumbered = new Map(ids.map((id, i) => [id, `(node${String(i).padStart(8, '0')})`]));
  return pdf.replace(/\(node\d{8}\)/g, (id) => renumbered.get(id)!);
}

/** Returns the PDF with its metadata set; deterministic for the same input bytes and metadata. */
export async function setPdfMetadata(pdf: Uint8Array, m: PdfMetadata): Promise<Uint8Array> {
  const printed = stableStructureIds(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1'));
  const doc = await PDFDocument.load(Buffer.from(printed, 'latin1'), { updateMetadata: false, parseSpeed: Infinity });
  const producer = `${doc.getProducer() ?? 'Chromium'}; ${TOOL}`;
  doc.setTitle(m.title, { showInWindowTitleBar: true });
  doc.setAuthor(m.author);
  doc.setSubject(m.subject);
  // (pdf-lib's setKeywords joins with spaces; a keyword may hold one, e.g. "schooljaar 2024/2025")
  doc.context.lookup(doc.context.trailerInfo.Info, PDFDict).set(PDFName.of('Keywords'), PDFHexString.fromText(m.keywords.join(', ')));
  doc.setCreator(TOOL);
  doc.setProducer(producer);
  doc.setCreationDate(m.date);
  doc.setModificationDate(m.date);
  // The document id: a digest of what Chromium printed and the metadata (same inputs → same id).
  // (Chromium's clock dates left out)
  const id = createHash('sha256').update(printed.replace(/\/(CreationDate|ModDate) ?\(D:[^)]*\)/g, ''), 'latin1').update(JSON.stringify({ ...m, date: m.date.toISOString() })).digest('hex').slice(0, 32);
  // Uncompressed, UTF-8 (as XMP in PDF must be, so that tools find it without decoding).
  const xmp = doc.context.stream(new TextEncoder().encode(xmpPacket(m, producer, id)), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  const idHex = PDFHexString.of(id.toUpperCase());
  doc.context.trailerInfo.ID = doc.context.obj([idHex, idHex]);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}
