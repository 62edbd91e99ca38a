import type {
  FormComponent,
  FormSchema,
  FormValidationResult,
  ValidateFormDataOptions,
} from './form-schema.types';
import { validateFormData } from './validate-form-data.util';

const form = (...components: FormComponent[]): FormSchema => ({
  type: 'default',
  id: 'test-form',
  schemaVersion: 19,
  components,
});

const validate = (
  schema: FormSchema,
  data: unknown,
  options?: ValidateFormDataOptions,
): FormValidationResult => validateFormData(schema, data, options);

/** The accepted value, failing the test with the problems when refused. */
const accepted = (result: FormValidationResult): Record<string, unknown> => {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.value;
};

const problems = (result: FormValidationResult) => {
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value)}`);
  return result.problems;
};

const text = (key: string, extra: Partial<FormComponent> = {}): FormComponent => ({
  type: 'textfield',
  key,
  label: key,
  ...extra,
});

describe('validateFormData', () => {
  describe('the submitted data', () => {
    it('must be a JSON object', () => {
      const schema = form(text('name'));
      for (const data of [null, 'x', [], 3]) {
        expect(problems(validate(schema, data))).toEqual([
          {
            field: '',
            code: 'NOT_AN_OBJECT',
            message: 'I dati del modulo devono essere un oggetto JSON.',
          },
        ]);
      }
    });

    it('returns the accepted answers and nothing else', () => {
      const schema = form(text('name'), text('surname'));
      expect(validate(schema, { name: 'Anna' })).toEqual({
        ok: true,
        value: { name: 'Anna' },
        notes: [],
      });
    });
  });

  describe('required (validate.required)', () => {
    const schema = form(text('name', { validate: { required: true } }));

    it('accepts a value', () => {
      expect(accepted(validate(schema, { name: 'Anna' }))).toEqual({ name: 'Anna' });
    });

    it.each([[{}], [{ name: '' }], [{ name: null }]])('refuses %j', (data) => {
      expect(problems(validate(schema, data))).toEqual([
        { field: 'name', code: 'REQUIRED', message: 'Campo obbligatorio.' },
      ]);
    });

    it('lets an optional field be left out, empty or null', () => {
      const optional = form(text('name'));
      expect(accepted(validate(optional, {}))).toEqual({});
      expect(accepted(validate(optional, { name: '' }))).toEqual({ name: '' });
      expect(accepted(validate(optional, { name: null }))).toEqual({ name: null });
    });
  });

  describe('textfield and textarea', () => {
    it('take a string', () => {
      const schema = form(text('name'), { type: 'textarea', key: 'story' });
      expect(accepted(validate(schema, { name: 'Anna', story: 'Riga 1\nRiga 2' }))).toEqual({
        name: 'Anna',
        story: 'Riga 1\nRiga 2',
      });
      expect(problems(validate(schema, { name: 42, story: ['a'] }))).toEqual([
        { field: 'name', code: 'WRONG_TYPE', message: 'Deve essere un testo.' },
        { field: 'story', code: 'WRONG_TYPE', message: 'Deve essere un testo.' },
      ]);
    });

    it('count maxLength on the trimmed text, as form-js does', () => {
      const schema = form({ type: 'textarea', key: 'story', validate: { maxLength: 500 } });
      expect(accepted(validate(schema, { story: `${'a'.repeat(500)}   ` }))).toBeDefined();
      expect(problems(validate(schema, { story: 'a'.repeat(501) }))).toEqual([
        { field: 'story', code: 'TOO_LONG', message: 'Al massimo 500 caratteri.' },
      ]);
    });

    it('count minLength on the trimmed text', () => {
      const schema = form(text('code', { validate: { minLength: 3 } }));
      expect(accepted(validate(schema, { code: 'abc' }))).toEqual({ code: 'abc' });
      expect(problems(validate(schema, { code: '  ab  ' }))).toEqual([
        { field: 'code', code: 'TOO_SHORT', message: 'Almeno 3 caratteri.' },
      ]);
    });

    it('evaluate a FEEL length bound against the data and the variables', () => {
      const schema = form(text('code', { validate: { maxLength: '=maxChars' } }));
      const variables = { maxChars: 4 };
      expect(accepted(validate(schema, { code: 'abcd' }, { variables }))).toEqual({ code: 'abcd' });
      expect(problems(validate(schema, { code: 'abcde' }, { variables }))).toEqual([
        { field: 'code', code: 'TOO_LONG', message: 'Al massimo 4 caratteri.' },
      ]);
      // form-js skips a bound whose expression yields no number; so does the server.
      expect(accepted(validate(schema, { code: 'abcde' }))).toEqual({ code: 'abcde' });
    });

    it('test pattern unanchored, as form-js does, with the form’s own message', () => {
      const schema = form(
        text('cap', { validate: { pattern: '^\\d{5}$', patternErrorMessage: 'CAP di 5 cifre.' } }),
        text('loose', { validate: { pattern: '\\d' } }),
      );
      expect(accepted(validate(schema, { cap: '90133', loose: 'via 1' }))).toBeDefined();
      expect(problems(validate(schema, { cap: '9013', loose: 'via' }))).toEqual([
        { field: 'cap', code: 'PATTERN', message: 'CAP di 5 cifre.' },
        { field: 'loose', code: 'PATTERN', message: 'Formato non valido.' },
      ]);
    });

    it('check validationType email', () => {
      const schema = form(text('email', { validate: { validationType: 'email' } }));
      expect(accepted(validate(schema, { email: 'anna.rossi@comune.palermo.it' }))).toBeDefined();
      expect(problems(validate(schema, { email: 'anna.rossi@' }))).toEqual([
        { field: 'email', code: 'EMAIL', message: 'Indirizzo email non valido.' },
      ]);
    });

    it('check validationType phone (international, form-js pattern anchored)', () => {
      const schema = form(text('phone', { validate: { validationType: 'phone' } }));
      expect(accepted(validate(schema, { phone: '+393331234567' }))).toBeDefined();
      // form-js's pattern also refuses Italian landlines (+39 0…): the shipped forms use
      // their own pattern for phone numbers.
      for (const phone of ['3331234567', 'tel+393331234567', '+390916543210']) {
        expect(problems(validate(schema, { phone }))).toEqual([
          {
            field: 'phone',
            code: 'PHONE',
            message:
              'Numero di telefono non valido: usare il formato internazionale (es. +393331234567).',
          },
        ]);
      }
    });
  });

  describe('number', () => {
    const number = (extra: Partial<FormComponent> = {}): FormComponent => ({
      type: 'number',
      key: 'n',
      ...extra,
    });

    it('takes a JSON number, not a numeric string', () => {
      const schema = form(number());
      expect(accepted(validate(schema, { n: -2.5 }))).toEqual({ n: -2.5 });
      for (const n of ['5', true, [1], 'NaN']) {
        expect(problems(validate(schema, { n }))).toEqual([
          { field: 'n', code: 'WRONG_TYPE', message: 'Deve essere un numero.' },
        ]);
      }
    });

    it('takes a numeric string when the field has serializeToString', () => {
      const schema = form(number({ serializeToString: true }));
      expect(accepted(validate(schema, { n: '12.50' }))).toEqual({ n: '12.50' });
      expect(problems(validate(schema, { n: 12.5 }))).toEqual([
        { field: 'n', code: 'WRONG_TYPE', message: 'Deve essere un numero.' },
      ]);
      expect(problems(validate(schema, { n: '0x10' }))).toHaveLength(1);
    });

    it('checks validate.min and validate.max', () => {
      const schema = form(number({ validate: { min: 1, max: 30 } }));
      expect(accepted(validate(schema, { n: 1 }))).toEqual({ n: 1 });
      expect(accepted(validate(schema, { n: 30 }))).toEqual({ n: 30 });
      expect(problems(validate(schema, { n: 0 }))).toEqual([
        { field: 'n', code: 'BELOW_MIN', message: 'Deve essere almeno 1.' },
      ]);
      expect(problems(validate(schema, { n: 30.5 }))).toEqual([
        { field: 'n', code: 'ABOVE_MAX', message: 'Deve essere al massimo 30.' },
      ]);
    });

    it('evaluates a FEEL bound', () => {
      const schema = form(number({ key: 'children' }), number({ validate: { max: '=children' } }));
      expect(accepted(validate(schema, { children: 3, n: 3 }))).toBeDefined();
      expect(problems(validate(schema, { children: 3, n: 4 }))).toEqual([
        { field: 'n', code: 'ABOVE_MAX', message: 'Deve essere al massimo 3.' },
      ]);
    });

    it('checks decimalDigits', () => {
      const integer = form(number({ decimalDigits: 0 }));
      expect(accepted(validate(integer, { n: 4 }))).toEqual({ n: 4 });
      expect(problems(validate(integer, { n: 4.5 }))).toEqual([
        { field: 'n', code: 'DECIMALS', message: 'Deve essere un numero intero.' },
      ]);
      const cents = form(number({ decimalDigits: 2 }));
      expect(accepted(validate(cents, { n: 12.34 }))).toEqual({ n: 12.34 });
      expect(problems(validate(cents, { n: 12.345 }))).toEqual([
        { field: 'n', code: 'DECIMALS', message: 'Al massimo 2 cifre decimali.' },
      ]);
    });

    it('checks increment with exact decimals', () => {
      const schema = form(number({ increment: 0.1 }));
      expect(accepted(validate(schema, { n: 0.3 }))).toEqual({ n: 0.3 });
      const halves = form(number({ increment: '0.5' }));
      expect(problems(validate(halves, { n: 1.25 }))).toEqual([
        {
          field: 'n',
          code: 'INCREMENT',
          message: 'Valore non valido: i due valori ammessi più vicini sono 1 e 1.5.',
        },
      ]);
    });
  });

  describe('checkbox', () => {
    it('takes a boolean', () => {
      const schema = form({ type: 'checkbox', key: 'consent' });
      expect(accepted(validate(schema, { consent: false }))).toEqual({ consent: false });
      expect(problems(validate(schema, { consent: 'sì' }))).toEqual([
        { field: 'consent', code: 'WRONG_TYPE', message: 'Deve essere vero o falso.' },
      ]);
    });

    it('when required, must be checked (form-js: an unchecked checkbox is unset)', () => {
      const schema = form({ type: 'checkbox', key: 'consent', validate: { required: true } });
      expect(accepted(validate(schema, { consent: true }))).toEqual({ consent: true });
      expect(problems(validate(schema, { consent: false }))).toEqual([
        { field: 'consent', code: 'REQUIRED', message: 'Campo obbligatorio.' },
      ]);
    });
  });

  describe('radio and select with static values', () => {
    const values = [
      { label: 'Accesso spontaneo', value: 'spontaneous' },
      { label: 'Inviato da terzi', value: 'referred' },
    ];

    it.each(['radio', 'select'])('%s takes one of the values', (type) => {
      const schema = form({ type, key: 'channel', values });
      expect(accepted(validate(schema, { channel: 'referred' }))).toEqual({ channel: 'referred' });
      expect(problems(validate(schema, { channel: 'Inviato da terzi' }))).toEqual([
        {
          field: 'channel',
          code: 'NOT_ALLOWED',
          message: 'Valore non ammesso: scegliere tra "spontaneous", "referred".',
        },
      ]);
    });

    it('compares the type too, and accepts bare primitive options', () => {
      const schema = form({ type: 'select', key: 'size', values: [1, 2, 3] });
      expect(accepted(validate(schema, { size: 2 }))).toEqual({ size: 2 });
      expect(problems(validate(schema, { size: '2' }))).toEqual([
        {
          field: 'size',
          code: 'NOT_ALLOWED',
          message: 'Valore non ammesso: scegliere tra 1, 2, 3.',
        },
      ]);
    });
  });

  describe('radio and select with options from a variable or an expression', () => {
    const caseManagers = form({
      type: 'select',
      key: 'caseManagerId',
      valuesKey: 'caseManagerOptions',
      validate: { required: true },
    });

    it('without the variable: accept any simple value and say so', () => {
      expect(validate(caseManagers, { caseManagerId: 'u-17' })).toEqual({
        ok: true,
        value: { caseManagerId: 'u-17' },
        notes: [
          {
            field: 'caseManagerId',
            code: 'OPTIONS_UNCHECKED',
            message:
              'Opzioni dalla variabile «caseManagerOptions», non disponibile: il valore non è stato confrontato con un elenco.',
          },
        ],
      });
      expect(problems(validate(caseManagers, { caseManagerId: { id: 'u-17' } }))).toEqual([
        {
          field: 'caseManagerId',
          code: 'WRONG_TYPE',
          message: 'Deve essere un valore semplice (testo o numero).',
        },
      ]);
      expect(problems(validate(caseManagers, {}))).toEqual([
        { field: 'caseManagerId', code: 'REQUIRED', message: 'Campo obbligatorio.' },
      ]);
    });

    it('with the variable: the value must be one of its options', () => {
      const variables = {
        caseManagerOptions: [
          { label: 'Giulia Bianchi', value: 'u-17' },
          { label: 'Marco Verdi', value: 'u-23' },
        ],
      };
      expect(validate(caseManagers, { caseManagerId: 'u-23' }, { variables })).toEqual({
        ok: true,
        value: { caseManagerId: 'u-23' },
        notes: [],
      });
      expect(problems(validate(caseManagers, { caseManagerId: 'u-99' }, { variables }))).toEqual([
        {
          field: 'caseManagerId',
          code: 'NOT_ALLOWED',
          message: 'Valore non ammesso: scegliere tra "u-17", "u-23".',
        },
      ]);
    });

    it('valuesExpression: accept any simple value and say so', () => {
      const schema = form({ type: 'radio', key: 'unit', valuesExpression: '=units' });
      expect(validate(schema, { unit: 'VII' })).toEqual({
        ok: true,
        value: { unit: 'VII' },
        notes: [
          {
            field: 'unit',
            code: 'OPTIONS_UNCHECKED',
            message:
              "Opzioni calcolate da un'espressione: il valore non è stato confrontato con un elenco.",
          },
        ],
      });
      expect(problems(validate(schema, { unit: ['VII'] }))).toHaveLength(1);
    });
  });

  describe.each(['checklist', 'taglist'])('%s', (type) => {
    const schema = form({
      type,
      key: 'reasons',
      values: [
        { label: 'Salute', value: 'health' },
        { label: 'Abitativa', value: 'housing' },
      ],
      validate: { required: true },
    });

    it('takes a list of allowed values', () => {
      expect(accepted(validate(schema, { reasons: ['housing', 'health'] }))).toEqual({
        reasons: ['housing', 'health'],
      });
    });

    it('refuses a value not allowed, a repeated one, and a non-list', () => {
      expect(problems(validate(schema, { reasons: ['health', 'work', 'health'] }))).toEqual([
        {
          field: 'reasons',
          code: 'NOT_ALLOWED',
          message: 'Valore non ammesso ("work"): scegliere tra "health", "housing".',
        },
        { field: 'reasons', code: 'DUPLICATE', message: 'Valore ripetuto: "health".' },
      ]);
      expect(problems(validate(schema, { reasons: 'health' }))).toEqual([
        { field: 'reasons', code: 'WRONG_TYPE', message: 'Deve essere un elenco di valori.' },
      ]);
    });

    it('when required, needs at least one value', () => {
      expect(problems(validate(schema, { reasons: [] }))).toEqual([
        { field: 'reasons', code: 'REQUIRED', message: 'Campo obbligatorio.' },
      ]);
    });
  });

  describe('datetime', () => {
    const datetime = (extra: Partial<FormComponent>): FormSchema =>
      form({ type: 'datetime', key: 'when', ...extra });

    it('date: an ISO calendar date', () => {
      const schema = datetime({ subtype: 'date' });
      expect(accepted(validate(schema, { when: '2024-02-29' }))).toEqual({ when: '2024-02-29' });
      for (const when of ['2025-02-29', '14/03/2025', '2025-03-14T10:00', 20250314]) {
        expect(problems(validate(schema, { when }))).toEqual([
          { field: 'when', code: 'DATE_FORMAT', message: 'Data non valida (AAAA-MM-GG).' },
        ]);
      }
    });

    it('date is the default subtype', () => {
      expect(problems(validate(datetime({}), { when: '10:00' }))).toHaveLength(1);
    });

    it('time: HH:MM in the serialising format of the field', () => {
      expect(accepted(validate(datetime({ subtype: 'time' }), { when: '09:30' }))).toBeDefined();
      expect(problems(validate(datetime({ subtype: 'time' }), { when: '9:30' }))).toEqual([
        { field: 'when', code: 'DATE_FORMAT', message: 'Ora non valida (HH:MM).' },
      ]);
      const offset = datetime({ subtype: 'time', timeSerializingFormat: 'utc_offset' });
      expect(accepted(validate(offset, { when: '09:30+01:00' }))).toBeDefined();
      expect(problems(validate(offset, { when: '09:30' }))).toEqual([
        { field: 'when', code: 'DATE_FORMAT', message: 'Ora non valida (HH:MM+01:00).' },
      ]);
      const utc = datetime({ subtype: 'time', timeSerializingFormat: 'utc_normalized' });
      expect(accepted(validate(utc, { when: '08:30Z' }))).toBeDefined();
      expect(problems(validate(utc, { when: '08:30+00:00' }))).toHaveLength(1);
    });

    it('datetime: date T time', () => {
      const schema = datetime({ subtype: 'datetime', timeSerializingFormat: 'utc_offset' });
      expect(accepted(validate(schema, { when: '2025-03-14T09:30+01:00' }))).toBeDefined();
      expect(problems(validate(schema, { when: '2025-03-14 09:30' }))).toEqual([
        {
          field: 'when',
          code: 'DATE_FORMAT',
          message: 'Data e ora non valide (AAAA-MM-GGTHH:MM+01:00).',
        },
      ]);
    });

    it('disallowPassedDates: not before today in Rome', () => {
      const schema = datetime({ subtype: 'date', disallowPassedDates: true });
      // 23:30 UTC on 14 March is already 15 March in Rome.
      const now = new Date('2025-03-14T23:30:00Z');
      expect(accepted(validate(schema, { when: '2025-03-15' }, { now }))).toBeDefined();
      expect(problems(validate(schema, { when: '2025-03-14' }, { now }))).toEqual([
        { field: 'when', code: 'PAST_DATE', message: 'La data non può essere nel passato.' },
      ]);
    });
  });

  describe('key paths with dots, and groups with a path', () => {
    const schema = form(text('applicant.name', { validate: { required: true } }), {
      type: 'group',
      path: 'applicant.address',
      components: [text('city'), text('street')],
    });

    it('read and write nested objects', () => {
      const data = { applicant: { name: 'Anna', address: { city: 'Palermo' } } };
      expect(accepted(validate(schema, data))).toEqual(data);
    });

    it('report problems with the full path', () => {
      expect(problems(validate(schema, { applicant: { address: { city: 7 } } }))).toEqual([
        { field: 'applicant.name', code: 'REQUIRED', message: 'Campo obbligatorio.' },
        { field: 'applicant.address.city', code: 'WRONG_TYPE', message: 'Deve essere un testo.' },
      ]);
    });

    it('refuse unknown keys inside, and a non-object where the group is', () => {
      expect(
        problems(validate(schema, { applicant: { name: 'Anna', age: 40, address: 'via Roma' } })),
      ).toEqual([
        { field: 'applicant.age', code: 'UNKNOWN_FIELD', message: 'Campo non previsto.' },
        {
          field: 'applicant.address',
          code: 'WRONG_TYPE',
          message: 'Deve essere un gruppo di campi (oggetto JSON).',
        },
      ]);
    });

    it('a group without a path keeps its children at its parent’s level', () => {
      const flat = form({ type: 'group', components: [text('city')] });
      expect(accepted(validate(flat, { city: 'Palermo' }))).toEqual({ city: 'Palermo' });
    });
  });

  describe('dynamic lists', () => {
    const schema = form(
      { type: 'number', key: 'householdSize' },
      {
        type: 'dynamiclist',
        path: 'members',
        isRepeating: true,
        components: [
          text('name', { validate: { required: true } }),
          {
            type: 'select',
            key: 'kinship',
            values: [
              { label: 'Figlio/a', value: 'child' },
              { label: 'Altro', value: 'other' },
            ],
          },
          // Shown only for "other" in the same row.
          text('kinshipOther', {
            validate: { required: true },
            conditional: { hide: '=this.kinship != "other"' },
          }),
          // Rows read the root data and their number too.
          text('note', { conditional: { hide: '=i[1] > householdSize' } }),
        ],
      },
    );

    it('validate each row and return the rows', () => {
      const data = {
        householdSize: 3,
        members: [
          { name: 'Luca', kinship: 'child' },
          { name: 'Rosa', kinship: 'other', kinshipOther: 'nonna' },
        ],
      };
      expect(accepted(validate(schema, data))).toEqual(data);
    });

    it('report problems as list.row.field', () => {
      const data = {
        householdSize: 3,
        members: [{ kinship: 'child' }, { name: 'Rosa', kinship: 'other' }],
      };
      expect(problems(validate(schema, data))).toEqual([
        { field: 'members.0.name', code: 'REQUIRED', message: 'Campo obbligatorio.' },
        { field: 'members.1.kinshipOther', code: 'REQUIRED', message: 'Campo obbligatorio.' },
      ]);
    });

    it('evaluate conditions per row, with the root data in scope', () => {
      const data = {
        householdSize: 1,
        members: [
          { name: 'Luca', kinship: 'child', kinshipOther: 'x' },
          { name: 'Rosa', note: 'oltre il nucleo dichiarato' },
        ],
      };
      expect(problems(validate(schema, data))).toEqual([
        {
          field: 'members.0.kinshipOther',
          code: 'HIDDEN_FIELD',
          message: 'Campo nascosto dalle risposte date: non va compilato.',
        },
        {
          field: 'members.1.note',
          code: 'HIDDEN_FIELD',
          message: 'Campo nascosto dalle risposte date: non va compilato.',
        },
      ]);
    });

    it('refuse a non-list, a row that is not an object, and unknown keys in a row', () => {
      expect(problems(validate(schema, { members: { name: 'Luca' } }))).toEqual([
        { field: 'members', code: 'WRONG_TYPE', message: 'Deve essere un elenco di righe.' },
      ]);
      expect(problems(validate(schema, { members: ['Luca', { name: 'Rosa', age: 80 }] }))).toEqual([
        {
          field: 'members.0',
          code: 'WRONG_TYPE',
          message: 'Riga non valida: deve essere un oggetto JSON con i campi della riga.',
        },
        { field: 'members.1.age', code: 'UNKNOWN_FIELD', message: 'Campo non previsto.' },
      ]);
    });

    it('accept an empty list and keep empty rows in place', () => {
      expect(accepted(validate(schema, { members: [] }))).toEqual({ members: [] });
      const relaxed = form({ type: 'dynamiclist', path: 'rows', components: [text('a')] });
      expect(accepted(validate(relaxed, { rows: [{}, { a: 'x' }] }))).toEqual({
        rows: [{}, { a: 'x' }],
      });
    });

    it('nest lists, with parent in scope', () => {
      const nested = form({
        type: 'dynamiclist',
        path: 'families',
        components: [
          text('surname'),
          {
            type: 'dynamiclist',
            path: 'children',
            components: [text('name', { conditional: { hide: '=parent.surname = "X"' } })],
          },
        ],
      });
      const data = { families: [{ surname: 'Rossi', children: [{ name: 'Ada' }] }] };
      expect(accepted(validate(nested, data))).toEqual(data);
      expect(
        problems(validate(nested, { families: [{ surname: 'X', children: [{ name: 'Ada' }] }] })),
      ).toEqual([
        {
          field: 'families.0.children.0.name',
          code: 'HIDDEN_FIELD',
          message: 'Campo nascosto dalle risposte date: non va compilato.',
        },
      ]);
    });
  });

  describe('conditional.hide', () => {
    const schema = form(
      {
        type: 'radio',
        key: 'channel',
        values: [
          { label: 'Spontaneo', value: 'spontaneous' },
          { label: 'Inviato', value: 'referred' },
        ],
      },
      text('referrer', {
        validate: { required: true },
        conditional: { hide: '=channel != "referred"' },
      }),
    );

    it('a shown field is required', () => {
      expect(accepted(validate(schema, { channel: 'referred', referrer: 'Questura' }))).toEqual({
        channel: 'referred',
        referrer: 'Questura',
      });
      expect(problems(validate(schema, { channel: 'referred' }))).toEqual([
        { field: 'referrer', code: 'REQUIRED', message: 'Campo obbligatorio.' },
      ]);
    });

    it('a hidden field is not required, and an empty value for it is dropped', () => {
      expect(accepted(validate(schema, { channel: 'spontaneous' }))).toEqual({
        channel: 'spontaneous',
      });
      expect(accepted(validate(schema, { channel: 'spontaneous', referrer: '' }))).toEqual({
        channel: 'spontaneous',
      });
    });

    it('a hidden field must not carry a value (form-js never submits it)', () => {
      expect(problems(validate(schema, { channel: 'spontaneous', referrer: 'Questura' }))).toEqual([
        {
          field: 'referrer',
          code: 'HIDDEN_FIELD',
          message: 'Campo nascosto dalle risposte date: non va compilato.',
        },
      ]);
    });

    it('hides the children of a hidden group', () => {
      const grouped = form(
        { type: 'checkbox', key: 'byOther' },
        {
          type: 'group',
          path: 'requester',
          conditional: { hide: '=byOther != true' },
          components: [text('name', { validate: { required: true } })],
        },
      );
      expect(accepted(validate(grouped, { byOther: false }))).toEqual({ byOther: false });
      expect(problems(validate(grouped, { byOther: true }))).toEqual([
        { field: 'requester.name', code: 'REQUIRED', message: 'Campo obbligatorio.' },
      ]);
      expect(problems(validate(grouped, { requester: { name: 'Anna' } }))).toEqual([
        {
          field: 'requester.name',
          code: 'HIDDEN_FIELD',
          message: 'Campo nascosto dalle risposte date: non va compilato.',
        },
      ]);
    });

    it('reads the input variables', () => {
      const byRole = form(text('note', { conditional: { hide: '=role != "coordinator"' } }));
      expect(
        accepted(validate(byRole, { note: 'ok' }, { variables: { role: 'coordinator' } })),
      ).toEqual({ note: 'ok' });
      expect(
        problems(validate(byRole, { note: 'ok' }, { variables: { role: 'operator' } })),
      ).toHaveLength(1);
    });

    it('evaluates against the answers left after hiding, as form-js renders', () => {
      // b is hidden unless a; c is shown when b = "yes". A stale b must not show c.
      const chained = form(
        { type: 'checkbox', key: 'a' },
        text('b', { conditional: { hide: '=a != true' } }),
        text('c', { validate: { required: true }, conditional: { hide: '=b != "yes"' } }),
      );
      expect(accepted(validate(chained, { a: true, b: 'no' }))).toEqual({ a: true, b: 'no' });
      expect(problems(validate(chained, { a: true, b: 'yes' }))).toEqual([
        { field: 'c', code: 'REQUIRED', message: 'Campo obbligatorio.' },
      ]);
      expect(problems(validate(chained, { a: false, b: 'yes' }))).toEqual([
        {
          field: 'b',
          code: 'HIDDEN_FIELD',
          message: 'Campo nascosto dalle risposte date: non va compilato.',
        },
      ]);
    });

    it('hides only on exactly true: a test yielding a non-boolean shows the field', () => {
      const nonBoolean = form(
        text('x', { validate: { required: true }, conditional: { hide: '=flag' } }),
      );
      expect(problems(validate(nonBoolean, {}, { variables: { flag: 'yes' } }))).toEqual([
        { field: 'x', code: 'REQUIRED', message: 'Campo obbligatorio.' },
      ]);
    });

    it('follows feelin’s unary tests: a comparison with a missing variable is true', () => {
      // null > 1 is null, and a unary test without input compares null with null.
      // form-js's @bpmn-io/feelin 6 gives the same, so the browser hides the field too.
      const missing = form(
        text('x', { validate: { required: true }, conditional: { hide: '=a.b.c > 1' } }),
      );
      expect(accepted(validate(missing, {}))).toEqual({});
    });
  });

  describe('unknown keys', () => {
    const schema = form(text('name'));

    it.each(['surname', '__proto__', 'toString', 'constructor'])('refuses %s', (key) => {
      const data = JSON.parse(`{"name": "Anna", "${key}": "x"}`) as unknown;
      expect(problems(validate(schema, data))).toEqual([
        { field: key, code: 'UNKNOWN_FIELD', message: 'Campo non previsto.' },
      ]);
    });

    it('does not take the value of an unknown key as a prototype', () => {
      const data = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
      validate(schema, data);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('components that take no input', () => {
    const schema = form(
      { type: 'text', text: '# Titolo' },
      { type: 'html', content: '<p>x</p>' },
      { type: 'image', source: 'https://example.org/a.png' },
      { type: 'spacer' },
      { type: 'separator' },
      { type: 'iframe', url: 'https://example.org' },
      { type: 'table', dataSource: '=rows' },
      { type: 'button', action: 'submit', label: 'Invia' },
      text('name'),
    );

    it('are ignored', () => {
      expect(accepted(validate(schema, { name: 'Anna' }))).toEqual({ name: 'Anna' });
    });

    it('bind no key', () => {
      expect(problems(validate(schema, { name: 'Anna', text: 'x' }))).toEqual([
        { field: 'text', code: 'UNKNOWN_FIELD', message: 'Campo non previsto.' },
      ]);
    });
  });

  describe('disabled and readonly fields', () => {
    const schema = form(
      text('operator', { readonly: true, validate: { required: true } }),
      text('unit', { disabled: true }),
      text('reviewed', { readonly: '=status = "closed"' }),
      text('secret', { conditional: { hide: '=operator != "admin"' } }),
    );

    it('accept the key, take no value from the input, and say so', () => {
      expect(validate(schema, { operator: 'mrossi', unit: 'VII', reviewed: 'x' })).toEqual({
        ok: true,
        value: { reviewed: 'x' },
        notes: [
          {
            field: 'operator',
            code: 'READONLY_IGNORED',
            message: 'Campo in sola lettura: il valore inviato non viene registrato.',
          },
          {
            field: 'unit',
            code: 'DISABLED_IGNORED',
            message: 'Campo disattivato: il valore inviato non viene registrato.',
          },
        ],
      });
    });

    it('are not checked (not even required)', () => {
      expect(accepted(validate(schema, { unit: 42 }))).toEqual({});
    });

    it('readonly as a FEEL condition', () => {
      const result = validate(schema, { reviewed: 'x' }, { variables: { status: 'closed' } });
      expect(result).toMatchObject({ ok: true, value: {} });
    });

    it('keep the variable’s value for conditions: a forged value changes nothing', () => {
      const variables = { operator: 'mrossi' };
      expect(problems(validate(schema, { operator: 'admin', secret: 's' }, { variables }))).toEqual(
        [
          {
            field: 'secret',
            code: 'HIDDEN_FIELD',
            message: 'Campo nascosto dalle risposte date: non va compilato.',
          },
        ],
      );
      expect(
        accepted(validate(schema, { secret: 's' }, { variables: { operator: 'admin' } })),
      ).toEqual({ secret: 's' });
    });
  });

  it('lists every problem of a submission, fields in form order, then unknown keys', () => {
    const schema = form(
      text('a', { validate: { required: true } }),
      { type: 'number', key: 'b' },
      text('c', { validate: { maxLength: 2 } }),
    );
    expect(problems(validate(schema, { z: 1, b: 'x', c: 'abc' }))).toEqual([
      { field: 'a', code: 'REQUIRED', message: 'Campo obbligatorio.' },
      { field: 'b', code: 'WRONG_TYPE', message: 'Deve essere un numero.' },
      { field: 'c', code: 'TOO_LONG', message: 'Al massimo 2 caratteri.' },
      { field: 'z', code: 'UNKNOWN_FIELD', message: 'Campo non previsto.' },
    ]);
  });
});
