import { describeForms, type FormCase, read } from './model-checks';
import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';
import { act, assignToAnna, openTaskNames, quiet, stepDone } from './path-steps';

const visitName = "Visita domiciliare e relazione sull'inserimento";
const finalName = 'Valutazione finale: chiudere o proseguire su richiesta della famiglia';
const adoption = {
  adoptionType: 'international',
  docketNumber: '12/2025 A.I.',
  childFirstName: 'Tomás',
  childBirthDate: '2019-05-03',
  supportStartDate: '2026-02-12',
  originCountry: 'Colombia',
  authorisedAgency: 'Ente autorizzato per le adozioni internazionali',
  foreignReportsSchedule: 'Quattro relazioni semestrali nei primi due anni.',
  reportIntervalMonths: 3,
};
const visit = (inclusionAssessment: string, visitDate: string) => ({
  visitDate,
  visitType: 'homeVisit',
  childWellbeing: 'Frequenta la scuola primaria; parla già italiano.',
  familyRelations: 'Legame in costruzione con entrambi i genitori.',
  inclusionAssessment,
  ...(inclusionAssessment === 'positive'
    ? {}
    : { difficulties: 'Crisi serali; rifiuto della scuola.' }),
  reportSentToCourtOn: visitDate,
  agencyReportSentOn: visitDate,
});
const finalAssessment = (finalOutcome: string, extra: Record<string, unknown> = {}) => ({
  assessmentDate: '2027-02-10',
  summary: 'Inserimento riuscito; sostegno scolastico in corso.',
  finalReportSentToCourtOn: '2027-02-10',
  agencyReportSentOn: '2027-02-10',
  finalOutcome,
  ...extra,
});

describe('bpmn/paths/sostegno-post-adozione.bpmn', () => {
  it('calls presa-in-carico and documents its terms (art. 34)', () => {
    const xml = read('paths/sostegno-post-adozione.bpmn');
    expect(xml).toContain(
      '<zeebe:calledElement processId="presa-in-carico" propagateAllChildVariables="true" />',
    );
    expect(xml).toMatch(/<bpmn:documentation>[^<]*Termini[^<]*art\. 34/);
  });
});

/** [form, variables it opens with, a realistic submission, a wrong one, the problems expected]. */
const FORMS: FormCase[] = [
  [
    'post-adoption-start',
    {},
    adoption,
    // National: no agency fields; the interval is 1 to 6 months.
    { ...adoption, adoptionType: 'national', reportIntervalMonths: 12 },
    [
      'authorisedAgency:HIDDEN_FIELD',
      'foreignReportsSchedule:HIDDEN_FIELD',
      'originCountry:HIDDEN_FIELD',
      'reportIntervalMonths:ABOVE_MAX',
    ],
  ],
  [
    'post-adoption-first-meeting',
    {},
    {
      meetingDate: '2026-03-05',
      participants: ['adoptiveParents', 'child'],
      familySituation: 'Sereni, stanchi.',
      childAdjustment: 'Dorme poco.',
    },
    { meetingDate: '2026-03-05', participants: ['neighbours'], familySituation: 'Sereni.' },
    ['childAdjustment:REQUIRED', 'participants:NOT_ALLOWED'],
  ],
  [
    'post-adoption-support-plan',
    {},
    { objectives: 'Inserimento scolastico.', supports: ['homeVisits'], planAgreedWithFamily: true },
    { supports: ['homeVisits'] },
    ['objectives:REQUIRED'],
  ],
  [
    'post-adoption-visit-report',
    { adoptionType: 'international' },
    visit('someDifficulties', '2026-05-05'),
    { ...visit('positive', '2026-05-05'), difficulties: 'Nessuna.', inclusionAssessment: 'ok' },
    ['inclusionAssessment:NOT_ALLOWED'],
  ],
  [
    'post-adoption-final-assessment',
    { adoptionType: 'national' },
    { ...finalAssessment('close'), agencyReportSentOn: undefined },
    finalAssessment('continue'),
    ['agencyReportSentOn:HIDDEN_FIELD', 'continuedUntil:REQUIRED', 'familyRequestDate:REQUIRED'],
  ],
  [
    'post-adoption-continuation-date',
    {},
    { continuedUntil: '2027-08-12' },
    { continuedUntil: '2026-01-01' },
    ['continuedUntil:PAST_DATE'],
  ],
];

describeForms(FORMS);

/**
 * Post-adoption support (art. 34 c. 2 L. 184/1983): a year from the child's entry into Italy,
 * reports to the juvenile court at the interval the service sets, a final assessment that
 * closes or continues on the family's request, through the real app with a moved clock.
 */
describe('sostegno-post-adozione over HTTP', () => {
  const d = new PathDriver();
  const c = new PathChecks(d);
  const opened = { caseId: '', caseNumber: '' };
  let key = '';

  beforeAll(async () => {
    await d.start();
    Object.assign(opened, await d.openCase('Ferri', 'Tomás'));
    key = await d.startPath('sostegno-post-adozione', opened);
    await assignToAnna(d, opened.caseNumber);
  }, 60_000);
  afterAll(() => d.stop());

  it('the case file starts it from its registered value (postAdoption), with the take-in-charge first', async () => {
    const other = await d.openCase('Conti', 'Lina');
    const started = await d.server.request('POST', `/api/cases/${other.caseId}/paths`, {
      ...d.as('coord.iii'),
      body: { path: 'postAdoption', reason: 'Richiesta del Tribunale per i minorenni' },
    });
    expect(started.status).toBe(201);
    await d.task('coord.iii', other.caseNumber, 'Assegnare il case manager');
    const instances = await d.db.query(
      `SELECT bpmn_process_id FROM process_instance WHERE business_key = $1 AND parent_process_instance_key IS NULL`,
      [other.caseNumber],
    );
    expect(instances.map((r: { bpmn_process_id: string }) => r.bpmn_process_id)).toEqual([
      'sostegno-post-adozione',
    ]);
  });

  it('a year from the entry into Italy; reports every 3 months from that date; serious difficulties go to the court', async () => {
    await act(
      d,
      'anna.iii',
      opened.caseNumber,
      "Registrare l'adozione e l'inizio del sostegno",
      adoption,
    );
    // Twelve months from the child's entry (12 February 2026), not from the day it is recorded.
    await c.deadlinesAre(opened.caseId, [['post-adoption-support', '2027-02-12', 'running']]);
    const [year] = await d.deadlines(opened.caseId);
    expect(year.legalBasis).toContain('art. 34');
    await act(d, 'anna.iii', opened.caseNumber, 'Primo colloquio con la famiglia adottiva', {
      meetingDate: '2026-03-05',
      participants: ['adoptiveParents', 'child', 'authorisedAgency'],
      familySituation: 'Genitori stanchi ma sereni.',
      childAdjustment: 'Dorme poco; mangia volentieri.',
    });
    await act(d, 'anna.iii', opened.caseNumber, 'Progetto di sostegno post-adottivo', {
      objectives: 'Inserimento scolastico; sostegno alla genitorialità.',
      supports: ['homeVisits', 'schoolLiaison', 'parentingSupport'],
      planAgreedWithFamily: true,
    });
    // The first report: three months from the entry, as computed (no roll-forward).
    await c.deadlinesAre(opened.caseId, [
      ['post-adoption-report', '2026-05-12', 'running'],
      ['post-adoption-support', '2027-02-12', 'running'],
    ]);
    const first = await c.mine('anna.iii', opened.caseNumber, visitName);
    expect(first.dueDate).toBe('2026-05-12T22:00:00.000Z');

    await d.moveTo('2026-05-05T08:00:00.000Z');
    await act(
      d,
      'anna.iii',
      opened.caseNumber,
      visitName,
      visit('seriousDifficulties', '2026-05-05'),
    );
    await act(
      d,
      'coord.iii',
      opened.caseNumber,
      "Segnalare al Tribunale per i minorenni le difficoltà dell'inserimento",
      stepDone('2026-05-06', 'Segnalazione al Tribunale via PEC.'),
    );
    const second = await c.mine('anna.iii', opened.caseNumber, visitName, first.id);
    expect(second.dueDate).toBe('2026-08-12T22:00:00.000Z');
    await c.deadlinesAre(opened.caseId, [
      ['post-adoption-report', '2026-05-12', 'met'],
      ['post-adoption-report', '2026-08-12', 'running'],
      ['post-adoption-support', '2027-02-12', 'running'],
    ]);
  });

  it('a report not sent by its date: the case manager was reminded, the coordinator is called, the report stays hers', async () => {
    // Five working days before the date the case manager is reminded.
    await d.moveTo('2026-08-06T07:00:00.000Z');
    await d.escalate();
    const inbox = await d.server.request('GET', '/api/notifications', d.as('anna.iii'));
    expect(inbox.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'deadline-near',
          caseNumber: opened.caseNumber,
          subject: expect.stringContaining('Relazione periodica'),
        }),
      ]),
    );
    expect(await c.openTasks('coord.iii', opened.caseNumber, 'unit')).not.toContain(
      'Relazione periodica scaduta: sollecitare',
    );
    // The day after the date: the timer calls the coordinator; the sweep breaches the deadline.
    await d.moveTo('2026-08-13T07:00:00.000Z');
    await quiet(d);
    await d.task('coord.iii', opened.caseNumber, 'Relazione periodica scaduta: sollecitare');
    await d.escalate();
    await quiet(d);
    expect(await openTaskNames(d, 'anna.iii', opened.caseNumber)).toEqual([visitName]);
    await c.deadlinesAre(opened.caseId, [
      ['post-adoption-report', '2026-05-12', 'met'],
      ['post-adoption-report', '2026-08-12', 'breached'],
      ['post-adoption-support', '2027-02-12', 'running'],
    ]);
    await act(
      d,
      'coord.iii',
      opened.caseNumber,
      'Relazione periodica scaduta: sollecitare',
      stepDone('2026-08-13'),
    );
    await act(d, 'anna.iii', opened.caseNumber, visitName, visit('positive', '2026-08-14'));
    const third = await c.mine('anna.iii', opened.caseNumber, visitName);
    expect(third.dueDate).toBe('2026-11-12T23:00:00.000Z');
    await d.moveTo('2026-11-10T09:00:00.000Z');
    await act(d, 'anna.iii', opened.caseNumber, visitName, visit('someDifficulties', '2026-11-10'));
  });

  it('the fourth report would fall on the end of the year: the final assessment, due that day, replaces it', async () => {
    const assessment = await c.mine('anna.iii', opened.caseNumber, finalName);
    expect(assessment.dueDate).toBe('2027-02-12T23:00:00.000Z');
    expect(await openTaskNames(d, 'anna.iii', opened.caseNumber)).toEqual([finalName]);
    await c.deadlinesAre(opened.caseId, [
      ['post-adoption-report', '2026-05-12', 'met'],
      ['post-adoption-report', '2026-08-12', 'breached'],
      ['post-adoption-report', '2026-11-12', 'met'],
      ['post-adoption-support', '2027-02-12', 'running'],
    ]);
  });

  it('the family asks to continue: a date before the end of the year is sent back for correction, then the agreed date is the deadline', async () => {
    await d.moveTo('2027-02-10T09:00:00.000Z');
    await act(
      d,
      'anna.iii',
      opened.caseNumber,
      finalName,
      finalAssessment('continue', {
        familyRequestDate: '2027-02-01',
        continuedUntil: '2027-02-11',
      }),
    );
    await c.mine('anna.iii', opened.caseNumber, 'Correggere la data di prosecuzione del sostegno');
    expect((await c.deadlineRows(opened.caseId)).map((r) => r[0])).not.toContain(
      'post-adoption-continued',
    );
    await act(d, 'anna.iii', opened.caseNumber, 'Correggere la data di prosecuzione del sostegno', {
      continuedUntil: '2027-08-12',
    });
    // Reports start again from the end of the year, at the same interval.
    await c.deadlinesAre(opened.caseId, [
      ['post-adoption-continued', '2027-08-12', 'running'],
      ['post-adoption-report', '2026-05-12', 'met'],
      ['post-adoption-report', '2026-08-12', 'breached'],
      ['post-adoption-report', '2026-11-12', 'met'],
      ['post-adoption-report', '2027-05-12', 'running'],
      ['post-adoption-support', '2027-02-12', 'met'],
    ]);
    await d.moveTo('2027-05-10T09:00:00.000Z');
    await act(d, 'anna.iii', opened.caseNumber, visitName, visit('positive', '2027-05-10'));
    const assessment = await c.mine('anna.iii', opened.caseNumber, finalName);
    expect(assessment.dueDate).toBe('2027-08-12T22:00:00.000Z');
  });

  it('the agreed date passes without the final assessment: the coordinator is called; then the support closes', async () => {
    await d.moveTo('2027-08-13T07:00:00.000Z');
    await quiet(d);
    await act(
      d,
      'coord.iii',
      opened.caseNumber,
      'Fine del sostegno superata senza valutazione finale: disporre',
      stepDone('2027-08-13', 'Sollecitata la valutazione finale.'),
    );
    await act(d, 'anna.iii', opened.caseNumber, finalName, {
      ...finalAssessment('close'),
      assessmentDate: '2027-08-16',
      finalReportSentToCourtOn: '2027-08-16',
    });
    await c.completed(key);
    expect(await c.reached(key, 'supportEnded')).toBe(true);
    await c.deadlinesAre(opened.caseId, [
      ['post-adoption-continued', '2027-08-12', 'met'],
      ['post-adoption-report', '2026-05-12', 'met'],
      ['post-adoption-report', '2026-08-12', 'breached'],
      ['post-adoption-report', '2026-11-12', 'met'],
      ['post-adoption-report', '2027-05-12', 'met'],
      ['post-adoption-support', '2027-02-12', 'met'],
    ]);
  });
});
