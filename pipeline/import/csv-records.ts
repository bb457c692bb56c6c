/**
 * Streams the records of a delimited text file (RFC 4180 quoting: `"` around a field, `""` inside it,
 * line breaks allowed inside quotes), so a large BRP selection never has to fit in memory as one string.
 * The delimiter is given or detected from the header line (the most frequent of `;`, `,` and tab).
 * Encodings other than UTF-8 (Windows-1252 from Excel, UTF-16) are decoded with iconv-lite.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import iconv from 'iconv-lite';

export function detectDelimiter(headerLine: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, headerLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

/** Yields every record (header included) as an array of fields, with the line it starts on (1-based). */
/** `utf-16` when the file starts with a UTF-16 byte order mark, else `utf-8`. */
export function sniffEncoding(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(2);
    const n = readSync(fd, b, 0, 2, 0);
    return n === 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) ? 'utf-16' : 'utf-8';
  } finally {
    closeSync(fd);
  }
}

export async function* csvRecords(file: string, opts: { delimiter?: string; encoding?: string } = {}): AsyncGenerator<{ fields: string[]; line: number }> {
  const enc = (opts.encoding ?? sniffEncoding(file)).toLowerCase();
  const stream = enc === 'utf-8' || enc === 'utf8'
    ? createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })
    : createReadStream(file, { highWaterMark: 1 << 20 }).pipe(iconv.decodeStream(enc));
  let delim = opts.delimiter;
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let quotePending = false; // saw a `"` inside quotes: either the closing quote or the first of `""`
  let line = 1;
  let recordLine = 1;
  let first = true;
  let pendingHeader = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    let text = chunk;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!delim) {
      pendingHeader += text;
      const nl = pendingHeader.indexOf('\n');
      if (nl < 0) continue;
      delim = detectDelimiter(pendingHeader.slice(0, nl));
      text = pendingHeader;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inQuotes) {
        if (quotePending) {
          quotePending = false;
          if (c === '"') {
            field += '"';
            continue;
          }
          inQuotes = false; // the quote closed the field; handle c below
        } else if (c === '"') {
          quotePending = true;
          continue;
        } else {
          if (c === '\n') line++;
          field += c;
          continue;
        }
      }
      if (c === '"' && field === '') {
        inQuotes = true;
      } else if (c === delim) {
        fields.push(field);
        field = '';
      } else if (c === '\n') {
        fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
        yield { fields, line: recordLine };
        fields = [];
        field = '';
        line++;
        recordLine = line;
      } else {
        field += c;
      }
    }
  }
  if (!delim && pendingHeader) {
    delim = detectDelimiter(pendingHeader);
    // a one-line file without a newline: parse it as a single record
    yield { fields: pendingHeader.replace(/\r$/, '').split(delim), line: 1 };
    return;
  }
  if (field !== '' || fields.length) {
    fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
    yield { fields, line: recordLine };
  }
}
