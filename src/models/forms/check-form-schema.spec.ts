import { checkFormSchema } from './check-form-schema';

const field = { id: 'Field_1', type: 'textfield', key: 'esito', label: 'Esito' };

describe('checkFormSchema', () => {
  it('accepts a form-js schema with an id the server can check', () => {
    expect(checkFormSchema({ id: 'colloquio', type: 'default', components: [field] })).toEqual({
      ok: true,
      formId: 'colloquio',
    });
  });

  it('refuses a schema without an id, or with one that is not a form id', () => {
    expect(checkFormSchema({ type: 'default', components: [field] })).toEqual({
      ok: false,
      formId: null,
      problems: [expect.objectContaining({ code: 'FORM_ID_MISSING' })],
    });
    expect(checkFormSchema({ id: 'due parole', type: 'default', components: [] })).toEqual({
      ok: false,
      formId: null,
      problems: [
        expect.objectContaining({
          code: 'FORM_ID_INVALID',
          message: expect.stringMatching(/«due parole»/),
        }),
      ],
    });
  });

  it('refuses what is not form-js, and what the server cannot check, with the compiler’s Italian problems', () => {
    expect(checkFormSchema([])).toMatchObject({
      ok: false,
      problems: [
        { code: 'FORM_ID_MISSING' },
        { code: 'FORM_INVALID', message: expect.stringMatching(/type "default"/) },
      ],
    });
    const computed = { id: 'Field_2', type: 'expression', key: 'totale', expression: '=1' };
    expect(checkFormSchema({ id: 'calcolo', type: 'default', components: [computed] })).toEqual({
      ok: false,
      formId: 'calcolo',
      problems: [{ code: 'FORM_INVALID', message: expect.stringMatching(/campi calcolati/) }],
    });
  });
});
