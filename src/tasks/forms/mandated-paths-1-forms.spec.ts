import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFormSchema } from './compile-form-schema.util';
import type { FormComponent, FormSchema, FormValidationResult } from './form-schema.types';
import { validateFormData } from './validate-form-data.util';

// The forms of the inclusion pact, eviction, urgent request and minors paths (FORMS.md),
// each validated as the server validates a caseworker's submission: a realistic answer is
// taken, a wrong one refused with the field named.

const formsDir = join(__dirname, '../../../bpmn/forms');
const PREFIXES = ['adi-', 'eviction-', 'urgent-', 'minors-'];
const files = readdirSync(formsDir).filter(
  (f) => f.endsWith('.form') && PREFIXES.some((p) => f.startsWith(p)),
);
const load = (id: string): FormSchema =>
  JSON.parse(readFileSync(join(formsDir, `${id}.form`), 'utf8')) as FormSchema;
const now = new Date('2026-03-02T09:00:00.000Z');

function components(schema: { components?: FormComponent[] }): FormComponent[] {
  return (schema.components ?? []).flatMap((c) => [c, ...components(c)]);
}
const fields = (result: FormValidationResult) => {
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value)}`);
  return result.problems.map((p) => p.field).sort();
};

/** One realistic submission and one wrong one (with the fields it must name) per form. */
const CASES: Record<string, [Record<string, unknown>, Record<string, unknown>, string[]]> = {
  'adi-pad': [
    {
      benefit: 'ADI',
      padDate: '2026-02-10',
      inpsApplicationNumber: 'INPS-ADI-2026-000123',
      householdSize: 4,
    },
    { benefit: 'REI', householdSize: 0 },
    ['benefit', 'householdSize', 'padDate'],
  ],
  'adi-first-meeting': [
    { meetingDate: '2026-03-10', meetingOutcome: 'noShowJustified', justification: 'Ricovero.' },
    { meetingDate: '2026-03-10', meetingOutcome: 'held', justification: 'Non dovuta.' },
    ['justification'],
  ],
  'adi-preliminary-analysis': [
    {
      analysisDate: '2026-03-12',
      householdComposition: 'Madre e due figli minori.',
      needAreas: ['work', 'housing'],
      members: [{ name: 'Maria Rossi', workCondition: 'obliged' }],
      preliminaryOutcome: 'D',
    },
    {
      analysisDate: '2026-03-12',
      needAreas: [],
      members: [{ name: 'X', workCondition: 'retired' }],
      preliminaryOutcome: 'E',
    },
    ['members.0.workCondition', 'needAreas', 'preliminaryOutcome'],
  ],
  'adi-job-centre-referral': [
    {
      jobCentreReferralDate: '2026-03-12',
      jobCentre: "Centro per l'impiego di Palermo",
      servicePactDays: 60,
    },
    { jobCentreReferralDate: '2026-03-12', jobCentre: 'CPI', servicePactDays: 0 },
    ['servicePactDays'],
  ],
  'adi-service-pact': [
    { servicePactSignedOn: '2026-04-20' },
    { servicePactSignedOn: '20/04/2026' },
    ['servicePactSignedOn'],
  ],
  'adi-specialist-liaison': [
    { specialistService: 'addiction', contactPerson: 'Dott.ssa Lo Cascio' },
    { specialistService: 'school' },
    ['specialistService'],
  ],
  'adi-analysis-framework': [
    { teamMembers: 'Assistente sociale, CPI, CSM', workSituation: 'Disoccupata da 2 anni.' },
    { workSituation: 'x' },
    ['teamMembers'],
  ],
  'adi-pact': [
    {
      pactSignedOn: '2026-03-20',
      generalObjectives: 'Autonomia economica.',
      expectedResults: 'Tirocinio avviato entro giugno.',
      supports: ['inclusionInternship', 'parenting'],
      commitments: [{ action: 'Colloquio al CPI', member: 'Maria', dueDate: '2026-04-15' }],
      pucHoursPerWeek: 8,
    },
    {
      pactSignedOn: '2026-03-20',
      generalObjectives: 'x',
      expectedResults: 'y',
      pucHoursPerWeek: 20,
      commitments: [{ member: 'M' }],
    },
    ['commitments.0.action', 'pucHoursPerWeek'],
  ],
  'adi-periodic-check': [
    {
      checkDate: '2026-06-18',
      progress: 'Tirocinio in corso.',
      commitmentsMet: 'all',
      checkOutcome: 'continue',
    },
    { checkDate: '2026-06-18', progress: 'x', commitmentsMet: 'all', checkOutcome: 'suspend' },
    ['checkOutcome'],
  ],
  'adi-inps-report': [
    {
      inpsMeasure: 'suspension',
      inpsReason: 'Verifica non svolta.',
      inpsDecision: 'approved',
      inpsSentOn: '2026-06-20',
    },
    { inpsMeasure: 'suspension', inpsReason: 'x', inpsDecision: 'approved' },
    ['inpsSentOn'],
  ],
  'eviction-census': [
    {
      censusDate: '2026-04-20',
      building: { address: 'Via Maqueda 100, Palermo', owner: 'IACP', condition: 'unsafe' },
      occupants: [
        {
          lastName: 'Bruno',
          firstName: 'Rosa',
          minor: false,
          fragile: true,
          isee: 3200.5,
          legalStatus: 'citizen',
          proposedSolution: 'alternativeAccommodation',
        },
        {
          lastName: 'Bruno',
          firstName: 'Ivan',
          birthDate: '2015-01-03',
          minor: true,
          proposedSolution: 'assistanceAtEviction',
        },
      ],
      proposals: 'Alloggio temporaneo per la signora Bruno.',
    },
    {
      censusDate: '2026-04-20',
      building: { address: 'Via Maqueda 100' },
      occupants: [{ lastName: 'Bruno', firstName: 'Rosa', proposedSolution: 'hotel' }],
      proposals: 'x',
    },
    ['building.condition', 'occupants.0.proposedSolution'],
  ],
  'eviction-outcome': [
    { evictionHeldOn: '2026-04-30', peopleAccommodated: 3, householdsToTakeInCharge: 1 },
    { evictionHeldOn: '2026-04-30', householdsToTakeInCharge: -1 },
    ['householdsToTakeInCharge'],
  ],
  'urgent-triage': [
    {
      requestSource: 'line114',
      receivedAt: '2026-03-02T01:40+01:00',
      concernsMinor: true,
      situation: 'Bambino solo in casa.',
      urgentOutcome: 'art403Placement',
      placementTime: '2026-03-02T02:15+01:00',
      placementPlace: 'Comunità di pronta accoglienza',
      pmOralNoticeAt: '2026-03-02T02:30+01:00',
      pmOralNoticeTo: 'dott.ssa Lo Presti',
    },
    {
      requestSource: 'police',
      situation: 'x',
      urgentOutcome: 'handled',
      placementTime: '2026-03-02T02:15+01:00',
    },
    ['placementTime'],
  ],
  'minors-track': [
    {
      minorsTrack: 'courtMandate',
      measureType: 'vigilanceSupport',
      judicialAuthority: 'juvenileCourt',
      docketNumber: '12/2026',
      notificationDate: '2026-03-20',
    },
    { minorsTrack: 'urgentRemoval', measureType: 'placement', placementTime: '2026-03-01T23:30' },
    ['placementTime', 'pmOralNoticeAt', 'pmOralNoticeTo'],
  ],
  'adi-benefit-renewal': [
    {
      renewalPreparedOn: '2026-08-20',
      renewalOutcome: 'renew',
      renewalStartDate: '2026-10-01',
      renewalNotes: 'Domanda di rinnovo presentata.',
    },
    { renewalPreparedOn: '2026-08-20', renewalOutcome: 'close', renewalStartDate: '2026-10-01' },
    ['renewalStartDate'],
  ],
  'minors-mandate-decree': [
    { decreeDate: '2026-10-12', reportIntervalMonths: 3, mandateEndDate: '2027-10-12' },
    { reportIntervalMonths: 2.5 },
    ['decreeDate', 'reportIntervalMonths'],
  ],
  'minors-pm-report': [
    { pmReportSentAt: '2026-03-02T18:00+01:00', pmReportSummary: 'Collocazione in comunità.' },
    { pmReportSentAt: '2026-03-02' },
    ['pmReportSentAt', 'pmReportSummary'],
  ],
  'minors-responsible': [
    {
      responsibleName: 'Anna Greco',
      responsibleCommunicatedOn: '2026-03-25',
      responsibleRecipients: ['court', 'parents', 'guardian'],
    },
    {
      responsibleName: 'Anna Greco',
      responsibleCommunicatedOn: '2026-03-25',
      responsibleRecipients: ['school'],
    },
    ['responsibleRecipients'],
  ],
  'minors-care-project': [
    {
      projectStartDate: '2026-04-01',
      expectedMonths: 18,
      fosterCarers: 'relatives',
      reasons: 'Madre in cura presso il SerD.',
    },
    { projectStartDate: '2026-04-01', expectedMonths: 30, fosterCarers: 'relatives', reasons: 'x' },
    ['expectedMonths'],
  ],
  'minors-handover': [
    { handoverMeetingDueDate: '2026-04-15', eiamReference: 'EIAM 7/2025' },
    { eiamReference: 'EIAM 7/2025' },
    ['handoverMeetingDueDate'],
  ],
  'minors-handover-meeting': [
    { handoverMeetingDate: '2026-04-10', helpProject: 'Sostegno educativo domiciliare.' },
    { handoverMeetingDate: '2026-04-10' },
    ['helpProject'],
  ],
  'minors-court-report': [
    {
      reportType: 'monitoring',
      reportAuthority: 'juvenileCourt',
      docketNumber: '123/2026 V.G.',
      periodFrom: '2025-09-01',
      periodTo: '2026-02-28',
      sources: ['interviews', 'homeVisits', 'school'],
      childObservation: 'Frequenta regolarmente la scuola.',
      feedbackMeeting: true,
      assessment: 'risk',
      proposals: 'Proseguire la misura.',
    },
    {
      reportType: 'monitoring',
      reportAuthority: 'juvenileCourt',
      childObservation: 'x',
      assessment: 'fine',
      proposals: 'y',
    },
    ['assessment'],
  ],
  'minors-overdue-note': [{ actionTaken: 'Sollecito telefonico.' }, {}, ['actionTaken']],
};

describe('forms of the inclusion pact, eviction, urgent request and minors paths', () => {
  it('covers every form of these paths', () => {
    expect(files.map((f) => f.replace(/\.form$/, '')).sort()).toEqual(Object.keys(CASES).sort());
  });

  describe.each(Object.entries(CASES))('%s', (id, [valid, wrong, problems]) => {
    const schema = load(id);

    it('is a form-js schema the server can check, with its file name as id', () => {
      expect(() => compileFormSchema(schema)).not.toThrow();
      expect(schema.id).toBe(id);
    });

    it('has English camelCase keys, an Italian label on every input and plain option lists', () => {
      for (const component of components(schema)) {
        if (component.key !== undefined) {
          expect(component.key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
          expect(component.label ?? component.dateLabel).toEqual(expect.any(String));
        }
        for (const option of Array.isArray(component.values) ? component.values : []) {
          expect(option).toEqual({ label: expect.any(String), value: expect.any(String) });
        }
      }
    });

    it('accepts a realistic submission', () => {
      const result = validateFormData(schema, valid, { now });
      expect(result).toMatchObject({ ok: true, value: valid });
    });

    it('refuses a wrong one, naming the fields', () => {
      expect(fields(validateFormData(schema, wrong, { now }))).toEqual(problems);
    });
  });
});
