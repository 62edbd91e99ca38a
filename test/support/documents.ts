import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { ZipFile } from 'yazl';

/**
 * Small documents that are what they say, for uploads in tests: the service reads every
 * uploaded file whole (src/cases/document-content), so a few magic bytes no longer pass.
 */
export function pdf(text = 'Documento di prova', extra = ''): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  const page = `BT /F1 12 Tf 72 770 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  objects.push(`<< /Length ${Buffer.byteLength(page, 'latin1')} >>\nstream\n${page}\nendstream`);
  let body = `%PDF-1.4\n${extra}`;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export function png(width = 4, height = 4): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return PNG.sync.write(image);
}

export function jpeg(width = 8, height = 8): Buffer {
  return encodeJpeg({ data: Buffer.alloc(width * height * 4, 180), width, height }, 80).data;
}

/** A ZIP of these parts, in this order, the first one stored as ODF wants its mimetype. */
export function zip(parts: Array<[string, string | Buffer]>): Promise<Buffer> {
  const archive = new ZipFile();
  parts.forEach(([name, content], i) =>
    archive.addBuffer(Buffer.from(content), name, { compress: i > 0 }),
  );
  archive.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    archive.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    archive.outputStream.on('error', reject);
  });
}

const DOCX_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const DOCX_BODY = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Relazione</w:t></w:r></w:p></w:body></w:document>`;

export function docx(extra: Array<[string, string | Buffer]> = []): Promise<Buffer> {
  return zip([['[Content_Types].xml', DOCX_TYPES], ['word/document.xml', DOCX_BODY], ...extra]);
}

export function odt(): Promise<Buffer> {
  return zip([
    ['mimetype', 'application/vnd.oasis.opendocument.text'],
    [
      'META-INF/manifest.xml',
      '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
    ],
    [
      'content.xml',
      '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body/></office:document-content>',
    ],
  ]);
}
