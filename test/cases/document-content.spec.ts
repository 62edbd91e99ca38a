import { deflateSync } from 'node:zlib';
import { inspectDocument, withTypeExtension } from '../../src/cases/document-content';
import { docx, jpeg, odt, pdf, png, zip } from '../support/documents';

const refusal = async (content: Buffer) => {
  const inspected = await inspectDocument(content);
  return 'refusal' in inspected ? inspected.refusal : null;
};

/** Issue 10, finding 6: uploads are read whole, not by their first bytes. */
describe('what an uploaded document is', () => {
  it('accepts a real PDF, PNG, JPEG, DOCX and ODT as their types', async () => {
    expect(await inspectDocument(pdf())).toEqual({ contentType: 'application/pdf' });
    expect(await inspectDocument(png())).toEqual({ contentType: 'image/png' });
    expect(await inspectDocument(jpeg())).toEqual({ contentType: 'image/jpeg' });
    expect(await inspectDocument(await docx())).toEqual({
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect(await inspectDocument(await odt())).toEqual({
      contentType: 'application/vnd.oasis.opendocument.text',
    });
  });

  it('refuses files that only start like one of them', async () => {
    const html = Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>\n');
    expect(await refusal(html)).toBe(
      'Il file non è un PDF valido: il file non termina come un PDF (startxref e %%EOF).',
    );
    // A polyglot that ends like a PDF still carries markup.
    const polyglot = pdf('x', '<html><body><script>fetch("/api")</script></body></html>\n');
    expect(await refusal(polyglot)).toBe('Il file non è un PDF valido: contiene codice HTML.');
    const elf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0x7f, 0x45, 0x4c, 0x46])]);
    expect(await refusal(elf)).toMatch(/^Il file non è un PDF valido/);
    expect(await refusal(png().subarray(0, 40))).toMatch(/^Il file non è un PNG valido/);
    const brokenJpeg = Buffer.concat([jpeg().subarray(0, 30), Buffer.alloc(100)]);
    expect(await refusal(brokenJpeg)).toMatch(/^Il file non è un JPEG valido/);
    const fakeDocx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.from('[Content_Types].xml word/document.xml'),
    ]);
    expect(await refusal(fakeDocx)).toBe(
      'Il file non è un DOCX valido: l’archivio del documento è danneggiato.',
    );
    expect(await refusal(Buffer.from('MZ\x90\x00'))).toMatch(/^Tipo di documento non ammesso/);
  });

  it('refuses active content: PDF scripts in the clear, hidden in names or in compressed streams; macros', async () => {
    expect(
      await refusal(pdf('x', '5 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n')),
    ).toBe(
      'Il file non è un PDF valido: contiene contenuti attivi (JavaScript, azioni, file incorporati o moduli che inviano dati).',
    );
    expect(await refusal(pdf('x', '5 0 obj\n<< /S /J#61vaScript >>\nendobj\n'))).toMatch(
      /contenuti attivi/,
    );
    const hidden = deflateSync(Buffer.from('<< /OpenAction << /S /Launch /F (cmd.exe) >> >>'));
    const packed = pdf(
      'x',
      `5 0 obj\n<< /Type /ObjStm /Filter /FlateDecode /Length ${hidden.length} >>\nstream\n${hidden.toString('latin1')}\nendstream\nendobj\n`,
    );
    expect(await refusal(packed)).toMatch(/contenuti attivi/);
    expect(await refusal(await docx([['word/vbaProject.bin', Buffer.alloc(64)]]))).toBe(
      'Il file non è un DOCX valido: contiene macro o programmi incorporati.',
    );
    const macroEnabled = await zip([
      [
        '[Content_Types].xml',
        '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
      ],
      ['word/document.xml', '<w:document></w:document>'],
    ]);
    expect(await refusal(macroEnabled)).toBe(
      'Il file non è un DOCX valido: non dichiara un documento di Word senza macro.',
    );
  });

  it('refuses a package that unpacks out of all proportion', async () => {
    const bomb = await docx([['word/media/blank.bin', Buffer.alloc(210 * 1024 * 1024)]]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(bomb)).toBe(
      'Il file non è un DOCX valido: il contenuto compresso è sproporzionato.',
    );
  });

  it('stores the name with the extension of what the content is', () => {
    expect(withTypeExtension('x.html', 'application/pdf')).toBe('x.pdf');
    expect(withTypeExtension('tool.exe', 'image/png')).toBe('tool.png');
    expect(withTypeExtension('foto.JPEG', 'image/jpeg')).toBe('foto.JPEG');
    expect(withTypeExtension('relazione', 'application/pdf')).toBe('relazione.pdf');
    expect(withTypeExtension('relazione_àèé.pdf', 'application/pdf')).toBe('relazione_àèé.pdf');
  });
});
