import { PathDriver } from './path-driver';
import { act, assignToAnna, eventually, openTaskNames, stepDone, quiet } from './path-steps';

const assessment = (housingFirstEligible: string) => ({
  housingCondition: 'roofless',
  householdAndIncome: 'Uomo solo, 52 anni, nessun reddito.',
  healthAndNeeds: 'Diabete non curato.',
  housingFirstEligible,
  ...(housingFirstEligible === 'no' ? { otherService: 'Dormitorio comunale' } : {}),
});

/** Housing First: no legal deadline; the service sets each review date, in a loop. */
describe('housing-first', () => {
  const driver = new PathDriver();
  const main = { caseId: '', caseNumber: '', key: '' };
  const other = { caseId: '', caseNumber: '', key: '' };
  const reviews = async () =>
    (await driver.deadlines(main.caseId)).map((d) => [d.kind, d.dueDate, d.status]);

  beforeAll(async () => {
    await driver.start();
    Object.assign(main, await driver.openCase('Bianchi', 'Pietro'));
    main.key = await driver.startPath('housing-first', main);
    Object.assign(other, await driver.openCase('Neri', 'Franco'));
    other.key = await driver.startPath('housing-first', other);
    await assignToAnna(driver, main.caseNumber);
    await assignToAnna(driver, other.caseNumber);
  }, 60_000);
  afterAll(() => driver.stop());

  it('not eligible: oriented elsewhere, the path ends', async () => {
    await act(
      driver,
      'anna.iii',
      other.caseNumber,
      'Valutare il disagio abitativo',
      assessment('no'),
    );
    expect(await driver.state(other.key)).toBe('COMPLETED');
  });

  it('eligible: plan, accompaniment, then reviews on the dates the service writes', async () => {
    await act(
      driver,
      'anna.iii',
      main.caseNumber,
      'Valutare il disagio abitativo',
      assessment('yes'),
    );
    await act(driver, 'anna.iii', main.caseNumber, 'Progetto abitativo con i partner', {
      partner: 'Cooperativa sociale Casa Comune',
      housingSolution: 'Monolocale in via Maqueda',
      objectives: 'Mantenere la casa, cure mediche, reddito.',
      nextReviewDate: '2026-06-02',
    });
    await act(
      driver,
      'anna.iii',
      main.caseNumber,
      "Accompagnare nell'inserimento abitativo",
      stepDone('2026-03-10'),
    );
    await eventually(async () => (await reviews()).length === 1);
    // A date chosen by the service: kept as written, even on a holiday (2 June).
    expect(await reviews()).toEqual([['housing-review', '2026-06-02', 'running']]);
    await act(driver, 'anna.iii', main.caseNumber, 'Verifica con i partner del terzo settore', {
      reviewDate: '2026-05-28',
      progress: 'Casa mantenuta; in cura al centro diabetologico.',
      housingOutcome: 'continue',
      nextReviewDate: '2026-09-01',
    });
    await eventually(async () => (await reviews()).length === 2);
    expect(await reviews()).toEqual([
      ['housing-review', '2026-06-02', 'met'],
      ['housing-review', '2026-09-01', 'running'],
    ]);
  });

  it('a review past its date alerts the coordinator; the review stays with the case manager', async () => {
    await driver.moveTo('2026-09-02T07:00:00.000Z');
    await quiet(driver);
    await driver.escalate();
    await quiet(driver);
    await driver.task('coord.iii', main.caseNumber, 'Verifica scaduta: sollecitare');
    expect(await openTaskNames(driver, 'anna.iii', main.caseNumber)).toEqual([
      'Verifica con i partner del terzo settore',
    ]);
    expect((await reviews())[1]).toEqual(['housing-review', '2026-09-01', 'breached']);
    await act(
      driver,
      'coord.iii',
      main.caseNumber,
      'Verifica scaduta: sollecitare',
      stepDone('2026-09-02'),
    );
    await act(driver, 'anna.iii', main.caseNumber, 'Verifica con i partner del terzo settore', {
      reviewDate: '2026-09-04',
      progress: 'Contratto di locazione a suo nome.',
      housingOutcome: 'autonomy',
    });
    expect(await driver.state(main.key)).toBe('COMPLETED');
  });
});
