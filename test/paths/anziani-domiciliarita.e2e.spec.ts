import { endOfRomeDay, plusDays, romeDay } from './model-checks';
import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';
import {
  act,
  activeTimers,
  assignToAnna,
  eventually,
  extend,
  openTaskNames,
  stepDone,
  quiet,
} from './path-steps';

const svama = (supportAdministratorNeeded: boolean) => ({
  civilStatus: 'widowed',
  pension: 'minimumOrSocial',
  civilInvalidity: 'yes',
  attendanceAllowance: 'pending',
  requestReason: 'lossOfAutonomy',
  requestedBy: 'relative',
  requestType: 'homeCare',
  economicScore: 3,
  networkScore: 2,
  supportAdministratorNeeded,
});

const aMinuteAfter = (iso: string) => new Date(Date.parse(iso) + 60_000).toISOString();

/** Elderly: PUA → SVAMA → UVM → PAI → activation → reviews; support administrator in parallel. */
describe('anziani-domiciliarita', () => {
  const driver = new PathDriver();
  const c = new PathChecks(driver);
  const home = { caseId: '', caseNumber: '', key: '' };
  const residential = { caseId: '', caseNumber: '', key: '' };
  const kinds = async (caseId: string) =>
    (await driver.deadlines(caseId)).map((d) => [d.kind, d.dueDate, d.status]);
  /** A new request the next morning in Rome (today() in the models is the engine's day). */
  /** SVAMA asking for a support administrator, the petition filed today, a UVM finding no need. */
  const fileWithNoCareNeeded = async (caseNumber: string): Promise<string> => {
    const filingDate = romeDay(driver.clock.now());
    await act(
      driver,
      'anna.iii',
      caseNumber,
      'Prima valutazione (SVAMA, parte sociale)',
      svama(true),
    );
    await act(driver, 'anna.iii', caseNumber, 'Depositare il ricorso al Giudice Tutelare', {
      filingDate,
      court: 'Tribunale di Palermo, Giudice Tutelare',
    });
    await act(driver, 'anna.iii', caseNumber, 'Valutazione multidimensionale (UVM)', {
      uvmDate: filingDate,
      careSetting: 'notEligible',
      uvmNotes: 'Autonomo nelle attività quotidiane; rete familiare presente.',
    });
    return filingDate;
  };
  const nextMorning = () =>
    driver.moveTo(`${plusDays(romeDay(driver.clock.now()), 1)}T08:00:00.000Z`);

  beforeAll(async () => {
    await driver.start();
    Object.assign(home, await driver.openCase('Vitale', 'Rosa'));
    home.key = await driver.startPath('anziani-domiciliarita', home);
    Object.assign(residential, await driver.openCase('Sciortino', 'Giovanni'));
    residential.key = await driver.startPath('anziani-domiciliarita', residential);
    await assignToAnna(driver, home.caseNumber);
    await assignToAnna(driver, residential.caseNumber);
  }, 60_000);
  afterAll(() => driver.stop());

  it('a person who cannot look after their interests: the request to the GT runs 60 days, beside the care', async () => {
    await act(
      driver,
      'anna.iii',
      home.caseNumber,
      'Prima valutazione (SVAMA, parte sociale)',
      svama(true),
    );
    expect(await openTaskNames(driver, 'anna.iii', home.caseNumber)).toEqual([
      'Depositare il ricorso al Giudice Tutelare',
      'Valutazione multidimensionale (UVM)',
    ]);
    await act(driver, 'anna.iii', home.caseNumber, 'Depositare il ricorso al Giudice Tutelare', {
      filingDate: '2026-03-03',
      court: 'Tribunale di Palermo, Giudice Tutelare',
    });
    // 3 March + 60 days = Sat 2 May → Mon 4 May
    await eventually(async () => (await driver.deadlines(home.caseId)).length === 1);
    expect(await kinds(home.caseId)).toEqual([
      ['support-administrator-decision', '2026-05-04', 'running'],
    ]);
    await driver.publish('decreto-amministratore-sostegno', home.caseNumber);
    await quiet(driver);
    await eventually(async () => (await driver.deadlines(home.caseId))[0].status === 'met');
  });

  it('the PAI sets the activation days (30 proposed): a deadline from today, extended with a proroga', async () => {
    await act(driver, 'anna.iii', home.caseNumber, 'Valutazione multidimensionale (UVM)', {
      uvmDate: '2026-03-05',
      careSetting: 'homeCare',
      services: ['sad', 'adi'],
      uvmNotes: 'Non autosufficiente parziale; figlia caregiver lavoratrice.',
    });
    await act(driver, 'anna.iii', home.caseNumber, 'Redigere il PAI', {
      objectives: 'Igiene personale e pasti assistiti; sollievo alla figlia.',
      servicesAndFrequency: 'OSA 3 volte a settimana; infermiere ADI settimanale.',
      caregiver: 'Vitale Anna (figlia)',
      durationMonths: 12,
      activationDays: 20,
      nextReviewDate: '2026-09-01',
      signed: true,
    });
    const activation = (await driver.deadlines(home.caseId)).find(
      (d) => d.kind === 'care-activation',
    )!;
    // 2 March + 20 days, as the PAI says
    expect(activation).toMatchObject({ dueDate: '2026-03-22', status: 'running' });
    const extended = await extend(driver, home.caseId, activation.id, {
      extraDays: 10,
      grantedBy: 'Coordinatore di unità',
    });
    expect(extended.status).toBe(201);
    const due = `${extended.body.dueDate}T22:00:00.000Z`;
    await eventually(async () =>
      (await activeTimers(driver, home.key)).some((t) => t.dueAt === due),
    );
    await act(
      driver,
      'anna.iii',
      home.caseNumber,
      'Attivare i servizi (SAD/ADI)',
      stepDone('2026-03-20'),
    );
    expect(
      (await driver.deadlines(home.caseId)).find((d) => d.kind === 'care-activation')?.status,
    ).toBe('met');
  });

  it('reviews loop on the date the PAI sets; a late review alerts the coordinator and stays to be done', async () => {
    await eventually(async () =>
      (await driver.deadlines(home.caseId)).some((d) => d.kind === 'pai-review'),
    );
    expect(
      (await driver.deadlines(home.caseId)).find((d) => d.kind === 'pai-review')?.dueDate,
    ).toBe('2026-09-01');
    await driver.moveTo('2026-09-02T07:00:00.000Z');
    await quiet(driver);
    await driver.escalate();
    await quiet(driver);
    await driver.task('coord.iii', home.caseNumber, 'Verifica del PAI scaduta: sollecitare');
    expect(await openTaskNames(driver, 'anna.iii', home.caseNumber)).toEqual(['Verifica del PAI']);
    await act(driver, 'anna.iii', home.caseNumber, 'Verifica del PAI', {
      reviewDate: '2026-09-03',
      progress: 'Obiettivi raggiunti in parte; aumentare le ore di OSA.',
      reviewOutcome: 'continue',
      nextReviewDate: '2027-03-01',
    });
    await eventually(async () =>
      (await driver.deadlines(home.caseId)).some((d) => d.dueDate === '2027-03-01'),
    );
    expect((await kinds(home.caseId)).filter(([kind]) => kind === 'pai-review')).toEqual([
      ['pai-review', '2026-09-01', 'breached'],
      ['pai-review', '2027-03-01', 'running'],
    ]);
    await act(
      driver,
      'coord.iii',
      home.caseNumber,
      'Verifica del PAI scaduta: sollecitare',
      stepDone('2026-09-03'),
    );
    await act(driver, 'anna.iii', home.caseNumber, 'Verifica del PAI', {
      reviewDate: '2027-02-20',
      progress: 'Trasferimento presso la figlia in altro Comune.',
      reviewOutcome: 'close',
    });
    expect(await driver.state(home.key)).toBe('COMPLETED');
  });

  it('a residential placement is communicated to the judicial authority by the coordinator', async () => {
    await act(
      driver,
      'anna.iii',
      residential.caseNumber,
      'Prima valutazione (SVAMA, parte sociale)',
      svama(false),
    );
    await act(driver, 'anna.iii', residential.caseNumber, 'Valutazione multidimensionale (UVM)', {
      uvmDate: '2026-09-04',
      careSetting: 'residential',
      facility: 'RSA Villa Serena, Palermo',
      uvmNotes: 'Non autosufficiente, nessuna rete familiare.',
    });
    expect(await openTaskNames(driver, 'anna.iii', residential.caseNumber)).toEqual([]);
    await act(
      driver,
      'coord.iii',
      residential.caseNumber,
      "Comunicare l'inserimento in struttura all'autorità giudiziaria",
      stepDone('2026-09-04'),
    );
    expect(await driver.state(residential.key)).toBe('COMPLETED');
    expect(await driver.deadlines(residential.caseId)).toEqual([]);
  });

  it('a UVM finding no need ends the care with no PAI; a decree past the 60 days comes after the coordinator urges the GT', async () => {
    await nextMorning();
    const p = await driver.openCase('Cusumano', 'Pietro');
    const key = await driver.startPath('anziani-domiciliarita', p);
    await assignToAnna(driver, p.caseNumber);
    const filingDate = await fileWithNoCareNeeded(p.caseNumber);
    // No care to plan: no PAI, no activation term; the path waits only for the decree.
    await eventually(async () => c.reached(key, 'done'));
    expect(await openTaskNames(driver, 'anna.iii', p.caseNumber)).toEqual([]);
    expect(await driver.state(key)).toBe('ACTIVE');
    const [decision] = await driver.deadlines(p.caseId);
    expect(decision).toMatchObject({ kind: 'support-administrator-decision', status: 'running' });
    // 60 days from the filing, moved on only past a weekend or a holiday.
    expect(decision.dueDate >= plusDays(filingDate, 60)).toBe(true);
    expect(decision.dueDate <= plusDays(filingDate, 63)).toBe(true);
    expect(await activeTimers(driver, key)).toEqual([
      { elementId: 'decreeOverdue', dueAt: endOfRomeDay(decision.dueDate) },
    ]);

    await driver.moveTo(aMinuteAfter(endOfRomeDay(decision.dueDate)));
    await quiet(driver);
    await driver.escalate();
    await quiet(driver);
    const reminder = await driver.task(
      'coord.iii',
      p.caseNumber,
      'Sollecitare il Giudice Tutelare',
    );
    expect(reminder.assignee).toBeNull();
    expect(await kinds(p.caseId)).toEqual([
      ['support-administrator-decision', decision.dueDate, 'breached'],
    ]);
    await act(
      driver,
      'coord.iii',
      p.caseNumber,
      'Sollecitare il Giudice Tutelare',
      stepDone(romeDay(driver.clock.now()), 'Istanza di sollecito depositata in cancelleria'),
    );
    await c.publishWhenAwaited('decreto-amministratore-sostegno', p.caseNumber, {});
    await c.completed(key);
    expect(await c.reached(key, 'lateDecree')).toBe(true);
    expect(await c.reached(key, 'guardianshipEnd')).toBe(true);
    // Decided late: the term stays breached, nothing marks it met.
    expect(await c.reached(key, 'closeGuardianship')).toBe(false);
    expect(await kinds(p.caseId)).toEqual([
      ['support-administrator-decision', decision.dueDate, 'breached'],
    ]);
  });

  it('services not active in the days the PAI sets: the coordinator urges, the case manager activates late, the reviews follow', async () => {
    await nextMorning();
    const p = await driver.openCase('Cangemi', 'Salvatore');
    const key = await driver.startPath('anziani-domiciliarita', p);
    await assignToAnna(driver, p.caseNumber);
    const today = romeDay(driver.clock.now());
    await act(
      driver,
      'anna.iii',
      p.caseNumber,
      'Prima valutazione (SVAMA, parte sociale)',
      svama(false),
    );
    await act(driver, 'anna.iii', p.caseNumber, 'Valutazione multidimensionale (UVM)', {
      uvmDate: today,
      careSetting: 'homeCare',
      services: ['sad'],
      uvmNotes: 'Parzialmente non autosufficiente; vive solo.',
    });
    const nextReviewDate = plusDays(today, 180);
    await act(driver, 'anna.iii', p.caseNumber, 'Redigere il PAI', {
      objectives: 'Igiene personale e spesa assistite.',
      servicesAndFrequency: 'OSA 2 volte a settimana.',
      durationMonths: 6,
      activationDays: 10,
      nextReviewDate,
      signed: true,
    });
    // Ten days from today, as the PAI says (a date the service sets: no roll-forward).
    const activationDue = plusDays(today, 10);
    await eventually(async () => (await driver.deadlines(p.caseId)).length === 1);
    expect(await kinds(p.caseId)).toEqual([['care-activation', activationDue, 'running']]);
    const activation = await driver.task(
      'anna.iii',
      p.caseNumber,
      'Attivare i servizi (SAD/ADI)',
      'mine',
    );
    expect(activation.dueDate).toBe(endOfRomeDay(activationDue));

    await driver.moveTo(aMinuteAfter(endOfRomeDay(activationDue)));
    await quiet(driver);
    await driver.escalate();
    await quiet(driver);
    const notice = await driver.task(
      'coord.iii',
      p.caseNumber,
      "Sollecitare l'attivazione dei servizi",
    );
    expect(notice.assignee).toBeNull();
    expect(await kinds(p.caseId)).toEqual([['care-activation', activationDue, 'breached']]);
    // The term's task is taken away until the coordinator has urged the activation.
    await eventually(
      async () => (await openTaskNames(driver, 'anna.iii', p.caseNumber)).length === 0,
    );
    const lateDay = romeDay(driver.clock.now());
    await act(
      driver,
      'coord.iii',
      p.caseNumber,
      "Sollecitare l'attivazione dei servizi",
      stepDone(lateDay, 'Sollecito alla cooperativa che gestisce il SAD'),
    );
    const late = await driver.task(
      'anna.iii',
      p.caseNumber,
      'Attivare i servizi (in ritardo)',
      'mine',
    );
    expect(late.assignee).toBe('anna.iii');
    await act(
      driver,
      'anna.iii',
      p.caseNumber,
      'Attivare i servizi (in ritardo)',
      stepDone(lateDay),
    );
    // Active late: the reviews run on the PAI's date; the activation stays breached.
    await driver.task('anna.iii', p.caseNumber, 'Verifica del PAI', 'mine');
    await eventually(async () => (await driver.deadlines(p.caseId)).length === 2);
    expect((await kinds(p.caseId)).sort()).toEqual([
      ['care-activation', activationDue, 'breached'],
      ['pai-review', nextReviewDate, 'running'],
    ]);
    await act(driver, 'anna.iii', p.caseNumber, 'Verifica del PAI', {
      reviewDate: lateDay,
      progress: 'Servizio attivo; la persona si trasferisce dal figlio.',
      reviewOutcome: 'close',
    });
    await c.completed(key);
    expect(await c.reached(key, 'closeActivation')).toBe(false);
  });
  it('the GT decree recorded from the case file while the coordinator has still to urge it: the reminder closes, the path goes on', async () => {
    await nextMorning();
    const { key, ...p } = await driver.openCaseOnPath('Lo Verde', 'Rosalia', 'elderlyCare');
    await assignToAnna(driver, p.caseNumber);
    await fileWithNoCareNeeded(p.caseNumber);
    await eventually(async () => (await driver.deadlines(p.caseId)).length === 1);
    const [decision] = await driver.deadlines(p.caseId);
    await driver.moveTo(aMinuteAfter(endOfRomeDay(decision.dueDate)));
    await quiet(driver);
    const reminder = await driver.task(
      'coord.iii',
      p.caseNumber,
      'Sollecitare il Giudice Tutelare',
    );

    // The reminder is still open: the decree is offered and recorded all the same.
    const available = await driver.server.request(
      'GET',
      `/api/cases/${p.caseId}/decisions/available`,
      driver.as('anna.iii'),
    );
    expect(available.body).toMatchObject([
      { kind: 'support-administrator-decree', processInstanceKey: key },
    ]);
    const recorded = await driver.server.request('POST', `/api/cases/${p.caseId}/decisions`, {
      ...driver.as('anna.iii'),
      body: {
        kind: 'support-administrator-decree',
        processInstanceKey: key,
        fields: {
          decreeDate: romeDay(driver.clock.now()),
          supportAdministrator: 'Avv. Maria Greco',
        },
      },
    });
    expect(recorded.status).toBe(201);
    await c.completed(key);
    expect(await c.reached(key, 'decreeDuringReminder')).toBe(true);
    expect(await c.reached(key, 'lateDecree')).toBe(false);
    // The coordinator has nothing left to urge.
    await eventually(
      async () =>
        !(await openTaskNames(driver, 'coord.iii', p.caseNumber, 'unit')).includes(reminder.name),
    );
  });
});
