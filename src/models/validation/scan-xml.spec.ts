import { scanXml } from './scan-xml';
import { XmlPositions } from './xml-positions';

const BPMN = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"';
const scan = (xml: string) => scanXml(xml, new XmlPositions(xml));

/** 1-based position of the first `needle` in `xml`, counted independently. */
function positionOf(xml: string, needle: string) {
  const index = xml.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in text`);
  const before = xml.slice(0, index).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('scanXml', () => {
  it('keeps positions exact after markup that contains < > and quotes', () => {
    const xml = [
      '<?xml version="1.0"?>',
      `<bpmn:definitions ${BPMN} id="D">`,
      '  <?percorsi note="a > b"?>',
      '  <!-- <bpmn:task id="fake"> "quoted > text" -->',
      '  <bpmn:process id="P" name="a > b" isExecutable="true">',
      '    <bpmn:documentation><![CDATA[ <b>grassetto</b> ]]></bpmn:documentation>',
      '    <bpmn:task id="T" name=\'say "fine" > ok\' /><bpmn:task id="U"/>',
      '    <bpmn:documentation>costo &gt; 5 ${x}</bpmn:documentation>',
      '    <bpmn:documentation><![CDATA[ #{y} ]]></bpmn:documentation>',
      '    <bpmn:task id="V" name="z ${w}" />',
      '  </bpmn:process>',
      '</bpmn:definitions>',
    ].join('\r\n');

    const { fatal, forbidden } = scan(xml);

    expect(fatal).toBeUndefined();
    expect(forbidden.map(({ line, column, elementId }) => ({ line, column, elementId }))).toEqual([
      { ...positionOf(xml, '${x}'), elementId: 'P' },
      { ...positionOf(xml, '#{y}'), elementId: 'P' },
      { ...positionOf(xml, '${w}'), elementId: 'V' },
    ]);
  });

  it('refuses nesting deeper than 200 elements', () => {
    const xml = `<bpmn:definitions ${BPMN}>${'<a>'.repeat(300)}${'</a>'.repeat(300)}</bpmn:definitions>`;

    expect(scan(xml).fatal).toEqual(expect.objectContaining({ code: 'TOO_DEEP', line: 1 }));
  });

  it('refuses a second root element', () => {
    const xml = `<bpmn:definitions ${BPMN}/>\n<bpmn:definitions ${BPMN}/>`;

    expect(scan(xml).fatal).toEqual(
      expect.objectContaining({ code: 'XML_MALFORMED', line: 2, column: 1 }),
    );
  });

  it('reads prefixes by namespace: a BPMN default namespace is still BPMN', () => {
    const xml =
      '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="P">' +
      '<scriptTask id="S" scriptFormat="groovy"/></process></definitions>';

    expect(scan(xml).forbidden).toEqual([
      expect.objectContaining({ code: 'SCRIPT_NOT_ALLOWED', elementId: 'S' }),
    ]);
  });
});
