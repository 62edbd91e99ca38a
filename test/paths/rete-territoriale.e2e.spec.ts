import { TaskReconciler } from '../../src/tasks/task-reconciler';
import { describeForms, type FormCase, read } from './model-checks';
import { PathDriver } from './path-driver';
import { act, activeTimers, openTaskNames, quiet, stepDone } from './path-steps';

const appointName = 'Nominare il referente e fissare il primo incontro';
const conveneName = "Convocare l'incontro di rete";
const minutesName = "Registrare il verbale dell'incontro e gli impegni";
const minutesLateName = "Verbale dell'incontro di rete non registrato: sollecitare il referente";
const checkName = 'Verificare un impegno preso in rete';
const checkLateName = 'Verifica di un impegno di rete non fatta: sollecitare';

const staffOptions = ['anna.iii', 'bruno.iii', 'coord.iii'].map((u) => ({ value: u, label: u }));

const appointment = (nextMeetingDate: string) => ({
  referent: 'anna.iii',
  networkKind: 'thematicNetwork',
  networkScope: 'Dispersione scolastica e povertà educativa nel quartiere Oreto.',
  partnerKinds: ['school', 'health', 'thirdSector', 'parish'],
  nextMeetingDate,
  minutesDays: 10,
  checkDays: 7,
});
const convocation = (meetingDate: string) => ({
  meetingDate,
  meetingTime: '09:30',
  meetingPlace: 'Sede dell’unità III, via Oreto 100',
  participants: [
    { kind: 'school', organisation: 'I.C. Oreto-Stazione', contactPerson: 'Prof.ssa Li Causi' },
    { kind: 'health', organisation: 'Consultorio familiare ASP Palermo, Oreto' },
    { kind: 'thirdSector', organisation: 'Cooperativa Il Ponte', contact: 'info@ilponte.it' },
  ],
  agenda: 'Assenze ripetute nelle classi prime; doposcuola di quartiere.',
  convocationSentOn: '2026-03-09',
  convocationMethod: 'pec',
});
const commitment = (who: string, what: string, dueDate: string) => ({ who, what, dueDate });
const held = (heldOn: string, commitments: unknown[], nextMeetingDate?: string) => ({
  meetingOutcome: 'held',
  heldOn,
  attendingKinds: ['school', 'health', 'thirdSector'],
  attendees:
    'Prof.ssa Li Causi (I.C. Oreto-Stazione); dott.ssa Greco (consultorio); A. Sala (Il Ponte).',
  minutesSummary: 'Dodici alunni con assenze ripetute; il doposcuola parte ad aprile.',
  commitments,
  ...(nextMeetingDate ? { nextMeetingDate } : { closingNotes: 'Obiettivi del tavolo raggiunti.' }),
});
const check = (checkedOn: string) => ({
  checkedOn,
  checkOutcome: 'kept',
  checkedHow: 'phone',
  bringToTable: false,
});

describe('bpmn/paths/rete-territoriale.bpmn', () => {
  it('documents its basis and terms, and has no case deadline or case manager', () => {
    const xml = read('paths/rete-territoriale.bpmn');
    expect(xml).toMatch(/<bpmn:documentation>[^<]*L\. 328\/2000 art\. 1[^<]*art\. 19[^<]*Termini/);
    // A unit's duty has no case: no case deadlines, no case manager.
    expect(xml).not.toContain('percorsi:start-deadline');
    expect(xml).not.toContain('=caseManager');
  });
});

/** [form, variables it opens with, a realistic submission, a wrong one, the problems expected]. */
const FORMS: FormCase[] = [
  [
    'network-referent',
    { staffOptions },
    appointment('2026-03-20'),
    { ...appointment('2026-03-20'), referent: 'carla.v', minutesDays: 45 },
    ['minutesDays:ABOVE_MAX', 'referent:NOT_ALLOWED'],
  ],
  [
    'network-meeting-convocation',
    {},
    convocation('2026-03-20'),
    {
      ...convocation('2026-03-20'),
      meetingTime: '9.30',
      participants: [{ kind: 'bar', organisation: 'Bar dello Sport' }],
    },
    ['meetingTime:PATTERN', 'participants.0.kind:NOT_ALLOWED'],
  ],
  [
    'network-minutes',
    {},
    held('2026-03-20', [commitment('Scuola', 'Elenco degli alunni', '2026-04-10')], '2026-05-08'),
    {
      ...held('2026-03-20', [{ who: 'Scuola', what: 'Elenco degli alunni' }], '2026-05-08'),
      postponeReason: 'Assenza della scuola',
    },
    ['commitments.0.dueDate:REQUIRED', 'postponeReason:HIDDEN_FIELD'],
  ],
  [
    'network-minutes',
    {},
    { meetingOutcome: 'postponed', postponeReason: 'Sciopero', nextMeetingDate: '2026-05-22' },
    { meetingOutcome: 'postponed', heldOn: '2026-05-08' },
    ['heldOn:HIDDEN_FIELD', 'postponeReason:REQUIRED'],
  ],
  [
    'network-commitment-check',
    { commitment: commitment('Scuola', 'Elenco degli alunni', '2026-04-10') },
    check('2026-04-18'),
    { ...check('2026-04-18'), checkOutcome: 'notKept' },
    ['checkNotes:REQUIRED'],
  ],
  [
    'network-commitment-late',
    {},
    { lateHandledOn: '2026-04-18', lateAction: 'remindedReferent' },
    { lateAction: 'fired' },
    ['lateAction:NOT_ALLOWED', 'lateHandledOn:REQUIRED'],
  ],
];

describeForms(FORMS);

/**
 * The unit's territorial network (L. 328/2000 art. 1, 6, 19): the coordinator names a referent,
 * who convenes each meeting, records its minutes and checks each commitment at its due date;
 * the coordinator is told when minutes or a check are late. Through the real app over HTTP
 * with a moved clock, started as the unit-duties API starts it (business key ATT-…).
 */
describe('rete-territoriale over HTTP', () => {
  // Monday 2 March 2026, 10:00 in Rome; summer time from 29 March.
  const d = new PathDriver();
  const duty = 'ATT-III-2026-000001';
  let key: string;

  const task = (who: string, name: string) =>
    d.task(who, duty, name, who.startsWith('coord.') ? 'unit' : 'mine');
  const timers = async () =>
    (await activeTimers(d, key)).map((t) => `${t.elementId} ${t.dueAt}`).sort();

  beforeAll(async () => {
    await d.start();
    ({ processInstanceKey: key } = await d.engine.createInstance({
      bpmnProcessId: 'rete-territoriale',
      businessKey: duty,
      variables: {
        unitCode: 'III',
        dutyNumber: duty,
        dutyTitle: 'Tavolo di rete scuole – Oreto',
        coordinator: 'coord.iii',
        staffOptions,
      },
    }));
    await quiet(d);
  }, 60_000);
  afterAll(() => d.stop());

  it('the coordinator names the referent and the first date; the referent convenes 7 days before it', async () => {
    const appoint = await task('coord.iii', appointName);
    expect(appoint.assignee).toBe('coord.iii');
    expect(appoint.dueDate).toBe('2026-03-07T09:00:00.000Z');
    await act(d, 'coord.iii', duty, appointName, appointment('2026-03-20'));

    const convene = await task('anna.iii', conveneName);
    expect(convene.assignee).toBe('anna.iii');
    // By the end of 13 March in Rome (7 days before the 20th).
    expect(convene.dueDate).toBe('2026-03-13T23:00:00.000Z');
    expect(await openTaskNames(d, 'carla.v', duty, 'mine')).toEqual([]);
    await act(d, 'anna.iii', duty, conveneName, convocation('2026-03-20'));
    expect(await timers()).toEqual(['meetingDay 2026-03-19T23:00:00.000Z']);
    expect(await openTaskNames(d, 'anna.iii', duty)).toEqual([]);
  });

  it('on the meeting day the minutes are due within 10 days; past them the coordinator is told', async () => {
    await d.moveTo('2026-03-20T07:00:00.000Z');
    const minutes = await task('anna.iii', minutesName);
    // 20 March + 10 days, the day over in Rome (summer time by then).
    expect(minutes.dueDate).toBe('2026-03-30T22:00:00.000Z');
    expect(await timers()).toEqual(['minutesOverdue 2026-03-30T22:00:00.000Z']);

    await d.moveTo('2026-03-30T21:59:00.000Z');
    expect(await openTaskNames(d, 'coord.iii', duty)).toEqual([minutesName]);
    await d.moveTo('2026-03-30T22:00:01.000Z');
    const late = await task('coord.iii', minutesLateName);
    expect(late.assignee).toBeNull();
    await act(
      d,
      'coord.iii',
      duty,
      minutesLateName,
      stepDone('2026-03-31', 'Sollecitata anna.iii'),
    );

    await act(
      d,
      'anna.iii',
      duty,
      minutesName,
      held(
        '2026-03-20',
        [
          commitment(
            'I.C. Oreto-Stazione',
            'Elenco degli alunni con assenze ripetute',
            '2026-04-10',
          ),
          commitment('Parrocchia San Giovanni', 'Locali per il doposcuola', '2026-05-01'),
          commitment('Consultorio ASP', 'Gruppo per i genitori', '2026-05-15'),
        ],
        '2026-05-08',
      ),
    );
  });

  it('each commitment is checked at its due date, until the next meeting; the next one is convened', async () => {
    expect(await timers()).toEqual([
      'commitmentDue 2026-04-10T06:00:00.000Z',
      'commitmentDue 2026-05-01T06:00:00.000Z',
      'commitmentDue 2026-05-15T06:00:00.000Z',
      // The follow-up of this meeting's commitments lasts until the next meeting's day.
      'nextMeetingReached 2026-05-07T22:00:00.000Z',
    ]);
    const convene = await task('anna.iii', conveneName);
    expect(convene.dueDate).toBe('2026-05-01T22:00:00.000Z');

    await d.moveTo('2026-04-10T06:00:00.000Z');
    const first = await task('anna.iii', checkName);
    expect(first.assignee).toBe('anna.iii');
    // Due date + 7 days, the day over in Rome.
    expect(first.dueDate).toBe('2026-04-17T22:00:00.000Z');
    // The form shows which commitment: the instance's own, not the other one.
    const variables = await d.server.request(
      'GET',
      `/api/tasks/${first.id}/variables`,
      d.as('anna.iii'),
    );
    expect(variables.status).toBe(200);
    expect(variables.body.commitment).toEqual(
      commitment('I.C. Oreto-Stazione', 'Elenco degli alunni con assenze ripetute', '2026-04-10'),
    );
  });

  it('a check not done in 7 days goes to the coordinator; the referent still does it', async () => {
    await d.moveTo('2026-04-17T22:00:01.000Z');
    await act(d, 'coord.iii', duty, checkLateName, {
      lateHandledOn: '2026-04-20',
      lateAction: 'remindedReferent',
    });
    await act(d, 'anna.iii', duty, checkName, check('2026-04-20'));
    await act(d, 'anna.iii', duty, conveneName, convocation('2026-05-08'));
    expect(await timers()).toEqual([
      'commitmentDue 2026-05-01T06:00:00.000Z',
      'commitmentDue 2026-05-15T06:00:00.000Z',
      'meetingDay 2026-05-07T22:00:00.000Z',
      'nextMeetingReached 2026-05-07T22:00:00.000Z',
    ]);
  });

  it("on the next meeting's day the open commitments go to the table; a postponed meeting is convened again", async () => {
    await d.moveTo('2026-05-01T06:00:00.000Z');
    const parish = await task('anna.iii', checkName);
    expect(parish.dueDate).toBe('2026-05-08T22:00:00.000Z');
    await d.moveTo('2026-05-08T06:00:00.000Z');
    await task('anna.iii', minutesName);
    // The parish's check still open and the consultorio's commitment (15 May) are no longer
    // chased on their own: the table reviews them.
    expect(await timers()).toEqual(['minutesOverdue 2026-05-18T22:00:00.000Z']);
    await quiet(d);
    await d.server.app.get(TaskReconciler).reconcileNow();
    expect(await openTaskNames(d, 'anna.iii', duty)).toEqual([minutesName]);
    await act(d, 'anna.iii', duty, minutesName, {
      meetingOutcome: 'postponed',
      postponeReason: 'Assenza della scuola per gli scrutini',
      nextMeetingDate: '2026-05-22',
    });
    const convene = await task('anna.iii', conveneName);
    expect(convene.dueDate).toBe('2026-05-15T22:00:00.000Z');
    await act(d, 'anna.iii', duty, conveneName, convocation('2026-05-22'));
  });

  it('minutes with no next meeting end the network once their commitments are checked', async () => {
    await d.moveTo('2026-05-22T06:00:00.000Z');
    await act(
      d,
      'anna.iii',
      duty,
      minutesName,
      held('2026-05-22', [commitment('Consultorio ASP', 'Gruppo per i genitori', '2026-06-05')]),
    );
    expect(await d.state(key)).toBe('ACTIVE');
    expect(await timers()).toEqual([
      'commitmentDue 2026-06-05T06:00:00.000Z',
      // No next meeting: followed up to 60 days after the last due date.
      'nextMeetingReached 2026-08-03T22:00:00.000Z',
    ]);
    await d.moveTo('2026-06-05T06:00:00.000Z');
    await act(d, 'anna.iii', duty, checkName, check('2026-06-05'));
    expect(await d.state(key)).toBe('COMPLETED');
    expect(await d.incidents(key)).toEqual([]);
  });
});
