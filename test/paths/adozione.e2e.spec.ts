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

const inquiry = {
  homeVisitDate: '2026-03-10',
  personalAndEconomicSituation: 'Entrambi impiegati a tempo indeterminato; casa di proprietà.',
  health: 'Nessuna patologia rilevante.',
  familyEnvironment: 'Famiglie di origine presenti e favorevoli.',
  motivation: 'Desiderio maturato dopo un percorso di infertilità elaborato.',
  fitnessToRaise: 'Buone capacità di cura e di ascolto.',
  serviceAssessment: 'favourable',
  reportDate: '2026-03-20',
};
/** The coordinator's step when a proroga message arrives beyond what the law allows. */
const REFUSED = 'Proroga non consentita dalla legge: verificare';
const international = {
  intercountryFitness: 'Consapevoli delle storie dei bambini adottati all’estero.',
  childrenCount: 2,
  childrenCharacteristics: 'Fratelli fino a 8 anni.',
};

/** L. 184/1983: national (120 days, one proroga) and international (4 months, no proroga) adoption. */
describe('adozione', () => {
  const driver = new PathDriver();
  const national = { caseId: '', caseNumber: '', key: '' };
  const abroad = { caseId: '', caseNumber: '', key: '' };

  beforeAll(async () => {
    await driver.start();
    Object.assign(national, await driver.openCase('Greco', 'Paolo'));
    national.key = await driver.startPath('adozione', national);
    Object.assign(abroad, await driver.openCase('Lombardo', 'Sara'));
    abroad.key = await driver.startPath('adozione', abroad);
    await assignToAnna(driver, national.caseNumber);
    await assignToAnna(driver, abroad.caseNumber);
  }, 60_000);
  afterAll(() => driver.stop());

  it('national: 120 days from the court’s request, rolled off a Saturday to Monday', async () => {
    await act(
      driver,
      'anna.iii',
      national.caseNumber,
      'Registrare la domanda e il tipo di adozione',
      {
        adoptionType: 'national',
        docketNumber: '55/2026 A.N.',
        applicationDate: '2026-01-20',
        tmRequestDate: '2026-02-27',
        applicants: 'Greco Paolo e Ferri Giulia, via Libertà 10, Palermo',
      },
    );
    // 27 Feb + 120 days = Sat 27 Jun → Mon 29 Jun
    expect(await driver.deadlines(national.caseId)).toEqual([
      expect.objectContaining({
        kind: 'adoption-assessment-national',
        dueDate: '2026-06-29',
        status: 'running',
        legalBasis: expect.stringContaining('una sola volta'),
      }),
    ]);
    expect(await activeTimers(driver, national.key)).toEqual([
      { elementId: 'assessmentOverdue', dueAt: '2026-06-29T22:00:00.000Z' },
    ]);
  });

  it('the first proroga re-arms the timer; a second is refused, and a second message that still arrives does not move it and goes to the coordinator', async () => {
    const [deadline] = await driver.deadlines(national.caseId);
    const first = await extend(driver, national.caseId, deadline.id, { extraDays: 120 });
    expect(first.body.dueDate).toBe('2026-10-27');
    // 27 October ends at 23:00 UTC: winter time again.
    await eventually(async () =>
      (await activeTimers(driver, national.key)).some(
        (t) => t.dueAt === '2026-10-27T23:00:00.000Z',
      ),
    );
    await driver.task(
      'anna.iii',
      national.caseNumber,
      'Indagine psico-sociale e relazione',
      'mine',
    );

    const second = await extend(driver, national.caseId, deadline.id, { extraDays: 30 });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      message: 'Per questa scadenza la legge consente una sola proroga, già registrata.',
    });
    expect((await driver.deadlines(national.caseId))[0].dueDate).toBe('2026-10-27');
    // A second deadline-extended published by other means (the engine API) is not obeyed.
    await driver.publish('deadline-extended', deadline.id, {
      deadlineDue: '2026-11-26T23:00:00.000Z',
      deadlineDueDate: '2026-11-26',
    });
    await driver.task('coord.iii', national.caseNumber, REFUSED);
    expect(await activeTimers(driver, national.key)).toEqual([]);
    await act(
      driver,
      'coord.iii',
      national.caseNumber,
      REFUSED,
      stepDone('2026-03-02', 'Seconda proroga annotata per errore'),
    );
    // Back to the inquiry, with the lawful (once extended) date.
    expect(await activeTimers(driver, national.key)).toEqual([
      { elementId: 'assessmentOverdue', dueAt: '2026-10-27T23:00:00.000Z' },
    ]);
  });

  it('the inquiry is done in time, sent by the coordinator; the court orders the placement: one year, monitored', async () => {
    await act(
      driver,
      'anna.iii',
      national.caseNumber,
      'Indagine psico-sociale e relazione',
      inquiry,
    );
    expect((await driver.deadlines(national.caseId))[0].status).toBe('met');
    await act(
      driver,
      'coord.iii',
      national.caseNumber,
      'Trasmettere la relazione al Tribunale per i Minorenni',
      stepDone('2026-03-02'),
    );
    // No term binds the court here: after 6 months without a decision, news are asked for.
    const sent = driver.clock.now();
    const sixMonthsOn = new Date(sent);
    sixMonthsOn.setUTCMonth(sixMonthsOn.getUTCMonth() + 6);
    await eventually(async () =>
      (await activeTimers(driver, national.key)).some(
        (t) => t.elementId === 'courtSilent' && t.dueAt === sixMonthsOn.toISOString(),
      ),
    );
    await driver.publish('affidamento-preadottivo-disposto', national.caseNumber, {
      placementDate: '2026-03-20',
    });
    await quiet(driver);
    // The start-deadline job runs in the background after the message.
    await eventually(async () => (await driver.deadlines(national.caseId)).length === 2);
    const placement = (await driver.deadlines(national.caseId)).find(
      (d) => d.kind === 'pre-adoptive-placement',
    );
    // 20 March 2027 is a Saturday → Monday 22 March
    expect(placement).toMatchObject({ dueDate: '2027-03-22', status: 'running' });
    await act(
      driver,
      'anna.iii',
      national.caseNumber,
      "Vigilanza sull'affidamento preadottivo e relazione",
      {
        reportDate: '2027-03-01',
        childAdjustment: 'Bambino ben inserito a scuola e in famiglia.',
        familyRelations: 'Buone relazioni con i nonni.',
        placementProposal: 'adoption',
      },
    );
    expect(await driver.state(national.key)).toBe('COMPLETED');
  });

  it('international: 4 months and no proroga (refused by the API, and not obeyed by the model); at breach the coordinator tells the court and the inquiry is completed late', async () => {
    await act(
      driver,
      'anna.iii',
      abroad.caseNumber,
      'Registrare la domanda e il tipo di adozione',
      {
        adoptionType: 'international',
        docketNumber: '12/2026 A.I.',
        applicationDate: '2026-02-10',
        tmRequestDate: '2026-03-02',
        applicants: 'Lombardo Sara e Costa Marco',
      },
    );
    const [deadline] = await driver.deadlines(abroad.caseId);
    expect(deadline).toMatchObject({
      kind: 'adoption-assessment-international',
      dueDate: '2026-07-02',
      legalBasis: expect.stringContaining('non prorogabili'),
    });
    await eventually(async () => (await activeTimers(driver, abroad.key)).length === 1);

    // Art. 29-bis allows no proroga of the 4 months: the first request is already refused.
    const refused = await extend(driver, abroad.caseId, deadline.id, {
      newDueDate: '2026-08-03',
      grantedBy: 'Tribunale per i Minorenni di Palermo',
      reason: 'Richiesta di proroga',
    });
    expect(refused.status).toBe(409);
    expect((refused.body as unknown as { message: string }).message).toBe(
      'Per questa scadenza la legge non prevede proroghe.',
    );
    expect((await driver.deadlines(abroad.caseId))[0].dueDate).toBe('2026-07-02');
    // A deadline-extended published by other means (the engine API) does not move the timer.
    await driver.publish('deadline-extended', deadline.id, {
      deadlineDue: '2026-08-03T22:00:00.000Z',
      deadlineDueDate: '2026-08-03',
    });
    await driver.task('coord.iii', abroad.caseNumber, REFUSED);
    await act(
      driver,
      'coord.iii',
      abroad.caseNumber,
      REFUSED,
      stepDone('2026-03-02', 'Proroga non prevista per l’adozione internazionale'),
    );
    expect(await activeTimers(driver, abroad.key)).toEqual([
      { elementId: 'assessmentOverdue', dueAt: '2026-07-02T22:00:00.000Z' },
    ]);

    await driver.moveTo('2026-07-03T07:00:00.000Z');
    await quiet(driver);
    await driver.escalate();
    await quiet(driver);
    expect((await driver.deadlines(abroad.caseId))[0].status).toBe('breached');
    await eventually(
      async () => (await openTaskNames(driver, 'anna.iii', abroad.caseNumber)).length === 0,
    );
    await act(
      driver,
      'coord.iii',
      abroad.caseNumber,
      "Comunicare al Tribunale il ritardo dell'indagine",
      stepDone('2026-07-03'),
    );
    // The international part of the form is asked for here.
    await act(driver, 'anna.iii', abroad.caseNumber, "Completare l'indagine oltre il termine", {
      ...inquiry,
      ...international,
    });
    await act(
      driver,
      'coord.iii',
      abroad.caseNumber,
      'Trasmettere la relazione al Tribunale per i Minorenni',
      stepDone('2026-07-10'),
    );
    // The court decides on fitness within 2 months (art. 30 c. 1): past them, the case manager
    // asks for news and the wait goes on.
    await eventually(async () =>
      (await activeTimers(driver, abroad.key)).some(
        (t) => t.elementId === 'courtSilent' && t.dueAt === '2026-09-03T07:00:00.000Z',
      ),
    );
    await driver.moveTo('2026-09-03T07:00:00.000Z');
    await quiet(driver);
    await act(
      driver,
      'anna.iii',
      abroad.caseNumber,
      'Chiedere notizie al Tribunale sulla decisione',
      stepDone('2026-09-03', 'PEC alla cancelleria del Tribunale per i Minorenni'),
    );
    await eventually(async () =>
      (await activeTimers(driver, abroad.key)).some(
        (t) => t.elementId === 'courtSilent' && t.dueAt === '2026-11-03T07:00:00.000Z',
      ),
    );
    await driver.publish('procedimento-adozione-concluso', abroad.caseNumber);
    await quiet(driver);
    expect(await driver.state(abroad.key)).toBe('COMPLETED');
  });
});
