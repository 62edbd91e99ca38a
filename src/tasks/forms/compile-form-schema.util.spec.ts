import { compileFormSchema } from './compile-form-schema.util';
import { FormSchemaError } from './form-schema.error';
import type { FormComponent } from './form-schema.types';

const schemaProblems = (...components: unknown[]): readonly string[] => {
  try {
    compileFormSchema({ type: 'default', components });
  } catch (error) {
    if (error instanceof FormSchemaError) return error.problems;
    throw error;
  }
  return [];
};

const field = (extra: Partial<FormComponent>): FormComponent => ({
  type: 'textfield',
  key: 'name',
  ...extra,
});

describe('compileFormSchema', () => {
  it('accepts every component type the validator knows', () => {
    expect(
      schemaProblems(
        { type: 'text', text: 'x' },
        field({ id: 'a', key: 'a' }),
        { type: 'textarea', key: 'b' },
        { type: 'number', key: 'c', decimalDigits: 0, increment: 1 },
        { type: 'datetime', key: 'd', subtype: 'time', timeSerializingFormat: 'utc_offset' },
        { type: 'checkbox', key: 'e' },
        { type: 'checklist', key: 'f', values: ['x'] },
        { type: 'radio', key: 'g', valuesKey: 'gOptions' },
        { type: 'select', key: 'h', valuesExpression: '=hOptions' },
        { type: 'taglist', key: 'i', values: [{ label: 'X', value: 'x' }] },
        { type: 'group', path: 'j', components: [field({ key: 'k' })] },
        { type: 'dynamiclist', path: 'l', components: [field({ key: 'm' })] },
        { type: 'iframe', url: 'https://example.org' },
      ),
    ).toEqual([]);
  });

  it('refuses a root that is not a default form', () => {
    expect(() => compileFormSchema({ type: 'group', components: [] })).toThrow(FormSchemaError);
    expect(() => compileFormSchema(null)).toThrow(FormSchemaError);
  });

  it('refuses types it cannot check, naming the component', () => {
    expect(
      schemaProblems(
        { type: 'expression', id: 'total', key: 'total', expression: '=a + b' },
        { type: 'filepicker', key: 'upload' },
        { type: 'signature', key: 's' },
      ),
    ).toEqual([
      'Componente «total» (expression): i campi calcolati (expression) non sono verificati dal server: calcolare il valore nel processo.',
      'Componente «upload» (filepicker): il caricamento di file (filepicker) non passa da questo modulo.',
      'Componente «s» (signature): tipo di componente sconosciuto «signature».',
    ]);
  });

  it('needs a key on inputs and a path on dynamic lists', () => {
    expect(
      schemaProblems(
        { type: 'textfield' },
        { type: 'dynamiclist', components: [] },
        field({ key: 'a..b' }),
        field({ key: '__proto__' }),
      ),
    ).toEqual([
      'components[0] (textfield): manca key.',
      'components[1] (dynamiclist): manca path.',
      'Componente «a..b» (textfield): key «a..b» non valido.',
      'Componente «__proto__» (textfield): key «__proto__» non valido.',
    ]);
  });

  it('refuses two fields bound to the same path, as form-js’s PathRegistry', () => {
    expect(
      schemaProblems(
        field({ key: 'a.b' }),
        { type: 'group', path: 'a', components: [field({ key: 'b' })] },
        field({ key: 'a' }),
        field({ key: 'list' }),
        { type: 'dynamiclist', path: 'list', components: [] },
      ),
    ).toEqual([
      'Componente «b» (textfield): il percorso «a.b» è già usato da un altro campo.',
      'Componente «a» (textfield): il percorso «a» è già usato da un altro campo.',
      'Componente «list» (dynamiclist): il percorso «list» è già usato da un altro campo.',
    ]);
  });

  it('lets groups share a path and rows reuse keys of the outer form', () => {
    expect(
      schemaProblems(
        { type: 'group', path: 'a', components: [field({ key: 'x' })] },
        { type: 'group', path: 'a', components: [field({ key: 'y' })] },
        field({ key: 'name' }),
        { type: 'dynamiclist', path: 'rows', components: [field({ key: 'name' })] },
      ),
    ).toEqual([]);
  });

  it('refuses repeated ids', () => {
    expect(schemaProblems(field({ id: 'x', key: 'a' }), field({ id: 'x', key: 'b' }))).toEqual([
      'Componente «x» (textfield): id mancante o ripetuto.',
    ]);
  });

  it('checks FEEL where form-js evaluates it', () => {
    expect(
      schemaProblems(
        field({ key: 'a', conditional: { hide: 'channel = "x"' } }),
        field({ key: 'b', conditional: { hide: '=channel = ' } }),
        field({ key: 'c', readonly: '=status = "closed"' }),
        { type: 'number', key: 'd', validate: { max: '=(' } },
      ),
    ).toEqual([
      'Componente «a» (textfield): conditional.hide deve essere un\'espressione FEEL che inizia con "=".',
      expect.stringMatching(/^Componente «b» \(textfield\): conditional.hide non è FEEL valido/),
      expect.stringMatching(/^Componente «d» \(number\): validate.max non è FEEL valido/),
    ]);
  });

  it('checks validation settings', () => {
    expect(
      schemaProblems(
        field({ key: 'a', validate: { pattern: '[', validationType: 'fax' as 'email' } }),
        field({ key: 'b', validate: { maxLength: -1, min: 3 } }),
        { type: 'number', key: 'c', decimalDigits: 1.5, increment: 0 },
        { type: 'checkbox', key: 'd', validate: { maxLength: 3 } },
        { type: 'datetime', key: 'e', subtype: 'week' },
      ),
    ).toEqual([
      "Componente «a» (textfield): validate.pattern non è un'espressione regolare valida.",
      'Componente «a» (textfield): validate.validationType deve essere "email" o "phone".',
      'Componente «b» (textfield): validate.maxLength deve essere un intero non negativo.',
      'Componente «b» (textfield): min e max valgono solo per i numeri.',
      'Componente «c» (number): decimalDigits deve essere un intero non negativo.',
      'Componente «c» (number): increment deve essere un numero positivo.',
      'Componente «d» (checkbox): minLength, maxLength, pattern e validationType valgono solo per i testi.',
      'Componente «e» (datetime): subtype deve essere date, time o datetime.',
    ]);
  });

  it('checks option sources', () => {
    expect(
      schemaProblems(
        { type: 'select', key: 'a' },
        { type: 'select', key: 'b', values: ['x'], valuesKey: 'bOptions' },
        { type: 'radio', key: 'c', values: [{ label: 'Senza valore' }, 'x', 'x'] },
        { type: 'checklist', key: 'd', values: [] },
      ),
    ).toEqual([
      'Componente «a» (select): indicare le opzioni in uno solo tra values, valuesKey e valuesExpression.',
      'Componente «b» (select): indicare le opzioni in uno solo tra values, valuesKey e valuesExpression.',
      "Componente «c» (radio): ogni opzione deve avere un value (e un'etichetta).",
      'Componente «c» (radio): due opzioni hanno lo stesso value.',
      'Componente «d» (checklist): values deve essere un elenco non vuoto di opzioni.',
    ]);
  });

  it('compiles a schema object once', () => {
    const schema = { type: 'default', components: [field({})] };
    expect(compileFormSchema(schema)).toBe(compileFormSchema(schema));
  });
});
