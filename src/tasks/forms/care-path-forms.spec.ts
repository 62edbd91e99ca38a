import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFormSchema } from './compile-form-schema.util';
import type { FormSchema, FormValidationResult } from './form-schema.types';
import { validateFormData } from './validate-form-data.util';

// The forms of the adoption, art. 31, elderly, disability, violence and Housing First paths
// (bpmn/forms/, FORMS.md), validated as the server validates a caseworker's submission.

const load = (id: string): FormSchema =>
  JSON.parse(readFileSync(join(__dirname, '../../../bpmn/forms', `${id}.form`), 'utf8'));
const now = new Date('2026-03-02T09:00:00Z');
const coded = { current: 'present', past: 'probablyPresent' };
const fields = (result: FormValidationResult) =>
  result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`);

/** [form, variables it opens with, a realistic submission, a wrong one, the problems expected]. */
const CASES: Array<
  [string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, string[]]
> = [
  [
    'adoption-application',
    {},
    {
      adoptionType: 'national',
      docketNumber: '55/2026 A.N.',
      applicationDate: '2026-01-20',
      tmRequestDate: '2026-02-27',
      applicants: 'Greco Paolo e Ferri Giulia',
    },
    { adoptionType: 'domestic', docketNumber: '55/2026', applicationDate: '20/01/2026' },
    [
      'adoptionType:NOT_ALLOWED',
      'applicationDate:DATE_FORMAT',
      'tmRequestDate:REQUIRED',
      'applicants:REQUIRED',
    ],
  ],
  [
    'adoption-psychosocial-inquiry',
    { adoptionType: 'international' },
    {
      homeVisitDate: '2026-03-10',
      personalAndEconomicSituation: 'Impiegati.',
      health: 'Nulla da rilevare.',
      familyEnvironment: 'Sereno.',
      motivation: 'Matura.',
      fitnessToRaise: 'Buona.',
      intercountryFitness: 'Consapevoli.',
      childrenCount: 2,
      childrenCharacteristics: 'Fratelli.',
      serviceAssessment: 'favourable',
      reportDate: '2026-03-20',
    },
    // International: its own part is required, the number of children bounded.
    {
      homeVisitDate: '2026-03-10',
      personalAndEconomicSituation: 'Impiegati.',
      health: 'Nulla.',
      familyEnvironment: 'Sereno.',
      motivation: 'Matura.',
      fitnessToRaise: 'Buona.',
      childrenCount: 9,
      serviceAssessment: 'favourable',
      reportDate: '2026-03-20',
    },
    ['intercountryFitness:REQUIRED', 'childrenCount:ABOVE_MAX', 'childrenCharacteristics:REQUIRED'],
  ],
  [
    'adoption-placement-report',
    {},
    {
      reportDate: '2027-03-01',
      childAdjustment: 'Bene.',
      familyRelations: 'Buone.',
      placementProposal: 'adoption',
    },
    {
      reportDate: '2027-03-01',
      childAdjustment: 'Bene.',
      familyRelations: 'Buone.',
      placementProposal: 'maybe',
    },
    ['placementProposal:NOT_ALLOWED'],
  ],
  [
    'art31-court-request',
    {},
    {
      docketNumber: '412/2026',
      requestDate: '2026-02-24',
      courtDeadline: '2026-05-02',
      familyMember: 'Nonno',
      minors: 'Due',
    },
    { docketNumber: '412/2026', requestDate: '2026-02-24', familyMember: 'Nonno', minors: 'Due' },
    ['courtDeadline:REQUIRED'],
  ],
  [
    'art31-assessment',
    {},
    {
      sources: ['interviews', 'homeVisit'],
      household: 'Madre e due figli.',
      childObservation: 'Sereni.',
      parentingFunctions: 'Adeguate.',
      familyMemberRole: 'Accudimento.',
      professionalAssessment: 'wellbeing',
      proposals: 'Favorevole.',
    },
    {
      sources: [],
      household: 'Madre e due figli.',
      childObservation: 'Sereni.',
      parentingFunctions: 'Adeguate.',
      familyMemberRole: 'Accudimento.',
      professionalAssessment: 'danger',
      proposals: 'Favorevole.',
    },
    ['sources:REQUIRED', 'professionalAssessment:NOT_ALLOWED'],
  ],
  [
    'elderly-svama-social',
    {},
    {
      civilStatus: 'widowed',
      pension: 'minimumOrSocial',
      civilInvalidity: 'yes',
      attendanceAllowance: 'pending',
      requestReason: 'lossOfAutonomy',
      requestedBy: 'relative',
      requestType: 'homeCare',
      economicScore: 3,
      networkScore: 2,
      supportAdministratorNeeded: true,
    },
    {
      civilStatus: 'widowed',
      pension: 'minimumOrSocial',
      civilInvalidity: 'yes',
      attendanceAllowance: 'pending',
      requestReason: 'lossOfAutonomy',
      requestedBy: 'relative',
      requestType: 'homeCare',
      economicScore: 11,
    },
    ['economicScore:ABOVE_MAX'],
  ],
  [
    'elderly-support-administrator-filing',
    {},
    { filingDate: '2026-03-03', court: 'Giudice Tutelare di Palermo' },
    { court: 'Giudice Tutelare di Palermo' },
    ['filingDate:REQUIRED'],
  ],
  [
    'elderly-uvm',
    {},
    {
      uvmDate: '2026-03-05',
      careSetting: 'homeCare',
      services: ['sad', 'adi'],
      uvmNotes: 'Parziale.',
    },
    { uvmDate: '2026-03-05', careSetting: 'residential', services: ['sad'], uvmNotes: 'RSA.' },
    ['services:HIDDEN_FIELD', 'facility:REQUIRED'],
  ],
  [
    'elderly-pai',
    {},
    {
      objectives: 'Igiene e pasti.',
      servicesAndFrequency: 'OSA tre volte a settimana.',
      durationMonths: 12,
      activationDays: 30,
      nextReviewDate: '2026-09-01',
      signed: true,
    },
    {
      objectives: 'Igiene.',
      servicesAndFrequency: 'OSA.',
      durationMonths: 12,
      nextReviewDate: '2026-01-01',
    },
    ['activationDays:REQUIRED', 'nextReviewDate:PAST_DATE'],
  ],
  [
    'elderly-pai-review',
    {},
    { reviewDate: '2026-09-03', progress: 'Bene.', reviewOutcome: 'close' },
    { reviewDate: '2026-09-03', progress: 'Bene.', reviewOutcome: 'continue' },
    ['nextReviewDate:REQUIRED'],
  ],
  [
    'disability-start-notice',
    {},
    { projectType: 'lifeProject', noticeDate: '2026-04-20', contactPerson: 'Anna' },
    { projectType: 'lifeProject', contactPerson: 'Anna' },
    ['noticeDate:REQUIRED'],
  ],
  [
    'disability-uvm-assessment',
    {},
    {
      participants: ['person', 'socialWorker'],
      wishesAndGoals: 'Vivere da solo.',
      barriersAndFacilitators: 'Trasporti.',
      supportNeeds: 'Moderati.',
    },
    {
      participants: ['person', 'neighbour'],
      wishesAndGoals: 'Vivere da solo.',
      barriersAndFacilitators: 'Trasporti.',
      supportNeeds: 'Moderati.',
    },
    ['participants:NOT_ALLOWED'],
  ],
  [
    'disability-life-project',
    {},
    {
      objectives: 'Autonomia.',
      interventionAreas: ['homeLiving'],
      supports: 'Educatore.',
      contactPerson: 'Anna',
      personalBudget: true,
      budgetAmount: 14000,
    },
    {
      objectives: 'Autonomia.',
      interventionAreas: ['homeLiving'],
      supports: 'Educatore.',
      contactPerson: 'Anna',
      budgetAmount: 14000,
    },
    ['budgetAmount:HIDDEN_FIELD'],
  ],
  ['disability-budget-approval', {}, { budgetApproved: 'yes' }, {}, ['budgetApproved:REQUIRED']],
  [
    'violence-risk-assessment',
    {},
    {
      offender: 'Ex convivente',
      assessmentDate: '2026-03-02',
      sources: ['victimInterview'],
      partnerViolence: {
        physicalSexual: coded,
        threats: coded,
        escalation: coded,
        ordersViolated: coded,
        minimisation: coded,
      },
      offenderAdjustment: {
        criminalRecord: coded,
        relationshipProblems: coded,
        workFinancialProblems: coded,
        substanceAbuse: coded,
        mentalDisorder: coded,
      },
      otherFactors: ['firearms'],
      riskLevel: 'high',
    },
    {
      offender: 'Ex convivente',
      assessmentDate: '2026-03-02',
      sources: ['victimInterview'],
      partnerViolence: {
        physicalSexual: { current: 'yes', past: 'present' },
        threats: coded,
        escalation: coded,
        ordersViolated: coded,
        minimisation: coded,
      },
      offenderAdjustment: {
        criminalRecord: coded,
        relationshipProblems: coded,
        workFinancialProblems: coded,
        substanceAbuse: coded,
        mentalDisorder: coded,
      },
    },
    ['partnerViolence.physicalSexual.current:NOT_ALLOWED', 'riskLevel:REQUIRED'],
  ],
  [
    'violence-urgent-protection',
    {},
    { immediateMeasures: ['shelter'] },
    { immediateMeasures: ['shelter'], police: true },
    ['police:UNKNOWN_FIELD'],
  ],
  [
    'violence-safety-plan',
    {},
    {
      consentToCentre: true,
      antiViolenceCentre: 'Le Onde',
      safetyMeasures: 'Casa rifugio.',
      protectionOrder: true,
      protectionOrderDate: '2026-02-27',
      protectionOrderEndDate: '2026-06-27',
      protectionOrderCourt: 'Tribunale di Palermo',
    },
    // Without consent the centre is not named; an order needs its dates.
    {
      consentToCentre: false,
      antiViolenceCentre: 'Le Onde',
      safetyMeasures: 'Casa rifugio.',
      protectionOrder: true,
      protectionOrderCourt: 'Tribunale',
    },
    [
      'antiViolenceCentre:HIDDEN_FIELD',
      'protectionOrderDate:REQUIRED',
      'protectionOrderEndDate:REQUIRED',
    ],
  ],
  [
    'violence-monitoring',
    {},
    { monitoringDate: '2026-04-01', situation: 'Stabile.', monitoringOutcome: 'continue' },
    { monitoringDate: '2026-04-01', situation: 'Stabile.', monitoringOutcome: 'reassess' },
    ['monitoringOutcome:NOT_ALLOWED'],
  ],
  [
    'housing-assessment',
    {},
    {
      housingCondition: 'roofless',
      householdAndIncome: 'Solo.',
      healthAndNeeds: 'Diabete.',
      housingFirstEligible: 'no',
      otherService: 'Dormitorio',
    },
    {
      housingCondition: 'roofless',
      householdAndIncome: 'Solo.',
      healthAndNeeds: 'Diabete.',
      housingFirstEligible: 'no',
    },
    ['otherService:REQUIRED'],
  ],
  [
    'housing-plan',
    {},
    {
      partner: 'Coop. Casa Comune',
      housingSolution: 'Monolocale.',
      objectives: 'Autonomia.',
      nextReviewDate: '2026-06-02',
    },
    {
      partner: 'Coop. Casa Comune',
      housingSolution: 'Monolocale.',
      objectives: 'x'.repeat(2001),
      nextReviewDate: '2026-06-02',
    },
    ['objectives:TOO_LONG'],
  ],
  [
    'housing-monitoring',
    {},
    {
      reviewDate: '2026-05-28',
      progress: 'Bene.',
      housingOutcome: 'continue',
      nextReviewDate: '2026-09-01',
    },
    {
      reviewDate: '2026-05-28',
      progress: 'Bene.',
      housingOutcome: 'autonomy',
      nextReviewDate: '2026-09-01',
    },
    ['nextReviewDate:HIDDEN_FIELD'],
  ],
  [
    'path-step-record',
    {},
    { completedOn: '2026-03-02', stepNotes: 'PEC inviata.' },
    { stepNotes: 'PEC inviata.' },
    ['completedOn:REQUIRED'],
  ],
  [
    'service-referral-sent',
    { referralService: 'SerD Palermo' },
    {
      serviceType: 'addiction',
      referralService: 'SerD Palermo, via La Loggia',
      referralReason: 'Uso di sostanze del figlio; la madre chiede un colloquio.',
      sendingMethod: 'pec',
      documentsSent: ['referralLetter', 'consent'],
      sentOn: '2026-03-02',
      answerDueDate: '2026-04-15',
    },
    {
      serviceType: 'hospital',
      referralService: 'SerD Palermo',
      sendingMethod: 'pec',
      sentOn: '2026-03-02',
      answerDueDate: '2026-02-20',
    },
    ['serviceType:NOT_ALLOWED', 'referralReason:REQUIRED', 'answerDueDate:PAST_DATE'],
  ],
  [
    'service-referral-chase',
    { referralService: 'SerD Palermo' },
    { chasedOn: '2026-04-02', chaseMethod: 'phone', chaseNotes: 'Colloquio fissato.' },
    { chaseMethod: 'fax' },
    ['chasedOn:REQUIRED', 'chaseMethod:NOT_ALLOWED'],
  ],
  [
    'service-referral-intake-answer',
    { referralService: 'SerD Palermo' },
    {
      serviceAnswer: 'refused',
      answerReceivedOn: '2026-03-09',
      referralNextStep: 'openCase',
      pathToOpen: 'housing',
    },
    { serviceAnswer: 'noAnswer', answerReceivedOn: '2026-03-09', referralNextStep: 'openCase' },
    ['answerReceivedOn:HIDDEN_FIELD', 'pathToOpen:REQUIRED'],
  ],
  [
    'service-referral-answer',
    { referralService: 'CSM Palermo' },
    {
      serviceAnswer: 'appointmentSet',
      answerReceivedOn: '2026-04-03',
      takeInChargeDate: '2026-04-10',
      referralFollowUp: 'verify',
      checkDueDate: '2026-06-30',
    },
    {
      serviceAnswer: 'refused',
      answerReceivedOn: '2026-04-03',
      takeInChargeDate: '2026-04-10',
      referralFollowUp: 'close',
      checkDueDate: '2026-06-30',
    },
    ['takeInChargeDate:HIDDEN_FIELD', 'checkDueDate:HIDDEN_FIELD'],
  ],
  [
    'service-referral-check',
    { referralService: 'CSM Palermo' },
    { checkedOn: '2026-06-03', takenInChargeConfirmed: 'confirmed', checkSummary: 'Seguita.' },
    { checkedOn: '2026-06-03', takenInChargeConfirmed: 'maybe' },
    ['takenInChargeConfirmed:NOT_ALLOWED', 'checkSummary:REQUIRED'],
  ],
  [
    'service-referral-escalation',
    { referralService: 'CSM Palermo' },
    { escalatedOn: '2026-04-02', escalationAction: 'formalNote' },
    { escalationAction: 'formalNote', escalationNotes: 'x'.repeat(1001) },
    ['escalatedOn:REQUIRED', 'escalationNotes:TOO_LONG'],
  ],
  [
    'service-referral-case-manager',
    { caseManagerOptions: [{ value: 'id-anna', label: 'anna.iii' }] },
    { caseManagerId: 'id-anna' },
    { caseManagerId: 'id-nessuno' },
    ['caseManagerId:NOT_ALLOWED'],
  ],
];

describe.each(CASES)('%s.form', (id, variables, valid, wrong, expected) => {
  const schema = load(id);

  it('is a form-js schema the server can check, with editable option lists', () => {
    expect(() => compileFormSchema(schema)).not.toThrow();
    expect(schema.id).toBe(id);
    const options = JSON.stringify(schema).match(/"values":\[[^\]]*\]/g) ?? [];
    for (const list of options) expect(list).not.toMatch(/"value":[^"]/);
  });

  it('accepts a realistic submission and refuses a wrong one field by field', () => {
    expect(validateFormData(schema, valid, { variables, now })).toMatchObject({
      ok: true,
      value: valid,
    });
    expect(fields(validateFormData(schema, wrong, { variables, now }))).toEqual(expected);
  });
});
