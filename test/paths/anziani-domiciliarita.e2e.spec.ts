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

/** Elderly: PUA → SVAMA → UVM → PAI → activation → reviews; support administrator in parallel. */
describe('anziani-domiciliarita', () => {
  const driver = new PathDriver();
  const home = { caseId: '', caseNumber: '', key: '' };
  const residential = { caseId: '', caseNumber: '', key: '' };
  const kinds = async (caseId: string) =>
    (await driver.deadlines(caseId)).map((d) => [d.kind, d.dueDate, d.status]);

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
});
