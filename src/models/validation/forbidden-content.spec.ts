import {
  findBadEntityReference,
  findCodeLikeText,
  isAllowedExpressionLanguage,
  isFeelLanguage,
} from './forbidden-content';

describe('findCodeLikeText', () => {
  it.each([
    ['${a}', 'placeholder', 0],
    ['= "Pratica " + #{n}', 'placeholder', 15],
    ['vedi JavaScript:alert(1)', 'javascript-url', 5],
    ['java\n\tscript:alert(1)', 'javascript-url', 0],
  ])('finds code in %j', (value, kind, index) => {
    expect(findCodeLikeText(value)).toEqual(expect.objectContaining({ kind, index }));
  });

  it.each(['=importo > 100', '= "costo: $ " + string(importo)', 'Java script', '{ "a": 1 }'])(
    'lets %j through',
    (value) => {
      expect(findCodeLikeText(value)).toBeUndefined();
    },
  );
});

describe('languages', () => {
  it('accepts FEEL spelled as Zeebe, DMN or the BPMN spec do', () => {
    expect(isFeelLanguage('feel')).toBe(true);
    expect(isFeelLanguage(' FEEL ')).toBe(true);
    expect(isFeelLanguage('https://www.omg.org/spec/DMN/20191111/FEEL/')).toBe(true);
    expect(isFeelLanguage('javascript')).toBe(false);
    expect(isFeelLanguage('feel-javascript')).toBe(false);
  });

  it("accepts BPMN's default expression language, which nothing evaluates", () => {
    expect(isAllowedExpressionLanguage('http://www.w3.org/1999/XPath')).toBe(true);
    expect(isAllowedExpressionLanguage('http://groovy-lang.org/')).toBe(false);
  });
});

describe('findBadEntityReference', () => {
  it.each(['a &amp; b', '&lt;&gt;&quot;&apos;', '&#36;&#x24;'])('accepts %j', (raw) => {
    expect(findBadEntityReference(raw)).toBeUndefined();
  });

  it.each([
    ['a &nbsp; b', '&nbsp;'],
    ['R&S', '&S'],
    ['&AMP;', '&AMP;'],
  ])('refuses %j', (raw, text) => {
    expect(findBadEntityReference(raw)).toEqual(expect.objectContaining({ text }));
  });
});
