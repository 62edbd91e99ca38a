import { DOCUMENT_TYPES, DocumentType, sniffDocumentType } from '../sniff-document-type';
import { jpegProblem, pngProblem } from './image';
import { officeProblem } from './office';
import { pdfProblem } from './pdf';

/** The extension a stored name ends with, by the type the content proved to be. */
const EXTENSIONS: Record<DocumentType, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
};

export type Inspection = { contentType: DocumentType } | { refusal: string };

/**
 * What an uploaded file is, from its whole content: its first bytes name a type, and the file
 * must then be that type all through (a PDF that is a PDF, an image that decodes, a package
 * with a text document's parts), with nothing in it that runs.
 */
export async function inspectDocument(content: Buffer): Promise<Inspection> {
  const contentType = sniffDocumentType(content);
  if (!contentType) {
    return {
      refusal: `Tipo di documento non ammesso: sono accettati ${Object.values(DOCUMENT_TYPES).join(', ')}.`,
    };
  }
  const problem = await problemOf(contentType, content);
  if (problem)
    return { refusal: `Il file non è un ${DOCUMENT_TYPES[contentType]} valido: ${problem}.` };
  return { contentType };
}

function problemOf(type: DocumentType, content: Buffer): string | null | Promise<string | null> {
  switch (type) {
    case 'application/pdf':
      return pdfProblem(content);
    case 'image/png':
      return pngProblem(content);
    case 'image/jpeg':
      return jpegProblem(content);
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
      return officeProblem(content, 'docx');
    case 'application/vnd.oasis.opendocument.text':
      return officeProblem(content, 'odt');
  }
}

/** `x.html` holding a PDF is stored as `x.pdf`: the name never claims another type. */
export function withTypeExtension(fileName: string, type: DocumentType): string {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  if (EXTENSIONS[type].includes(extension)) return fileName;
  return `${dot > 0 ? fileName.slice(0, dot) : fileName}.${EXTENSIONS[type][0]}`;
}
