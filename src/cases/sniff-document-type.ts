/** The document types a case may hold, recognised by their content, never by the file name. */
export const DOCUMENT_TYPES = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.oasis.opendocument.text': 'ODT',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

const starts = (content: Buffer, bytes: number[]) => bytes.every((b, i) => content[i] === b);

export function sniffDocumentType(content: Buffer): DocumentType | null {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (starts(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(content, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(content, [0x50, 0x4b, 0x03, 0x04])) {
    // ODF stores its mimetype uncompressed as the first entry; OOXML names its parts in the directory.
    const head = content.subarray(0, Math.min(content.length, 4096)).toString('latin1');
    if (head.startsWith('mimetypeapplication/vnd.oasis.opendocument.text', 30))
      return 'application/vnd.oasis.opendocument.text';
    const all = content.toString('latin1');
    if (all.includes('[Content_Types].xml') && all.includes('word/document.xml')) {
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    }
  }
  return null;
}
