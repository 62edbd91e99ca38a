import { palermoCalendar } from '../../src/deadlines/deadline-time';
import {
  describeForms,
  endOfRomeDay,
  type FormCase,
  plusDays,
  read,
  romeDay,
} from './model-checks';
import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';
import { act, assignToAnna, eventually, openTaskNames, quiet, stepDone } from './path-steps';

const request = (requestDate: string) => ({
  requestDate,
  dayCentreTarget: 'elderly',
  requestedBy: 'relative',
  requestReason: 'Solitudine durante il giorno; figlia lavoratrice.',
  transportNeeded: true,
});
const uvm = {
  uvmDate: '2026-03-10',
  uvmParticipants: ['districtDoctor', 'gp', 'socialWorker'],
  functionalProfile: 'Parzialmente non autosufficiente; Barthel 60.',
  uvmOutcome: 'eligible',
  healthShare: 'nonSelfSufficient',
};
const admission = (admissionDate: string) => ({
  admissionDate,
  dayCentre: 'Centro diurno Villa Sofia',
  daysPerWeek: 5,
  transport: true,
  iseeValue: 8500.5,
  iseeDate: '2026-01-15',
  coPaymentMonthly: 45,
  paiDays: 30,
});

const noticeName = 'Comunicare il preavviso di rigetto (art. 10-bis L. 241/1990)';
const observationsName = 'Registrare le osservazioni del richiedente';
const finalName = 'Decisione finale dopo il preavviso';
const notEligible = (uvmDate: string) => ({
  uvmDate,
  uvmParticipants: ['districtDoctor', 'socialWorker'],
  functionalProfile: 'Autosufficiente; Barthel 95.',
  uvmOutcome: 'notEligible',
});
const notice = (noticeSentDate: string, noticeReceivedDate: string) => ({
  rejectionGrounds: 'Non idoneo alla UVM: autosufficiente (Barthel 95).',
  noticeSentDate,
  noticeChannel: 'pec',
  noticeReceivedDate,
});
const observations = (observationsDate: string) => ({
  observationsDate,
  observationsSummary:
    'La figlia segnala cadute recenti e allega il certificato del medico curante.',
  observationsDocuments: 'Certificato del medico di medicina generale',
});

/**
 * `days` calendar days after `from`, moved to the next working day when it is not one (art. 2963
 * c.c.): how the deadlines count a term (the legal calendar has its own spec).
 */
const term = (from: string, days: number) =>
  palermoCalendar.computeDeadline({ from, amount: days, unit: 'calendarDays' }).date;

/** [form, variables it opens with, a realistic submission, a wrong one, the problems expected]. */
const FORMS: FormCase[] = [
  [
    'day-centre-rejection-notice',
    { decisionReasons: 'Non idoneo alla UVM.' },
    notice('2026-03-02', '2026-03-03'),
    { ...notice('2026-03-02', '2026-03-03'), rejectionGrounds: '', noticeChannel: 'fax' },
    ['noticeChannel:NOT_ALLOWED', 'rejectionGrounds:REQUIRED'],
  ],
  [
    'day-centre-observations',
    { noticeReceivedDate: '2026-03-03' },
    observations('2026-03-09'),
    { observationsSummary: 'Allega un certificato.' },
    ['observationsDate:REQUIRED'],
  ],
  // Observations received: rejecting them needs the reasons; no centre for a rejection.
  [
    'day-centre-final-decision',
    { ...notice('2026-03-02', '2026-03-03'), ...observations('2026-03-09') },
    {
      finalDecision: 'reject',
      observationsRejectionReasons: 'Il certificato non modifica il profilo della UVM.',
      finalDecisionReasons: 'Non idoneo alla UVM.',
    },
    {
      finalDecision: 'reject',
      dayCentre: 'Centro diurno Villa Sofia',
      finalDecisionReasons: 'Non idoneo alla UVM.',
    },
    ['dayCentre:HIDDEN_FIELD', 'observationsRejectionReasons:REQUIRED'],
  ],
  // None received: there is nothing to answer, and admitting names the centre.
  [
    'day-centre-final-decision',
    notice('2026-03-02', '2026-03-03'),
    { finalDecision: 'reject', finalDecisionReasons: 'Non idoneo alla UVM.' },
    {
      finalDecision: 'admit',
      observationsRejectionReasons: 'Nessuna.',
      finalDecisionReasons: 'Riesame.',
    },
    ['dayCentre:REQUIRED', 'observationsRejectionReasons:HIDDEN_FIELD'],
  ],
];

describeForms(FORMS);

/**
 * Day centre: request → UVM and decision (30 days) → admission (ISEE) → PAI → reviews → discharge.
 * A proposed rejection goes through the preavviso (L. 241/1990 art. 10-bis), which suspends the term.
 */
describe('centro-diurno', () => {
  const d = new PathDriver();
  const c = new PathChecks(d);
  const main = { caseId: '', caseNumber: '', key: '' };
  const late = { caseId: '', caseNumber: '', key: '' };
  const rows = async (caseId: string) =>
    (await d.deadlines(caseId)).map((x) => [x.kind, x.dueDate, x.status]);
  /** The request, a UVM that finds the person not eligible and the coordinator's proposal to reject. */
  const proposeRejection = async (caseNumber: string, requestDate: string) => {
    const today = romeDay(d.clock.now());
    await act(d, 'anna.iii', caseNumber, 'Registrare la domanda', request(requestDate));
    await act(
      d,
      'anna.iii',
      caseNumber,
      "Valutazione multidimensionale (UVM con l'ASP)",
      notEligible(today),
    );
    await act(d, 'coord.iii', caseNumber, "Decidere sull'ammissione", {
      admissionDecision: 'reject',
      decisionReasons: 'Non idoneo alla UVM: autosufficiente.',
    });
  };
  const inbox = async (who: string) =>
    (await d.server.request('GET', '/api/notifications', d.as(who))).body.items as Array<{
      kind: string;
      subject: string;
      caseNumber: string;
    }>;

  beforeAll(async () => {
    await d.start();
    Object.assign(main, await d.openCase('Lo Iacono', 'Salvatore'));
    main.key = await d.startPath('centro-diurno', main);
    Object.assign(late, await d.openCase('Randazzo', 'Concetta'));
    late.key = await d.startPath('centro-diurno', late);
    await assignToAnna(d, main.caseNumber);
    await assignToAnna(d, late.caseNumber);
  }, 60_000);
  afterAll(() => d.stop());

  it('the model documents its terms', () => {
    expect(read('paths/centro-diurno.bpmn')).toMatch(/<bpmn:documentation>[^<]*Termini/);
  });

  it('the decision is due 30 days from the request (rolled to a working day); the PAI N days from admission', async () => {
    await act(d, 'anna.iii', main.caseNumber, 'Registrare la domanda', request('2026-02-27'));
    // 27 February + 30 days = Sunday 29 March → Monday 30 March
    await eventually(async () => (await d.deadlines(main.caseId)).length === 1);
    expect(await rows(main.caseId)).toEqual([['day-centre-decision', '2026-03-30', 'running']]);
    const assess = await d.task(
      'anna.iii',
      main.caseNumber,
      "Valutazione multidimensionale (UVM con l'ASP)",
      'mine',
    );
    expect(assess.dueDate).toBe('2026-03-30T22:00:00.000Z');
    await act(d, 'anna.iii', main.caseNumber, "Valutazione multidimensionale (UVM con l'ASP)", uvm);
    await act(d, 'coord.iii', main.caseNumber, "Decidere sull'ammissione", {
      admissionDecision: 'admit',
      dayCentre: 'Centro diurno Villa Sofia',
      decisionReasons: 'Idoneo alla UVM; posto disponibile.',
    });
    await act(
      d,
      'anna.iii',
      main.caseNumber,
      'Inserimento nel centro diurno e compartecipazione (ISEE)',
      admission('2026-03-16'),
    );
    // 16 March + 30 days, as set at admission
    await eventually(async () => (await d.deadlines(main.caseId)).length === 2);
    expect(await rows(main.caseId)).toEqual([
      ['day-centre-decision', '2026-03-30', 'met'],
      ['day-centre-pai', '2026-04-15', 'running'],
    ]);
    const pai = await d.task('anna.iii', main.caseNumber, 'Redigere il PAI', 'mine');
    expect(pai.dueDate).toBe('2026-04-15T22:00:00.000Z');
  });

  it('a decision not taken in 30 days goes to the coordinator; the waiting list leads to admission when a place is free', async () => {
    await act(d, 'anna.iii', late.caseNumber, 'Registrare la domanda', request('2026-03-02'));
    await eventually(async () => (await d.deadlines(late.caseId)).length === 1);
    expect(await rows(late.caseId)).toEqual([['day-centre-decision', '2026-04-01', 'running']]);

    await d.moveTo('2026-04-02T07:00:00.000Z');
    await quiet(d);
    await d.escalate();
    await quiet(d);
    await d.task('coord.iii', late.caseNumber, 'Decisione sulla domanda in ritardo: sollecitare');
    expect(await rows(late.caseId)).toEqual([['day-centre-decision', '2026-04-01', 'breached']]);
    expect(await inbox('coord.iii')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'deadline-breached', caseNumber: late.caseNumber }),
      ]),
    );
    // The assessment stays to be done.
    expect(await openTaskNames(d, 'anna.iii', late.caseNumber)).toEqual([
      "Valutazione multidimensionale (UVM con l'ASP)",
    ]);
    await act(
      d,
      'coord.iii',
      late.caseNumber,
      'Decisione sulla domanda in ritardo: sollecitare',
      stepDone('2026-04-02'),
    );
    await act(d, 'anna.iii', late.caseNumber, "Valutazione multidimensionale (UVM con l'ASP)", {
      ...uvm,
      uvmDate: '2026-04-03',
    });
    await act(d, 'coord.iii', late.caseNumber, "Decidere sull'ammissione", {
      admissionDecision: 'waitingList',
      dayCentre: 'Centro diurno Villa Sofia',
      waitingListPosition: 4,
      decisionReasons: 'Idonea; nessun posto libero.',
    });
    await act(d, 'coord.iii', late.caseNumber, "Lista d'attesa: registrare il posto disponibile", {
      waitingListOutcome: 'placeAvailable',
      placeAvailableOn: '2026-04-07',
    });
    await d.task(
      'anna.iii',
      late.caseNumber,
      'Inserimento nel centro diurno e compartecipazione (ISEE)',
      'mine',
    );
  });

  it('the case manager is reminded of the PAI; reviews run N months from the PAI, a late one alerts the coordinator; discharge ends the path', async () => {
    await d.moveTo('2026-04-09T07:00:00.000Z');
    await d.escalate();
    expect(await inbox('anna.iii')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'deadline-near',
          caseNumber: main.caseNumber,
          subject: expect.stringContaining('PAI del centro diurno'),
        }),
      ]),
    );
    await act(d, 'anna.iii', main.caseNumber, 'Redigere il PAI', {
      paiDate: '2026-04-10',
      objectives: 'Socializzazione; mantenimento dell’autonomia.',
      activitiesAndFrequency: 'Laboratori, ginnastica dolce; 5 giorni a settimana.',
      reviewMonths: 6,
      signed: true,
    });
    // 10 April + 6 months
    await eventually(async () => (await d.deadlines(main.caseId)).length === 3);
    expect((await rows(main.caseId)).slice(1)).toEqual([
      ['day-centre-pai', '2026-04-15', 'met'],
      ['day-centre-pai-review', '2026-10-10', 'running'],
    ]);

    await d.moveTo('2026-10-12T07:00:00.000Z');
    await quiet(d);
    await d.escalate();
    await quiet(d);
    await d.task('coord.iii', main.caseNumber, 'Verifica del PAI scaduta: sollecitare');
    expect(await openTaskNames(d, 'anna.iii', main.caseNumber)).toEqual(['Verifica del PAI']);
    await act(d, 'anna.iii', main.caseNumber, 'Verifica del PAI', {
      reviewDate: '2026-10-13',
      progress: 'Buon inserimento nel gruppo.',
      reviewOutcome: 'continue',
    });
    // 6 months from the review just recorded
    await eventually(async () => (await d.deadlines(main.caseId)).length === 4);
    expect((await rows(main.caseId)).slice(2)).toEqual([
      ['day-centre-pai-review', '2026-10-10', 'breached'],
      ['day-centre-pai-review', '2027-04-13', 'running'],
    ]);
    await act(
      d,
      'coord.iii',
      main.caseNumber,
      'Verifica del PAI scaduta: sollecitare',
      stepDone('2026-10-13'),
    );
    await act(d, 'anna.iii', main.caseNumber, 'Verifica del PAI', {
      reviewDate: '2027-04-01',
      progress: 'Peggioramento: serve una struttura residenziale.',
      reviewOutcome: 'discharge',
    });
    await act(d, 'anna.iii', main.caseNumber, 'Dimissione dal centro diurno', {
      dischargeDate: '2027-04-05',
      dischargeReason: 'residential',
      followUp: 'Percorso anziani per la residenzialità.',
    });
    await eventually(async () => (await d.state(main.key)) === 'COMPLETED');
    expect((await rows(main.caseId)).at(-1)).toEqual([
      'day-centre-pai-review',
      '2027-04-13',
      'met',
    ]);
  });

  it('a rejection goes through the preavviso (art. 10-bis): the notice suspends the term, which resumes for the days left 10 days after the observations; the rejection answers them', async () => {
    const rejected = await d.openCase('Vitale', 'Giuseppe');
    const key = await d.startPath('centro-diurno', rejected);
    await assignToAnna(d, rejected.caseNumber);
    const today = romeDay(d.clock.now());
    const firstDue = term(today, 30);
    await proposeRejection(rejected.caseNumber, today);
    // Not decided yet: the term runs, and the applicant is told within it.
    const toNotify = await c.mine('anna.iii', rejected.caseNumber, noticeName);
    expect(toNotify.dueDate).toBe(endOfRomeDay(firstDue));
    expect(await rows(rejected.caseId)).toEqual([['day-centre-decision', firstDue, 'running']]);

    // Sent the next day, received two days later.
    const sent = plusDays(today, 1);
    const received = plusDays(today, 3);
    await d.advanceDays(3);
    await act(d, 'anna.iii', rejected.caseNumber, noticeName, notice(sent, received));
    await c.mine('anna.iii', rejected.caseNumber, observationsName);
    // Suspended: neither met nor breached; the applicant has 10 days from receipt.
    expect(await rows(rejected.caseId)).toEqual([['day-centre-decision', firstDue, 'cancelled']]);
    expect((await c.timers(key)).observationsWindowOver).toBe(endOfRomeDay(plusDays(received, 10)));
    expect(await openTaskNames(d, 'coord.iii', rejected.caseNumber)).not.toContain(finalName);

    // The observations come on the fifth day.
    const presented = plusDays(received, 5);
    await d.advanceDays(5);
    await act(d, 'anna.iii', rejected.caseNumber, observationsName, observations(presented));
    // One day of the 30 had gone by at the notice: the 29 left run from 10 days after the observations.
    const resumedDue = term(plusDays(presented, 10), 29);
    await c.until(
      async () => (await d.deadlines(rejected.caseId)).length === 2,
      'the resumed term',
    );
    expect(await rows(rejected.caseId)).toEqual([
      ['day-centre-decision', firstDue, 'cancelled'],
      ['day-centre-decision', resumedDue, 'running'],
    ]);
    expect((await d.deadlines(rejected.caseId))[1]).toMatchObject({
      label: expect.stringContaining('ripreso dopo il preavviso di rigetto'),
      legalBasis: expect.stringContaining('art. 10-bis'),
    });
    const final = await d.task('coord.iii', rejected.caseNumber, finalName);
    expect(final.assignee).toBeNull();
    expect(final.dueDate).toBe(endOfRomeDay(resumedDue));

    // Observations were presented: a rejection must say why they are not accepted.
    await expect(
      d.complete('coord.iii', final, {
        finalDecision: 'reject',
        finalDecisionReasons: 'Non idoneo alla UVM: autosufficiente.',
      }),
    ).rejects.toThrow(/: 400 .*observationsRejectionReasons/);
    await act(d, 'coord.iii', rejected.caseNumber, finalName, {
      finalDecision: 'reject',
      observationsRejectionReasons:
        'Le cadute non cambiano il profilo funzionale: autonomo nelle attività della vita quotidiana.',
      finalDecisionReasons: 'Non idoneo alla UVM: autosufficiente.',
    });
    await eventually(async () => (await d.state(key)) === 'COMPLETED');
    expect(await c.reached(key, 'rejected')).toBe(true);
    expect(await c.reached(key, 'admission')).toBe(false);
    expect(await rows(rejected.caseId)).toEqual([
      ['day-centre-decision', firstDue, 'cancelled'],
      ['day-centre-decision', resumedDue, 'met'],
    ]);
    expect(await openTaskNames(d, 'anna.iii', rejected.caseNumber)).toEqual([]);
    expect(await openTaskNames(d, 'coord.iii', rejected.caseNumber)).toEqual([]);
  });

  it('a request withdrawn or lapsed while on the waiting list ends the path without admission', async () => {
    const waiting = await d.openCase('Sciortino', 'Nunzia');
    const key = await d.startPath('centro-diurno', waiting);
    await assignToAnna(d, waiting.caseNumber);
    const today = romeDay(d.clock.now());
    await act(d, 'anna.iii', waiting.caseNumber, 'Registrare la domanda', request(today));
    await act(d, 'anna.iii', waiting.caseNumber, "Valutazione multidimensionale (UVM con l'ASP)", {
      ...uvm,
      uvmDate: today,
    });
    await act(d, 'coord.iii', waiting.caseNumber, "Decidere sull'ammissione", {
      admissionDecision: 'waitingList',
      dayCentre: 'Centro diurno Villa Sofia',
      waitingListPosition: 7,
      decisionReasons: 'Idonea; nessun posto libero.',
    });
    await act(
      d,
      'coord.iii',
      waiting.caseNumber,
      "Lista d'attesa: registrare il posto disponibile",
      {
        waitingListOutcome: 'withdrawn',
        waitingListNotes: 'La famiglia ha scelto un centro privato.',
      },
    );
    await eventually(async () => (await d.state(key)) === 'COMPLETED');
    expect(await c.reached(key, 'withdrawn')).toBe(true);
    expect(await c.reached(key, 'admission')).toBe(false);
    expect(await openTaskNames(d, 'anna.iii', waiting.caseNumber)).toEqual([]);
    // Only the decision's term: no PAI for someone never admitted.
    expect((await rows(waiting.caseId)).map(([kind, , status]) => [kind, status])).toEqual([
      ['day-centre-decision', 'met'],
    ]);
  });

  it('a PAI not written in the days set at admission goes to the coordinator and stays to be done', async () => {
    const p = await d.openCase('Cangemi', 'Rosaria');
    const key = await d.startPath('centro-diurno', p);
    await assignToAnna(d, p.caseNumber);
    const today = romeDay(d.clock.now());
    await act(d, 'anna.iii', p.caseNumber, 'Registrare la domanda', request(today));
    await act(d, 'anna.iii', p.caseNumber, "Valutazione multidimensionale (UVM con l'ASP)", {
      ...uvm,
      uvmDate: today,
    });
    await act(d, 'coord.iii', p.caseNumber, "Decidere sull'ammissione", {
      admissionDecision: 'admit',
      dayCentre: 'Centro diurno Villa Sofia',
      decisionReasons: 'Idonea alla UVM; posto disponibile.',
    });
    await act(
      d,
      'anna.iii',
      p.caseNumber,
      'Inserimento nel centro diurno e compartecipazione (ISEE)',
      {
        ...admission(today),
        paiDays: 10,
      },
    );
    // Ten days from the admission, as set there (a date the service sets: no roll-forward).
    const paiDue = plusDays(today, 10);
    const paiRow = async () => (await rows(p.caseId)).find(([kind]) => kind === 'day-centre-pai');
    await eventually(async () => (await d.deadlines(p.caseId)).length === 2);
    expect(await paiRow()).toEqual(['day-centre-pai', paiDue, 'running']);
    const pai = await d.task('anna.iii', p.caseNumber, 'Redigere il PAI', 'mine');
    expect(pai.dueDate).toBe(endOfRomeDay(paiDue));

    // Not yet when the last day is still running.
    await d.moveTo(new Date(Date.parse(endOfRomeDay(paiDue)) - 60_000).toISOString());
    await quiet(d);
    expect(await openTaskNames(d, 'coord.iii', p.caseNumber)).toEqual(['Redigere il PAI']);
    await d.moveTo(new Date(Date.parse(endOfRomeDay(paiDue)) + 60_000).toISOString());
    await quiet(d);
    await d.escalate();
    await quiet(d);
    const notice = await d.task(
      'coord.iii',
      p.caseNumber,
      'PAI non redatto nei termini: sollecitare',
    );
    expect(notice.assignee).toBeNull();
    expect(await paiRow()).toEqual(['day-centre-pai', paiDue, 'breached']);
    expect(await inbox('coord.iii')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'deadline-breached', caseNumber: p.caseNumber }),
      ]),
    );
    // The PAI is still the case manager's to write.
    expect(await openTaskNames(d, 'anna.iii', p.caseNumber)).toEqual(['Redigere il PAI']);
    await act(
      d,
      'coord.iii',
      p.caseNumber,
      'PAI non redatto nei termini: sollecitare',
      stepDone(plusDays(paiDue, 1)),
    );
    expect(await c.reached(key, 'paiLateNoticed')).toBe(true);
    await act(d, 'anna.iii', p.caseNumber, 'Redigere il PAI', {
      paiDate: plusDays(paiDue, 2),
      objectives: 'Socializzazione.',
      activitiesAndFrequency: 'Laboratori; 3 giorni a settimana.',
      reviewMonths: 6,
      signed: true,
    });
    await d.task('anna.iii', p.caseNumber, 'Verifica del PAI', 'mine');
    // Written late: the deadline stays breached.
    expect(await paiRow()).toEqual(['day-centre-pai', paiDue, 'breached']);
  });

  it('with no observations the 10 days from receipt run out (not before); the suspended term does not run out meanwhile; the coordinator admits and admission goes on', async () => {
    const p = await d.openCase('Di Liberto', 'Antonina');
    const key = await d.startPath('centro-diurno', p);
    await assignToAnna(d, p.caseNumber);
    const today = romeDay(d.clock.now());
    // Filed 25 days ago: the term's last day falls inside the suspension.
    const requestDate = plusDays(today, -25);
    const firstDue = term(requestDate, 30);
    const windowEnd = plusDays(today, 10);
    expect(firstDue < windowEnd).toBe(true);
    await proposeRejection(p.caseNumber, requestDate);
    await act(d, 'anna.iii', p.caseNumber, noticeName, notice(today, today));
    await c.mine('anna.iii', p.caseNumber, observationsName);

    // The last minute of the tenth day: still waiting, and the old term's day went by unbreached.
    await d.moveTo(new Date(Date.parse(endOfRomeDay(windowEnd)) - 60_000).toISOString());
    await quiet(d);
    await d.escalate();
    await quiet(d);
    expect(await rows(p.caseId)).toEqual([['day-centre-decision', firstDue, 'cancelled']]);
    expect(await inbox('coord.iii')).not.toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'deadline-breached', caseNumber: p.caseNumber }),
      ]),
    );
    expect(await openTaskNames(d, 'anna.iii', p.caseNumber)).toEqual([observationsName]);
    expect(await openTaskNames(d, 'coord.iii', p.caseNumber)).not.toContain(finalName);

    await d.moveTo(new Date(Date.parse(endOfRomeDay(windowEnd)) + 60_000).toISOString());
    await quiet(d);
    const final = await d.task('coord.iii', p.caseNumber, finalName);
    await eventually(async () => (await openTaskNames(d, 'anna.iii', p.caseNumber)).length === 0);
    // 25 of the 30 days had gone by at the notice: the 5 left run from the end of the 10 days.
    const resumedDue = term(windowEnd, 5);
    await c.until(async () => (await d.deadlines(p.caseId)).length === 2, 'the resumed term');
    expect(await rows(p.caseId)).toEqual([
      ['day-centre-decision', firstDue, 'cancelled'],
      ['day-centre-decision', resumedDue, 'running'],
    ]);
    expect(final.dueDate).toBe(endOfRomeDay(resumedDue));

    await act(d, 'coord.iii', p.caseNumber, finalName, {
      finalDecision: 'admit',
      dayCentre: 'Centro diurno Villa Sofia',
      finalDecisionReasons: 'Riesaminata la UVM: idonea con supervisione diurna.',
    });
    await d.task(
      'anna.iii',
      p.caseNumber,
      'Inserimento nel centro diurno e compartecipazione (ISEE)',
      'mine',
    );
    expect(await c.reached(key, 'observationsWindowOver')).toBe(true);
    expect(await c.reached(key, 'observations')).toBe(false);
    expect(await rows(p.caseId)).toEqual([
      ['day-centre-decision', firstDue, 'cancelled'],
      ['day-centre-decision', resumedDue, 'met'],
    ]);
  });

  it('a notice sent after the term ran out does not revive it: it stays breached, no term resumes, the final decision is late already', async () => {
    const p = await d.openCase('Mangano', 'Calogero');
    const key = await d.startPath('centro-diurno', p);
    await assignToAnna(d, p.caseNumber);
    const today = romeDay(d.clock.now());
    const requestDate = plusDays(today, -40);
    const firstDue = term(requestDate, 30);
    expect(firstDue < today).toBe(true);
    await act(d, 'anna.iii', p.caseNumber, 'Registrare la domanda', request(requestDate));
    await eventually(async () => (await d.deadlines(p.caseId)).length === 1);
    await d.escalate();
    await quiet(d);
    expect(await rows(p.caseId)).toEqual([['day-centre-decision', firstDue, 'breached']]);
    await act(
      d,
      'coord.iii',
      p.caseNumber,
      'Decisione sulla domanda in ritardo: sollecitare',
      stepDone(today),
    );
    await act(
      d,
      'anna.iii',
      p.caseNumber,
      "Valutazione multidimensionale (UVM con l'ASP)",
      notEligible(today),
    );
    await act(d, 'coord.iii', p.caseNumber, "Decidere sull'ammissione", {
      admissionDecision: 'reject',
      decisionReasons: 'Non idoneo alla UVM: autosufficiente.',
    });
    await act(d, 'anna.iii', p.caseNumber, noticeName, notice(today, today));
    await act(d, 'anna.iii', p.caseNumber, observationsName, observations(today));
    const final = await d.task('coord.iii', p.caseNumber, finalName);
    expect(final.dueDate).toBe(endOfRomeDay(firstDue));
    expect(await rows(p.caseId)).toEqual([['day-centre-decision', firstDue, 'breached']]);
    await act(d, 'coord.iii', p.caseNumber, finalName, {
      finalDecision: 'reject',
      observationsRejectionReasons: 'Il certificato non modifica il profilo della UVM.',
      finalDecisionReasons: 'Non idoneo alla UVM: autosufficiente.',
    });
    await eventually(async () => (await d.state(key)) === 'COMPLETED');
    expect(await c.reached(key, 'rejected')).toBe(true);
    expect(await c.reached(key, 'resumeDecision')).toBe(false);
    expect(await rows(p.caseId)).toEqual([['day-centre-decision', firstDue, 'breached']]);
  });
});
