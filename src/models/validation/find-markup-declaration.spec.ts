import { findMarkupDeclaration } from './find-markup-declaration';
import { scanXml } from './scan-xml';
import { XmlPositions } from './xml-positions';

const find = (xml: string) => findMarkupDeclaration(xml, new XmlPositions(xml));

describe('findMarkupDeclaration', () => {
  it.each([
    ['<!DOCTYPE x>\n<a/>', 'DOCTYPE', 1, 1],
    ['<a>\n  <!ENTITY e SYSTEM "file:///etc/passwd">\n</a>', 'ENTITY', 2, 3],
    ['<a/>\n<!ATTLIST a b CDATA #IMPLIED>', 'ATTLIST', 2, 1],
    ['<a/><! doctype a>', 'DOCTYPE', 1, 5],
  ])('finds %j', (xml, keyword, line, column) => {
    expect(find(xml)).toEqual(
      expect.objectContaining({
        code: 'DOCTYPE_NOT_ALLOWED',
        message: expect.stringContaining(`«<!${keyword}»`),
        line,
        column,
      }),
    );
  });

  it('lets comments and CDATA sections through', () => {
    expect(find('<a><!-- nota --><![CDATA[ x < y ]]></a>')).toBeUndefined();
  });

  it('is refused by the scanner too, if it ever got there', () => {
    const xml = '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY e "e">]>\n<a>&e;</a>';

    expect(scanXml(xml, new XmlPositions(xml)).fatal).toEqual(
      expect.objectContaining({ code: 'DOCTYPE_NOT_ALLOWED', line: 2, column: 1 }),
    );
  });
});
