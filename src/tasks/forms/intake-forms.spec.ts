import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFormSchema } from './compile-form-schema.util';
import type { FormComponent, FormSchema, FormValidationResult } from './form-schema.types';
import { validateFormData } from './validate-form-data.util';

// The forms shipped in bpmn/forms/ for the Segretariato Sociale intake (FORMS.md, first
// section), validated as the server will validate a caseworker's submission.

const formsDir = join(__dirname, '../../../bpmn/forms');
const load = (file: string): FormSchema =>
  JSON.parse(readFileSync(join(formsDir, file), 'utf8')) as FormSchema;

const accessSheet = load('intake-access-sheet.form');
const takeInCharge = load('intake-take-in-charge.form');

const hidden = 'Campo nascosto dalle risposte date: non va compilato.';

const problems = (result: FormValidationResult) => {
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value)}`);
  return result.problems;
};

function components(schema: { components?: FormComponent[] }): FormComponent[] {
  return (schema.components ?? []).flatMap((c) => [c, ...components(c)]);
}

describe.each([
  ['intake-access-sheet.form', accessSheet],
  ['intake-take-in-charge.form', takeInCharge],
])('%s', (file, schema) => {
  it('is a form-js schema the server can check', () => {
    expect(() => compileFormSchema(schema)).not.toThrow();
    expect(schema.type).toBe('default');
    expect(schema.id).toBe(file.replace(/\.form$/, ''));
  });

  it('has a schemaVersion the installed form-js accepts', () => {
    // Read, not imported: the viewer is browser code.
    const viewer = readFileSync(
      join(__dirname, '../../../node_modules/@bpmn-io/form-js-viewer/dist/index.es.js'),
      'utf8',
    );
    const supported = Number(/const schemaVersion = (\d+);/.exec(viewer)?.[1]);
    expect(supported).toBeGreaterThanOrEqual(19);
    expect(schema.schemaVersion).toBeLessThanOrEqual(supported);
  });

  it('has English camelCase keys and an Italian label on every input', () => {
    for (const component of components(schema)) {
      if (component.key !== undefined) {
        expect(component.key).toMatch(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/);
        expect(component.label ?? component.dateLabel).toEqual(expect.any(String));
      }
      if (component.path !== undefined) expect(component.path).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    }
  });

  it('keeps option lists as plain values an administrator can edit', () => {
    for (const component of components(schema)) {
      if (!Array.isArray(component.values)) continue;
      for (const option of component.values) {
        expect(option).toEqual({ label: expect.any(String), value: expect.any(String) });
      }
    }
  });
});

describe('scheda di accesso (intake-access-sheet)', () => {
  const variables = { operatorName: 'Giulia Bianchi' };

  /** A referral by a school, presented by the grandmother, to be taken in charge. */
  const referredToCaseworker = {
    accessDate: '2025-03-14',
    operatorName: 'Giulia Bianchi',
    channel: 'referred',
    referrerType: 'school',
    referrerName: 'I.C. Antonio Ugo, Palermo',
    personConcerned: {
      lastName: 'Russo',
      firstName: 'Salvatore',
      birthDate: '2014-09-02',
      taxCode: 'RSSSVT14P02G273X',
      address: 'Via Roma 12, Palermo',
    },
    requestedByOther: true,
    requester: {
      lastName: 'Russo',
      firstName: 'Maria',
      relationship: 'relative',
      phone: '+39 333 1234567',
    },
    householdSize: 4,
    minorsInHousehold: true,
    householdSummary: 'Madre, nonna e due figli di 10 e 6 anni; padre detenuto.',
    expressedRequest:
      'La scuola segnala assenze frequenti; la nonna chiede aiuto per seguire i bambini.',
    userArea: 'familyAndMinors',
    reasons: ['family', 'economic'],
    outcome: 'takeInCharge',
    pathToOpen: 'minors',
    notes: '',
  };

  it('accepts a realistic referral and takes everything but the operator', () => {
    const answers: Record<string, unknown> = { ...referredToCaseworker };
    delete answers.operatorName;
    expect(validateFormData(accessSheet, referredToCaseworker, { variables })).toEqual({
      ok: true,
      value: answers,
      notes: [
        {
          field: 'operatorName',
          code: 'READONLY_IGNORED',
          message: 'Campo in sola lettura: il valore inviato non viene registrato.',
        },
      ],
    });
  });

  it('accepts a spontaneous access closed with information, with only what is required', () => {
    const data = {
      accessDate: '2025-03-14',
      channel: 'spontaneous',
      personConcerned: { lastName: 'Ferrara', firstName: 'Ada' },
      expressedRequest: "Informazioni sull'Assegno di Inclusione.",
      userArea: 'povertyAdultHardshipHomeless',
      reasons: ['economic'],
      outcome: 'information',
    };
    expect(validateFormData(accessSheet, data, { variables })).toEqual({
      ok: true,
      value: data,
      notes: [],
    });
  });

  it('accepts what form-js 1.23 submits, empty values of unanswered fields included', () => {
    // Captured from form-js-viewer 1.23's Form.submit() for this schema (jsdom): the browser
    // sends '' / null / false / [] for what was left blank, and no key for hidden fields.
    const browserSubmission = {
      accessDate: '2025-03-14',
      operatorName: 'Giulia Bianchi',
      channel: 'spontaneous',
      personConcerned: {
        lastName: 'Ferrara',
        firstName: 'Ada',
        birthDate: null,
        taxCode: '',
        address: '',
        phone: '',
      },
      requestedByOther: false,
      householdSize: null,
      minorsInHousehold: false,
      householdSummary: '',
      expressedRequest: 'Info',
      userArea: 'elderly',
      reasons: ['economic'],
      outcome: 'information',
      notes: '',
    };
    const answers: Record<string, unknown> = { ...browserSubmission };
    delete answers.operatorName;
    expect(validateFormData(accessSheet, browserSubmission, { variables })).toMatchObject({
      ok: true,
      value: answers,
    });
  });

  it('refuses an empty sheet, naming every required field', () => {
    // The same eight fields form-js 1.23 reports for this schema with no answers.
    expect(problems(validateFormData(accessSheet, {}, { variables }))).toEqual(
      [
        'accessDate',
        'channel',
        'personConcerned.lastName',
        'personConcerned.firstName',
        'expressedRequest',
        'userArea',
        'reasons',
        'outcome',
      ].map((field) => ({ field, code: 'REQUIRED', message: 'Campo obbligatorio.' })),
    );
  });

  it('asks who referred only when the channel is "inviato da terzi"', () => {
    expect(
      problems(validateFormData(accessSheet, { ...referredToCaseworker, referrerType: undefined })),
    ).toEqual([{ field: 'referrerType', code: 'REQUIRED', message: 'Campo obbligatorio.' }]);
    expect(
      problems(validateFormData(accessSheet, { ...referredToCaseworker, channel: 'spontaneous' })),
    ).toEqual([
      { field: 'referrerType', code: 'HIDDEN_FIELD', message: hidden },
      { field: 'referrerName', code: 'HIDDEN_FIELD', message: hidden },
    ]);
    expect(
      problems(validateFormData(accessSheet, { ...referredToCaseworker, referrerType: 'parish' })),
    ).toEqual([
      {
        field: 'referrerType',
        code: 'NOT_ALLOWED',
        message:
          'Valore non ammesso: scegliere tra "police", "line114", "hospital", "court", "asp", "school", "otherMunicipality", "thirdSector".',
      },
    ]);
  });

  it('requires the path to open only for "presa in carico", and refuses it otherwise', () => {
    expect(
      problems(validateFormData(accessSheet, { ...referredToCaseworker, pathToOpen: undefined })),
    ).toEqual([{ field: 'pathToOpen', code: 'REQUIRED', message: 'Campo obbligatorio.' }]);
    expect(
      problems(validateFormData(accessSheet, { ...referredToCaseworker, outcome: 'guidance' })),
    ).toEqual([{ field: 'pathToOpen', code: 'HIDDEN_FIELD', message: hidden }]);
    expect(
      problems(validateFormData(accessSheet, { ...referredToCaseworker, pathToOpen: 'intake' })),
    ).toEqual([
      {
        field: 'pathToOpen',
        code: 'NOT_ALLOWED',
        message:
          'Valore non ammesso: scegliere tra "inclusionPact", "evictionPreAssessment", "minors", "adoption", "familyStayAssessment", "elderlyCare", "disabilityProject", "violenceAgainstWomen", "urgentRequest", "housing", "housingLed", "semiResidential", "postAdoption", "careLeavers", "serviceReferral".',
      },
    ]);
  });

  it('asks for the receiving service when the outcome is "invio ad altro servizio"', () => {
    const data = { ...referredToCaseworker, outcome: 'referralToOtherService' };
    delete (data as Partial<typeof data>).pathToOpen;
    expect(problems(validateFormData(accessSheet, data))).toEqual([
      { field: 'referralService', code: 'REQUIRED', message: 'Campo obbligatorio.' },
    ]);
    expect(
      validateFormData(accessSheet, { ...data, referralService: 'Consultorio familiare ASP' }),
    ).toMatchObject({ ok: true });
  });

  it('asks for the requester only when someone else presents the request', () => {
    expect(
      problems(
        validateFormData(accessSheet, {
          ...referredToCaseworker,
          requester: { phone: '333 1234567' },
        }),
      ),
    ).toEqual([
      { field: 'requester.lastName', code: 'REQUIRED', message: 'Campo obbligatorio.' },
      { field: 'requester.firstName', code: 'REQUIRED', message: 'Campo obbligatorio.' },
      { field: 'requester.relationship', code: 'REQUIRED', message: 'Campo obbligatorio.' },
    ]);
    expect(
      problems(validateFormData(accessSheet, { ...referredToCaseworker, requestedByOther: false })),
    ).toEqual(
      ['lastName', 'firstName', 'relationship', 'phone'].map((key) => ({
        field: `requester.${key}`,
        code: 'HIDDEN_FIELD',
        message: hidden,
      })),
    );
  });

  it('checks formats, numbers and lists field by field', () => {
    const data = {
      ...referredToCaseworker,
      accessDate: '14/03/2025',
      personConcerned: { ...referredToCaseworker.personConcerned, taxCode: 'RSSSVT14' },
      householdSize: 2.5,
      expressedRequest: 'x'.repeat(20001),
      userArea: 'Famiglia e minori',
      reasons: ['family', 'loneliness'],
    };
    expect(problems(validateFormData(accessSheet, data))).toEqual([
      { field: 'accessDate', code: 'DATE_FORMAT', message: 'Data non valida (AAAA-MM-GG).' },
      {
        field: 'personConcerned.taxCode',
        code: 'PATTERN',
        message: 'Codice fiscale non valido: 16 caratteri, lettere e cifre.',
      },
      { field: 'householdSize', code: 'DECIMALS', message: 'Deve essere un numero intero.' },
      { field: 'expressedRequest', code: 'TOO_LONG', message: 'Al massimo 20000 caratteri.' },
      {
        field: 'userArea',
        code: 'NOT_ALLOWED',
        message:
          'Valore non ammesso: scegliere tra "familyAndMinors", "disability", "addiction", "elderly", "immigrantsRomaSintiCaminanti", "povertyAdultHardshipHomeless", "multiUser".',
      },
      {
        field: 'reasons',
        code: 'NOT_ALLOWED',
        message:
          'Valore non ammesso ("loneliness"): scegliere tra "health", "family", "violenceAbuse", "marginality", "citizenshipRights", "economic", "housing", "judicial".',
      },
    ]);
  });

  it('refuses keys the sheet does not have', () => {
    expect(
      problems(
        validateFormData(accessSheet, {
          ...referredToCaseworker,
          caseManagerId: 'u-17',
          personConcerned: { ...referredToCaseworker.personConcerned, isee: 4500 },
        }),
      ),
    ).toEqual([
      { field: 'personConcerned.isee', code: 'UNKNOWN_FIELD', message: 'Campo non previsto.' },
      { field: 'caseManagerId', code: 'UNKNOWN_FIELD', message: 'Campo non previsto.' },
    ]);
  });
});

describe('presa in carico (intake-take-in-charge)', () => {
  const now = new Date('2025-03-17T09:00:00+01:00');
  const variables = {
    personConcerned: { lastName: 'Russo', firstName: 'Salvatore' },
    pathToOpen: 'minors',
    caseManagerOptions: [
      { label: 'Giulia Bianchi', value: 'u-17' },
      { label: 'Marco Verdi', value: 'u-23' },
    ],
  };
  /** What form-js submits: the read-only fields with the variables' values, and the answers. */
  const submission = {
    personConcerned: { lastName: 'Russo', firstName: 'Salvatore' },
    pathToOpen: 'minors',
    caseManagerId: 'u-23',
    firstMeetingDate: '2025-03-20',
    assignmentNotes: 'Contattare prima la scuola.',
  };

  it('accepts an assignment to a case manager of the list', () => {
    const result = validateFormData(takeInCharge, submission, { variables, now });
    expect(result).toEqual({
      ok: true,
      value: {
        caseManagerId: 'u-23',
        firstMeetingDate: '2025-03-20',
        assignmentNotes: 'Contattare prima la scuola.',
      },
      notes: ['personConcerned.lastName', 'personConcerned.firstName', 'pathToOpen'].map(
        (field) => ({
          field,
          code: 'READONLY_IGNORED',
          message: 'Campo in sola lettura: il valore inviato non viene registrato.',
        }),
      ),
    });
  });

  it('refuses a case manager not in the list, a past meeting date, long notes', () => {
    expect(
      problems(
        validateFormData(
          takeInCharge,
          {
            caseManagerId: 'u-99',
            firstMeetingDate: '2025-03-16',
            assignmentNotes: 'x'.repeat(501),
          },
          { variables, now },
        ),
      ),
    ).toEqual([
      {
        field: 'caseManagerId',
        code: 'NOT_ALLOWED',
        message: 'Valore non ammesso: scegliere tra "u-17", "u-23".',
      },
      {
        field: 'firstMeetingDate',
        code: 'PAST_DATE',
        message: 'La data non può essere nel passato.',
      },
      { field: 'assignmentNotes', code: 'TOO_LONG', message: 'Al massimo 500 caratteri.' },
    ]);
  });

  it('requires a case manager', () => {
    expect(problems(validateFormData(takeInCharge, {}, { variables, now }))).toEqual([
      { field: 'caseManagerId', code: 'REQUIRED', message: 'Campo obbligatorio.' },
    ]);
  });

  it('without the list of case managers accepts an id and says it was not checked', () => {
    expect(validateFormData(takeInCharge, { caseManagerId: 'u-99' }, { now })).toEqual({
      ok: true,
      value: { caseManagerId: 'u-99' },
      notes: [
        {
          field: 'caseManagerId',
          code: 'OPTIONS_UNCHECKED',
          message:
            'Opzioni dalla variabile «caseManagerOptions», non disponibile: il valore non è stato confrontato con un elenco.',
        },
      ],
    });
  });
});
