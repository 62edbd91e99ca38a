import { inflateSync } from 'node:zlib';

/** Names that make a PDF act: scripts, launched programs, embedded files, forms that post. */
const ACTIVE =
  /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)(?![A-Za-z0-9])/;
/** Markup a browser would run if the file were ever served as HTML. */
const MARKUP = /<\s*(script|html|iframe|object|embed)[\s>]/i;
/** A compressed stream larger than this once inflated is not a case document (zip bomb). */
const MAX_INFLATED = 64 * 1024 * 1024;

/** `#4A` in a name is `J`: names are compared as the reader would read them. */
const decodeNames = (text: string) =>
  text.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * A PDF is checked whole: its header, the trailer that ends it (startxref pointing at the
 * cross-reference table or stream), and no active content, in the clear or inside its
 * compressed streams. Returns the reason it is refused, or null.
 */
export function pdfProblem(content: Buffer): string | null {
  const text = content.toString('latin1');
  if (!/^%PDF-(1\.[0-7]|2\.0)/.test(text)) return 'l’intestazione non è quella di un PDF';
  const trailer = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-2048));
  if (!trailer) return 'il file non termina come un PDF (startxref e %%EOF)';
  const xref = Number(trailer[1]);
  if (!/^(xref|\d+\s+\d+\s+obj)/.test(text.slice(xref, xref + 40))) {
    return 'la tabella degli oggetti indicata dal trailer non c’è';
  }
  let outside = '';
  let from = 0;
  let inflated = 0;
  const streams = /stream\r?\n/g;
  for (let match = streams.exec(text); match; match = streams.exec(text)) {
    if (text.slice(match.index - 3, match.index) === 'end') continue;
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) return 'uno stream non è chiuso';
    const dictionary = text.slice(Math.max(from, match.index - 512), match.index);
    outside += text.slice(from, match.index);
    if (/\/FlateDecode/.test(dictionary)) {
      let body: Buffer;
      try {
        body = inflateSync(content.subarray(start, end), { maxOutputLength: MAX_INFLATED });
      } catch {
        // A damaged stream is shown as damaged by the reader; what matters is what it holds.
        body = Buffer.alloc(0);
      }
      inflated += body.length;
      if (inflated > MAX_INFLATED) return 'il contenuto compresso è sproporzionato';
      if (ACTIVE.test(decodeNames(body.toString('latin1')))) return activeContent();
    }
    from = end + 'endstream'.length;
    streams.lastIndex = from;
  }
  outside += text.slice(from);
  if (ACTIVE.test(decodeNames(outside))) return activeContent();
  if (MARKUP.test(outside)) return 'contiene codice HTML';
  return null;
}

const activeContent = () =>
  'contiene contenuti attivi (JavaScript, azioni, file incorporati o moduli che inviano dati)';
