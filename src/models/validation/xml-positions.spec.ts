import { XmlPositions } from './xml-positions';

describe('XmlPositions', () => {
  it('counts \\n, \\r\\n and \\r as one line break each, 1-based', () => {
    const positions = new XmlPositions('a\nb\r\nc\rd');

    expect(positions.at(0)).toEqual({ line: 1, column: 1 });
    expect(positions.at(2)).toEqual({ line: 2, column: 1 });
    expect(positions.at(5)).toEqual({ line: 3, column: 1 });
    expect(positions.at(7)).toEqual({ line: 4, column: 1 });
    expect(positions.end()).toEqual({ line: 4, column: 2 });
  });

  it("turns saxen's 0-based line and column into an offset", () => {
    const positions = new XmlPositions('<a>\r\n  <b/>\r\n</a>');

    expect(positions.offsetOfParserPosition(1, 2)).toBe(7);
  });

  it('finds the start tag of the first element with an id', () => {
    const xml = '<a>\n  <b name="x" id="B"/>\n  <c id=\'C\'/>\n  <d id="B"/>\n</a>';
    const positions = new XmlPositions(xml);

    expect(positions.ofElementId('B')).toEqual({ line: 2, column: 3 });
    expect(positions.ofElementId('C')).toEqual({ line: 3, column: 3 });
    expect(positions.ofElementId('missing')).toBeUndefined();
  });
});
