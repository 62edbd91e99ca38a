import { plusDays, read, romeDay } from './model-checks';
import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';
import { act, assignToAnna, eventually, openTaskNames, quiet, stepDone } from './path-steps';

const assessment = (housingPathway: string) => ({
  assessmentDate: '2026-03-02',
  housingCondition: 'insecure',
  householdAndIncome: 'Madre con due figli; lavoro part-time.',
  workAndSkills: 'Diploma; esperienza come commessa.',
  supportNeeds: 'Bisogni di sostegno bassi: nessun problema di salute.',
  housingPathway,
});
const project = (projectDate: string) => ({
  projectDate,
  incomeSteps: 'Domanda di ADI; bilancio familiare con l’educatore.',
  workSteps: 'Tirocinio di inclusione.',
  leaseSteps: 'Ricerca di un alloggio a canone concordato.',
  commitments: 'Incontri mensili con il case manager.',
  monitoringMonths: 3,
  signed: true,
});
const monitoring = (monitoringDate: string, housingLedOutcome: string) => ({
  monitoringDate,
  incomeProgress: 'Reddito stabile.',
  workProgress: 'Tirocinio in corso.',
  leaseProgress: 'Due alloggi visitati.',
  housingLedOutcome,
  ...(housingLedOutcome === 'autonomy' ? { exitHousing: 'Locazione a canone concordato' } : {}),
});

/** Housing Led: assessment → temporary housing (end date) → project → monitoring every N months → exit. */
describe('housing-led', () => {
  const d = new PathDriver();
  const c = new PathChecks(d);
  const main = { caseId: '', caseNumber: '', key: '' };
  const short = { caseId: '', caseNumber: '', key: '' };
  const rows = async (caseId: string) =>
    (await d.deadlines(caseId)).map((x) => [x.kind, x.dueDate, x.status]);
  const inbox = async (who: string) =>
    (await d.server.request('GET', '/api/notifications', d.as(who))).body.items as Array<{
      kind: string;
      subject: string;
      caseNumber: string;
    }>;

  beforeAll(async () => {
    await d.start();
    Object.assign(main, await d.openCase('Messina', 'Giulia'));
    main.key = await d.startPath('housing-led', main);
    Object.assign(short, await d.openCase('Cusumano', 'Paolo'));
    short.key = await d.startPath('housing-led', short);
    await assignToAnna(d, main.caseNumber);
    await assignToAnna(d, short.caseNumber);
  }, 60_000);
  afterAll(() => d.stop());

  it('the model documents its terms', () => {
    expect(read('paths/housing-led.bpmn')).toMatch(/<bpmn:documentation>[^<]*Termini/);
  });

  it('the end of the temporary housing is the date set at placement; monitoring runs N months from the project', async () => {
    await act(
      d,
      'anna.iii',
      main.caseNumber,
      'Valutare il disagio abitativo (Housing Led)',
      assessment('housingLed'),
    );
    await act(d, 'anna.iii', main.caseNumber, "Inserimento nell'alloggio temporaneo", {
      partner: 'Coop. Casa Comune',
      accommodationType: 'apartment',
      accommodationStartDate: '2026-03-05',
      accommodationEndDate: '2027-03-04',
    });
    await eventually(async () => (await d.deadlines(main.caseId)).length === 1);
    expect(await rows(main.caseId)).toEqual([
      ['housing-led-accommodation-end', '2027-03-04', 'running'],
    ]);
    await act(
      d,
      'anna.iii',
      main.caseNumber,
      "Progetto individuale verso l'autonomia",
      project('2026-03-06'),
    );
    // 6 March + 3 months, as the project says (a date set by the service: no roll-forward)
    await eventually(async () => (await d.deadlines(main.caseId)).length === 2);
    expect(await rows(main.caseId)).toEqual([
      ['housing-led-monitoring', '2026-06-06', 'running'],
      ['housing-led-accommodation-end', '2027-03-04', 'running'],
    ]);
    const task = await d.task('anna.iii', main.caseNumber, 'Monitoraggio del progetto', 'mine');
    expect(task.dueDate).toBe('2026-06-06T22:00:00.000Z');
    // More than 60 days before the end: no exit to prepare yet.
    expect(await openTaskNames(d, 'anna.iii', main.caseNumber)).toEqual([
      'Monitoraggio del progetto',
    ]);
  });

  it('near the end the case manager prepares the exit; past it the coordinator decides; a re-assessment moves the case to Housing First', async () => {
    await act(
      d,
      'anna.iii',
      short.caseNumber,
      'Valutare il disagio abitativo (Housing Led)',
      assessment('housingLed'),
    );
    await act(d, 'anna.iii', short.caseNumber, "Inserimento nell'alloggio temporaneo", {
      partner: 'Coop. Casa Comune',
      accommodationType: 'sharedApartment',
      accommodationStartDate: '2026-03-03',
      accommodationEndDate: '2026-04-30',
    });
    await act(
      d,
      'anna.iii',
      short.caseNumber,
      "Progetto individuale verso l'autonomia",
      project('2026-03-04'),
    );
    // Less than 60 days to the end: the exit is to be prepared at once, by the end date.
    const prepare = await d.task(
      'anna.iii',
      short.caseNumber,
      "Preparare l'uscita dall'alloggio temporaneo",
      'mine',
    );
    expect(prepare.dueDate).toBe('2026-04-30T22:00:00.000Z');
    await act(
      d,
      'anna.iii',
      short.caseNumber,
      "Preparare l'uscita dall'alloggio temporaneo",
      stepDone('2026-03-10'),
    );
    expect(await rows(short.caseId)).toEqual([
      ['housing-led-accommodation-end', '2026-04-30', 'running'],
      ['housing-led-monitoring', '2026-06-04', 'running'],
    ]);

    // Five working days before the end the case manager is reminded.
    await d.moveTo('2026-04-24T07:00:00.000Z');
    await d.escalate();
    expect(await inbox('anna.iii')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'deadline-near',
          caseNumber: short.caseNumber,
          subject: expect.stringContaining("Fine dell'accoglienza temporanea"),
        }),
      ]),
    );

    // The day after the end: the coordinator decides, and hears of the breach.
    await d.moveTo('2026-05-01T07:00:00.000Z');
    await quiet(d);
    await d.escalate();
    await quiet(d);
    await d.task('coord.iii', short.caseNumber, "Accoglienza scaduta: decidere l'uscita");
    expect(await inbox('coord.iii')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'deadline-breached', caseNumber: short.caseNumber }),
      ]),
    );
    expect((await rows(short.caseId))[0]).toEqual([
      'housing-led-accommodation-end',
      '2026-04-30',
      'breached',
    ]);

    await act(
      d,
      'anna.iii',
      short.caseNumber,
      'Monitoraggio del progetto',
      monitoring('2026-05-02', 'reassess'),
    );
    await act(
      d,
      'coord.iii',
      short.caseNumber,
      "Accoglienza scaduta: decidere l'uscita",
      stepDone('2026-05-02'),
    );
    await act(d, 'anna.iii', short.caseNumber, 'Valutare il disagio abitativo (Housing Led)', {
      ...assessment('housingFirst'),
      supportNeeds: 'Dipendenza e problemi di salute mentale emersi: bisogni elevati.',
    });
    // Housing First takes the case in charge again, then assesses with its own form.
    await assignToAnna(d, short.caseNumber);
    await d.task('anna.iii', short.caseNumber, 'Valutare il disagio abitativo', 'mine');
    expect(await rows(short.caseId)).toEqual([
      ['housing-led-accommodation-end', '2026-04-30', 'breached'],
      ['housing-led-monitoring', '2026-06-04', 'met'],
    ]);
  });

  it('a late monitoring alerts the coordinator and stays to be done; the exit to an own home ends the path', async () => {
    await d.moveTo('2026-06-01T07:00:00.000Z');
    await d.escalate();
    expect(await inbox('anna.iii')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'deadline-near',
          caseNumber: main.caseNumber,
          subject: expect.stringContaining('Monitoraggio del progetto Housing Led'),
        }),
      ]),
    );
    await act(
      d,
      'anna.iii',
      main.caseNumber,
      'Monitoraggio del progetto',
      monitoring('2026-06-05', 'continue'),
    );
    // The next one: 3 months from the monitoring just recorded.
    await eventually(async () => (await d.deadlines(main.caseId)).length === 3);
    expect(await rows(main.caseId)).toEqual([
      ['housing-led-monitoring', '2026-06-06', 'met'],
      ['housing-led-monitoring', '2026-09-05', 'running'],
      ['housing-led-accommodation-end', '2027-03-04', 'running'],
    ]);

    await d.moveTo('2026-09-07T07:00:00.000Z');
    await quiet(d);
    await d.escalate();
    await quiet(d);
    await d.task('coord.iii', main.caseNumber, 'Monitoraggio scaduto: sollecitare');
    expect(await openTaskNames(d, 'anna.iii', main.caseNumber)).toEqual([
      'Monitoraggio del progetto',
    ]);
    expect((await rows(main.caseId))[1]).toEqual([
      'housing-led-monitoring',
      '2026-09-05',
      'breached',
    ]);
    await act(
      d,
      'coord.iii',
      main.caseNumber,
      'Monitoraggio scaduto: sollecitare',
      stepDone('2026-09-07'),
    );

    await act(
      d,
      'anna.iii',
      main.caseNumber,
      'Monitoraggio del progetto',
      monitoring('2026-09-08', 'autonomy'),
    );
    await eventually(async () => (await d.state(main.key)) === 'COMPLETED');
    expect(await rows(main.caseId)).toEqual([
      ['housing-led-monitoring', '2026-06-06', 'met'],
      ['housing-led-monitoring', '2026-09-05', 'breached'],
      ['housing-led-accommodation-end', '2027-03-04', 'met'],
    ]);
  });

  it('Housing First, once it has taken the case over, runs to its own end; when it does not admit the person, Housing Led ends as not admitted', async () => {
    const assess = await d.task(
      'anna.iii',
      short.caseNumber,
      'Valutare il disagio abitativo',
      'mine',
    );
    // Housing Led waits on the path it called.
    expect(await d.state(short.key)).toBe('ACTIVE');
    await d.complete('anna.iii', assess, {
      housingCondition: 'houseless',
      householdAndIncome: 'Solo, senza reddito.',
      healthAndNeeds: 'In cura al servizio per le dipendenze, che lo segue con una comunità.',
      housingFirstEligible: 'no',
      otherService: 'SerD: comunità terapeutica',
    });
    await c.completed(short.key);
    expect(await c.reached(short.key, 'notAdmittedToHousingFirst')).toBe(true);
    expect(await c.reached(short.key, 'movedToHousingFirst')).toBe(false);
    const [called] = await d.db.query(
      `SELECT key FROM process_instance WHERE parent_process_instance_key = $1 AND bpmn_process_id = 'housing-first'`,
      [short.key],
    );
    expect(await d.state(called.key)).toBe('COMPLETED');
    expect(await openTaskNames(d, 'anna.iii', short.caseNumber)).toEqual([]);
  });

  it('a person Housing First admits: Housing Led ends as passed to it once that path ends', async () => {
    const other = await d.openCase('Alongi', 'Rosario');
    const key = await d.startPath('housing-led', other);
    await assignToAnna(d, other.caseNumber);
    await act(d, 'anna.iii', other.caseNumber, 'Valutare il disagio abitativo (Housing Led)', {
      ...assessment('housingFirst'),
      assessmentDate: romeDay(d.clock.now()),
    });
    await assignToAnna(d, other.caseNumber);
    await act(d, 'anna.iii', other.caseNumber, 'Valutare il disagio abitativo', {
      housingCondition: 'roofless',
      householdAndIncome: 'Uomo solo, nessun reddito.',
      healthAndNeeds: 'Bisogni di sostegno alti: vive in strada da tre anni.',
      housingFirstEligible: 'yes',
    });
    await act(d, 'anna.iii', other.caseNumber, 'Progetto abitativo con i partner', {
      partner: 'Cooperativa sociale Casa Comune',
      housingSolution: 'Monolocale in via Maqueda',
      objectives: 'Mantenere la casa, cure mediche, reddito.',
      nextReviewDate: plusDays(romeDay(d.clock.now()), 90),
    });
    await act(
      d,
      'anna.iii',
      other.caseNumber,
      "Accompagnare nell'inserimento abitativo",
      stepDone(romeDay(d.clock.now())),
    );
    // Until Housing First ends, Housing Led waits on it.
    expect(await d.state(key)).toBe('ACTIVE');
    await act(d, 'anna.iii', other.caseNumber, 'Verifica con i partner del terzo settore', {
      reviewDate: romeDay(d.clock.now()),
      progress: 'Contratto di locazione a suo nome.',
      housingOutcome: 'autonomy',
    });
    await c.completed(key);
    expect(await c.reached(key, 'movedToHousingFirst')).toBe(true);
    expect(await c.reached(key, 'notAdmittedToHousingFirst')).toBe(false);
  });

  it('an assessment that points to other services ends the path with no housing and no term', async () => {
    const other = await d.openCase('Lo Bue', 'Franco');
    const key = await d.startPath('housing-led', other);
    await assignToAnna(d, other.caseNumber);
    await act(d, 'anna.iii', other.caseNumber, 'Valutare il disagio abitativo (Housing Led)', {
      ...assessment('otherService'),
      assessmentDate: romeDay(d.clock.now()),
      otherService: 'Agenzia Sociale per la Casa: contributo per la locazione',
    });
    await c.completed(key);
    expect(await c.reached(key, 'referred')).toBe(true);
    expect(await c.reached(key, 'placement')).toBe(false);
    expect(await d.deadlines(other.caseId)).toEqual([]);
    expect(await openTaskNames(d, 'anna.iii', other.caseNumber)).toEqual([]);
  });

  it('a person who leaves the project ends it as interrupted: the temporary housing and the monitoring are closed', async () => {
    const dropout = await d.openCase('Puleo', 'Salvatore');
    const key = await d.startPath('housing-led', dropout);
    await assignToAnna(d, dropout.caseNumber);
    const today = romeDay(d.clock.now());
    await act(d, 'anna.iii', dropout.caseNumber, 'Valutare il disagio abitativo (Housing Led)', {
      ...assessment('housingLed'),
      assessmentDate: today,
    });
    const endDate = plusDays(today, 180);
    await act(d, 'anna.iii', dropout.caseNumber, "Inserimento nell'alloggio temporaneo", {
      partner: 'Coop. Casa Comune',
      accommodationType: 'apartment',
      accommodationStartDate: today,
      accommodationEndDate: endDate,
    });
    await act(
      d,
      'anna.iii',
      dropout.caseNumber,
      "Progetto individuale verso l'autonomia",
      project(today),
    );
    await act(
      d,
      'anna.iii',
      dropout.caseNumber,
      'Monitoraggio del progetto',
      monitoring(plusDays(today, 20), 'dropout'),
    );
    await c.completed(key);
    expect(await c.reached(key, 'interrupted')).toBe(true);
    expect(await c.reached(key, 'autonomy')).toBe(false);
    // The person left before the end date: no term is left running.
    expect((await rows(dropout.caseId)).map(([kind, , status]) => [kind, status])).toEqual([
      ['housing-led-monitoring', 'met'],
      ['housing-led-accommodation-end', 'met'],
    ]);
    expect((await rows(dropout.caseId))[1][1]).toBe(endDate);
    expect(await openTaskNames(d, 'anna.iii', dropout.caseNumber)).toEqual([]);
  });
});
