import { Entry, fromBufferPromise, ZipFile } from 'yauzl';

/** All the parts together, unpacked: more is not a letter or a report (zip bomb). */
const MAX_UNPACKED = 200 * 1024 * 1024;
/** Parts read to check what kind of document the package is. */
const MAX_PART = 4 * 1024 * 1024;
const DOCX_MAIN =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const ODT = 'application/vnd.oasis.opendocument.text';

/** Macros, ActiveX controls and embedded programs: what makes a document run code. */
const ACTIVE_PARTS = [
  /(^|\/)vbaProject\.bin$/i,
  /(^|\/)vbaData\.xml$/i,
  /^word\/activeX\//i,
  /^word\/embeddings\/.*\.(bin|exe|dll|js|vbs|ps1|bat|cmd|ole)$/i,
  /^(Basic|Scripts)\//,
];

interface Package {
  names: string[];
  read(name: string): Promise<string | null>;
}

/**
 * A DOCX or ODT is read as the package it claims to be: a valid ZIP whose parts unpack within
 * bounds, with the parts and the declared type of a text document, and no macros or embedded
 * programs. Returns the reason it is refused, or null.
 */
export async function officeProblem(content: Buffer, kind: 'docx' | 'odt'): Promise<string | null> {
  let zip: ZipFile;
  try {
    zip = await fromBufferPromise(content, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    return 'l’archivio del documento è danneggiato';
  }
  try {
    const opened = await openPackage(zip);
    if (typeof opened === 'string') return opened;
    if (opened.names.some((name) => ACTIVE_PARTS.some((part) => part.test(name)))) {
      return 'contiene macro o programmi incorporati';
    }
    return kind === 'docx' ? await docxProblem(opened) : await odtProblem(opened);
  } catch {
    return 'l’archivio del documento è danneggiato';
  } finally {
    zip.close();
  }
}

async function docxProblem(pkg: Package): Promise<string | null> {
  const types = await pkg.read('[Content_Types].xml');
  if (!types || !types.includes(DOCX_MAIN)) return 'non dichiara un documento di Word senza macro';
  const body = await pkg.read('word/document.xml');
  if (!body || !/<w:document[\s>]/.test(body)) return 'manca il testo del documento';
  return null;
}

async function odtProblem(pkg: Package): Promise<string | null> {
  if (pkg.names[0] !== 'mimetype' || (await pkg.read('mimetype')) !== ODT) {
    return 'non dichiara un documento di testo OpenDocument';
  }
  const manifest = await pkg.read('META-INF/manifest.xml');
  const body = await pkg.read('content.xml');
  if (!manifest || !body || !/<office:document-content[\s>]/.test(body)) {
    return 'manca il testo del documento';
  }
  return null;
}

/** The entries' names, in order, with their sizes checked; parts read on demand. */
async function openPackage(zip: ZipFile): Promise<Package | string> {
  const entries = new Map<string, Entry>();
  const names: string[] = [];
  let unpacked = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      names.push(entry.fileName);
      entries.set(entry.fileName, entry);
      unpacked += entry.uncompressedSize;
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  if (unpacked > MAX_UNPACKED) return 'il contenuto compresso è sproporzionato';
  return {
    names,
    read: async (name) => {
      const entry = entries.get(name);
      if (!entry || entry.uncompressedSize > MAX_PART) return null;
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
