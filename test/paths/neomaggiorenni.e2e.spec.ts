import { describeForms, FormCase, read } from './model-checks';
import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';
import { act, assignToAnna, extend, openTaskNames, quiet, stepDone } from './path-steps';

const registerName = "Registrare il giovane e l'accoglienza in corso";
const projectName = "Progetto per l'autonomia con il giovane";
const soonName =
  'Mancano 30 giorni alla maggiore età: completare il progetto e chiedere il prosieguo';
const projectLateName = "Progetto per l'autonomia non pronto alla maggiore età: disporre";
const decisionName = 'Registrare la decisione del Tribunale sul prosieguo amministrativo';
const fixDatesName = 'Correggere la data di fine del prosieguo (non oltre i 21 anni)';
const tutorName = "Nominare il tutor per l'autonomia";
const reviewName = "Verifica semestrale del progetto per l'autonomia";
const closureName = "Conclusione dell'accompagnamento e relazione finale";

const young = (birthDate: string) => ({
  birthDate,
  placementType: 'residentialCommunity',
  placementName: 'Comunità alloggio Il Faro',
  placementSince: '2022-09-01',
  courtOrder: 'Decreto TM Palermo n. 123/2022 del 20/8/2022',
});
const project = (prosieguoRequested: string, projectDate: string) => ({
  projectDate,
  youngPersonParticipation: 'Vuole diventare cuoco e vivere con un amico.',
  pathway: 'trainingWork',
  housingObjectives: 'Appartamento per l’autonomia della cooperativa.',
  educationWorkObjectives: 'Qualifica alberghiera; tirocinio.',
  careLeaversFund: true,
  prosieguoRequested,
  ...(prosieguoRequested === 'yes' ? { prosieguoRequestedOn: projectDate } : {}),
});
const review = (reviewDate: string, reviewOutcome = 'continue') => ({
  reviewDate,
  youngPersonView: 'Soddisfatto del tirocinio.',
  progress: 'Tirocinio avviato; gestisce il budget mensile.',
  reviewOutcome,
  ...(reviewOutcome === 'close' ? { closeReason: 'youngPersonWithdrew' } : {}),
});
const tutor = (tutorAssignedOn: string) => ({
  tutorName: 'Luca Serra',
  tutorOrganisation: 'Cooperativa Ponte',
  tutorAssignedOn,
});
const closure = (closedOn: string, closureReason: string) => ({
  closedOn,
  closureReason,
  housingOutcome: 'Vive in affitto con un amico.',
  educationWorkOutcome: 'Lavora come aiuto cuoco.',
});

describe('bpmn/paths/neomaggiorenni.bpmn', () => {
  it('documents the prosieguo amministrativo (R.D.L. 1404/1934) and its terms', () => {
    expect(read('paths/neomaggiorenni.bpmn')).toMatch(
      /<bpmn:documentation>[^<]*1404\/1934[^<]*Termini/,
    );
  });
});

const FORMS: FormCase[] = [
  [
    'care-leavers-start',
    {},
    young('2008-06-15'),
    { placementType: 'streets' },
    [
      'birthDate:REQUIRED',
      'courtOrder:REQUIRED',
      'placementName:REQUIRED',
      'placementSince:REQUIRED',
      'placementType:NOT_ALLOWED',
    ],
  ],
  [
    'care-leavers-autonomy-project',
    {},
    project('yes', '2026-05-20'),
    { ...project('no', '2026-05-20'), prosieguoRequestedOn: '2026-05-20' },
    ['prosieguoRequestedOn:HIDDEN_FIELD'],
  ],
  [
    'care-leavers-prosieguo-decision',
    {},
    {
      decisionDate: '2026-06-10',
      docketNumber: '456/2026',
      prosieguoGranted: 'yes',
      prosieguoEndDate: '2028-06-30',
    },
    { decisionDate: '2026-06-10', docketNumber: '456/2026', prosieguoGranted: 'yes' },
    ['prosieguoEndDate:REQUIRED'],
  ],
  [
    'care-leavers-prosieguo-dates',
    {},
    { prosieguoEndDate: '2028-06-30' },
    { datesNotes: 'Decreto riletto.' },
    ['prosieguoEndDate:REQUIRED'],
  ],
  [
    'care-leavers-tutor',
    {},
    tutor('2026-06-16'),
    { ...tutor('2026-06-16'), tutorName: 'x'.repeat(201) },
    ['tutorName:TOO_LONG'],
  ],
  [
    'care-leavers-review',
    {},
    review('2026-12-10'),
    { ...review('2026-12-10'), reviewOutcome: 'close' },
    ['closeReason:REQUIRED'],
  ],
  [
    'care-leavers-review',
    // With a prosieguo, a review records the court's renewal and its new end date.
    { prosieguoGranted: 'yes' },
    { ...review('2027-12-10'), prosieguoRenewed: true, prosieguoEndDate: '2028-09-30' },
    { ...review('2027-12-10'), prosieguoRenewed: true },
    ['prosieguoEndDate:REQUIRED'],
  ],
  [
    'care-leavers-closure',
    {},
    closure('2028-07-02', 'measureEnded'),
    closure('2028-07-02', 'moved'),
    ['closureReason:NOT_ALLOWED'],
  ],
];

describeForms(FORMS);

/**
 * Care leavers: the autonomy project before 18, the juvenile court's prosieguo amministrativo
 * up to a date no later than the 21st birthday (art. 25 and 29 R.D.L. 1404/1934), otherwise the
 * Care Leavers accompaniment up to 21 (L. 205/2017 art. 1 c. 250), reviews every 6 months,
 * through the real app with a moved clock.
 */
describe('neomaggiorenni over HTTP', () => {
  const d = new PathDriver();
  const c = new PathChecks(d);
  const open = async (surname: string, name: string) => {
    const opened = await d.openCase(surname, name);
    const key = await d.startPath('neomaggiorenni', opened);
    await assignToAnna(d, opened.caseNumber);
    return { ...opened, key };
  };

  beforeAll(() => d.start(), 60_000);
  afterAll(() => d.stop());

  it('the case file starts it from its registered value (careLeavers), with the take-in-charge first', async () => {
    const other = await d.openCase('Russo', 'Ivan');
    const started = await d.server.request('POST', `/api/cases/${other.caseId}/paths`, {
      ...d.as('coord.iii'),
      body: { path: 'careLeavers', reason: 'Richiesta del Tribunale per i minorenni' },
    });
    expect(started.status).toBe(201);
    await d.task('coord.iii', other.caseNumber, 'Assegnare il case manager');
    const instances = await d.db.query(
      `SELECT bpmn_process_id FROM process_instance WHERE business_key = $1 AND parent_process_instance_key IS NULL`,
      [other.caseNumber],
    );
    expect(instances.map((r: { bpmn_process_id: string }) => r.bpmn_process_id)).toEqual([
      'neomaggiorenni',
    ]);
  });

  it('a birth date that makes the young person 21 or more is sent back; the project is due the day before the 18th birthday, reminded 30 days before', async () => {
    const g = await open('Galli', 'Omar');
    await act(d, 'anna.iii', g.caseNumber, registerName, young('2004-01-10'));
    await c.mine('anna.iii', g.caseNumber, 'Correggere la data di nascita');
    expect(await d.deadlines(g.caseId)).toEqual([]);
    await act(d, 'anna.iii', g.caseNumber, 'Correggere la data di nascita', young('2008-11-30'));
    await c.deadlinesAre(g.caseId, [['care-leaver-autonomy-project', '2026-11-29', 'running']]);
    const [term] = await d.deadlines(g.caseId);
    expect(term.legalBasis).toContain('1404/1934');
    expect((await c.mine('anna.iii', g.caseNumber, projectName)).dueDate).toBe(
      '2026-11-29T23:00:00.000Z',
    );
    expect(await c.timers(g.key)).toEqual({
      projectSoon: '2026-10-30T23:00:00.000Z',
      projectOverdue: '2026-11-29T23:00:00.000Z',
    });
  });

  it('registered a month before 18 and 18 passes without a project: reminder at once, the coordinator at the birthday; no prosieguo, so the Care Leavers support runs to the 21st birthday; the young person may close at a review', async () => {
    const l = await open('Leone', 'Samira');
    await act(d, 'anna.iii', l.caseNumber, registerName, young('2008-03-20'));
    await c.deadlinesAre(l.caseId, [['care-leaver-autonomy-project', '2026-03-19', 'running']]);
    // 30 days before the 18th birthday is already past: the reminder opens at once.
    await c.mine('anna.iii', l.caseNumber, soonName);
    expect(await c.openTasks('coord.iii', l.caseNumber, 'unit')).not.toContain(projectLateName);
    await d.moveTo('2026-03-20T07:00:00.000Z');
    await quiet(d);
    await d.task('coord.iii', l.caseNumber, projectLateName);
    await d.escalate();
    await c.deadlinesAre(l.caseId, [['care-leaver-autonomy-project', '2026-03-19', 'breached']]);
    await act(d, 'coord.iii', l.caseNumber, projectLateName, stepDone('2026-03-20'));
    await act(d, 'anna.iii', l.caseNumber, soonName, stepDone('2026-03-20'));
    await act(d, 'anna.iii', l.caseNumber, projectName, project('no', '2026-03-20'));
    // No prosieguo: the support ends on the 21st birthday.
    await c.deadlinesAre(l.caseId, [
      ['care-leaver-autonomy-project', '2026-03-19', 'breached'],
      ['care-leaver-support-end', '2029-03-20', 'running'],
    ]);
    // The 21st birthday does not move: no proroga is taken from the deadlines' list.
    const supportEnd = (await d.deadlines(l.caseId)).find(
      (x) => x.kind === 'care-leaver-support-end',
    )!;
    expect((await extend(d, l.caseId, supportEnd.id, { newDueDate: '2029-09-20' })).status).toBe(
      409,
    );
    await act(d, 'anna.iii', l.caseNumber, tutorName, tutor('2026-03-20'));
    // Six months from today is Sunday 20 September: the review is due on Monday.
    const first = await c.mine('anna.iii', l.caseNumber, reviewName);
    expect(first.dueDate).toBe('2026-09-21T22:00:00.000Z');
    await act(d, 'anna.iii', l.caseNumber, reviewName, review('2026-04-15', 'close'));
    const end = await c.mine('anna.iii', l.caseNumber, closureName);
    expect(end.dueDate).toBe('2029-03-20T23:00:00.000Z');
    await act(
      d,
      'anna.iii',
      l.caseNumber,
      closureName,
      closure('2026-04-16', 'youngPersonWithdrew'),
    );
    await c.completed(l.key);
    await c.deadlinesAre(l.caseId, [
      ['care-leaver-autonomy-project', '2026-03-19', 'breached'],
      ['care-leaver-review', '2026-09-21', 'met'],
      ['care-leaver-support-end', '2029-03-20', 'met'],
    ]);
  });

  it('prosieguo granted: an end date past the 21st birthday is sent back, at the decree and at its renewal; the corrected date is the end; reviews every 6 months until it; the coordinator when a review or the end passes', async () => {
    const m = await open('Marino', 'Kevin');
    await act(d, 'anna.iii', m.caseNumber, registerName, young('2008-06-15'));
    await c.deadlinesAre(m.caseId, [['care-leaver-autonomy-project', '2026-06-14', 'running']]);
    // Thirty days before the project's date the case manager is called.
    await d.moveTo('2026-05-15T21:00:00.000Z');
    await quiet(d);
    expect(await openTaskNames(d, 'anna.iii', m.caseNumber)).toEqual([projectName]);
    await d.moveTo('2026-05-16T07:00:00.000Z');
    await act(d, 'anna.iii', m.caseNumber, soonName, stepDone('2026-05-16'));
    await act(d, 'anna.iii', m.caseNumber, projectName, project('yes', '2026-05-20'));
    await act(d, 'anna.iii', m.caseNumber, decisionName, {
      decisionDate: '2026-06-10',
      docketNumber: '456/2026',
      prosieguoGranted: 'yes',
      prosieguoEndDate: '2029-12-31',
    });
    // 31 December 2029 is after the 21st birthday (15 June 2029): not taken, corrected.
    await c.mine('anna.iii', m.caseNumber, fixDatesName);
    await c.deadlinesAre(m.caseId, [['care-leaver-autonomy-project', '2026-06-14', 'met']]);
    await act(d, 'anna.iii', m.caseNumber, fixDatesName, { prosieguoEndDate: '2028-06-30' });
    await c.deadlinesAre(m.caseId, [
      ['care-leaver-autonomy-project', '2026-06-14', 'met'],
      ['care-leaver-prosieguo-end', '2028-06-30', 'running'],
    ]);
    const [, end] = await c.deadlineRows(m.caseId);
    expect(end).toEqual(['care-leaver-prosieguo-end', '2028-06-30', 'running']);

    await d.moveTo('2026-06-16T09:00:00.000Z');
    await act(d, 'anna.iii', m.caseNumber, tutorName, tutor('2026-06-16'));
    const first = await c.mine('anna.iii', m.caseNumber, reviewName);
    expect(first.dueDate).toBe('2026-12-16T23:00:00.000Z');
    await d.moveTo('2026-12-10T09:00:00.000Z');
    await act(d, 'anna.iii', m.caseNumber, reviewName, review('2026-12-10'));
    const second = await c.mine('anna.iii', m.caseNumber, reviewName, first.id);
    expect(second.dueDate).toBe('2027-06-10T22:00:00.000Z');
    // The second review is late: the coordinator is called, the deadline breached.
    await d.moveTo('2027-06-11T07:00:00.000Z');
    await quiet(d);
    await d.task('coord.iii', m.caseNumber, 'Verifica semestrale scaduta: sollecitare');
    await d.escalate();
    await act(
      d,
      'coord.iii',
      m.caseNumber,
      'Verifica semestrale scaduta: sollecitare',
      stepDone('2027-06-11'),
    );
    await act(d, 'anna.iii', m.caseNumber, reviewName, review('2027-06-11'));
    // 11 December 2027 is a Saturday: Monday 13.
    const third = await c.mine('anna.iii', m.caseNumber, reviewName, second.id);
    expect(third.dueDate).toBe('2027-12-13T23:00:00.000Z');
    await d.moveTo('2027-12-10T09:00:00.000Z');
    // The court renews the prosieguo: a date past the 21st birthday is sent back, the
    // corrected one replaces the end (the old one cancelled); the tutor stays.
    await act(d, 'anna.iii', m.caseNumber, reviewName, {
      ...review('2027-12-10'),
      prosieguoRenewed: true,
      prosieguoEndDate: '2029-06-16',
    });
    await c.mine('anna.iii', m.caseNumber, fixDatesName);
    await act(d, 'anna.iii', m.caseNumber, fixDatesName, { prosieguoEndDate: '2028-09-30' });
    await c.deadlinesAre(m.caseId, [
      ['care-leaver-autonomy-project', '2026-06-14', 'met'],
      ['care-leaver-prosieguo-end', '2028-06-30', 'cancelled'],
      ['care-leaver-prosieguo-end', '2028-09-30', 'running'],
      ['care-leaver-review', '2026-12-16', 'met'],
      ['care-leaver-review', '2027-06-10', 'breached'],
      ['care-leaver-review', '2027-12-13', 'met'],
      ['care-leaver-review', '2028-06-12', 'running'],
    ]);
    expect(await openTaskNames(d, 'anna.iii', m.caseNumber)).toEqual([reviewName]);
    const fourth = await c.mine('anna.iii', m.caseNumber, reviewName, third.id);
    expect(fourth.dueDate).toBe('2028-06-12T22:00:00.000Z');
    // Six months after the fourth review would be past the end: the closure, due at the end.
    await d.moveTo('2028-06-09T09:00:00.000Z');
    await act(d, 'anna.iii', m.caseNumber, reviewName, review('2028-06-09'));
    const closing = await c.mine('anna.iii', m.caseNumber, closureName);
    expect(closing.dueDate).toBe('2028-09-30T22:00:00.000Z');
    expect(await openTaskNames(d, 'anna.iii', m.caseNumber)).toEqual([closureName]);

    await d.moveTo('2028-10-01T07:00:00.000Z');
    await quiet(d);
    await act(
      d,
      'coord.iii',
      m.caseNumber,
      'Fine della misura superata: chiudere e riferire al Tribunale',
      stepDone('2028-10-01'),
    );
    await act(d, 'anna.iii', m.caseNumber, closureName, {
      ...closure('2028-10-03', 'measureEnded'),
      finalReportSentToCourtOn: '2028-10-03',
    });
    await c.completed(m.key);
    expect(await c.reached(m.key, 'ended')).toBe(true);
    await c.deadlinesAre(m.caseId, [
      ['care-leaver-autonomy-project', '2026-06-14', 'met'],
      ['care-leaver-prosieguo-end', '2028-06-30', 'cancelled'],
      ['care-leaver-prosieguo-end', '2028-09-30', 'met'],
      ['care-leaver-review', '2026-12-16', 'met'],
      ['care-leaver-review', '2027-06-10', 'breached'],
      ['care-leaver-review', '2027-12-13', 'met'],
      ['care-leaver-review', '2028-06-12', 'met'],
    ]);
  }, 90_000);

  it('prosieguo asked and not granted by the court: the Care Leavers support to the 21st birthday instead, with no end of prosieguo', async () => {
    const now = d.clock.now();
    const today = now.toISOString().slice(0, 10);
    // Two months short of 18.
    const born = new Date(now.getTime() + 60 * 86_400_000);
    born.setUTCFullYear(born.getUTCFullYear() - 18);
    const birthDate = born.toISOString().slice(0, 10);
    const twentyFirst = `${Number(birthDate.slice(0, 4)) + 21}${birthDate.slice(4)}`;
    const r = await open('Rizzo', 'Amina');
    await act(d, 'anna.iii', r.caseNumber, registerName, young(birthDate));
    await act(d, 'anna.iii', r.caseNumber, projectName, project('yes', today));
    await act(d, 'anna.iii', r.caseNumber, decisionName, {
      decisionDate: today,
      docketNumber: 'R.G. 789',
      prosieguoGranted: 'no',
      decisionNotes: 'Il Tribunale ritiene sufficiente l’accompagnamento del servizio.',
    });
    // The support runs to the 21st birthday; the tutor is named next, as without a request.
    await c.mine('anna.iii', r.caseNumber, tutorName);
    const eve = new Date(born);
    eve.setUTCFullYear(eve.getUTCFullYear() + 18);
    eve.setUTCDate(eve.getUTCDate() - 1);
    await c.deadlinesAre(r.caseId, [
      ['care-leaver-autonomy-project', eve.toISOString().slice(0, 10), 'met'],
      ['care-leaver-support-end', twentyFirst, 'running'],
    ]);
    expect(await c.reached(r.key, 'startProsieguoEnd')).toBe(false);
  });
});
