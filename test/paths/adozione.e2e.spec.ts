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

  describe('a court that does not decide, then a placement that runs late', () => {
    const ASK = 'Chiedere notizie al Tribunale sulla decisione';
    const INTERVENE = 'Decisione del Tribunale non arrivata: intervenire presso il Tribunale';
    const MONITORING = "Vigilanza sull'affidamento preadottivo e relazione";
    const LATE_NOTICE = "Segnalare al Tribunale la scadenza dell'affidamento";
    const checks = new PathChecks(driver);
    const late = { caseId: '', caseNumber: '', key: '' };
    const today = () => driver.clock.now().toISOString().slice(0, 10);
    const monitoringDueDates = async () => {
      const page = await driver.server.request(
        'GET',
        `/api/tasks?view=mine&caseNumber=${late.caseNumber}`,
        driver.as('anna.iii'),
      );
      return (page.body.items as Array<{ name: string; dueDate: string }>)
        .filter((t) => t.name === MONITORING)
        .map((t) => t.dueDate);
    };

    it('international: news asked every 2 months; after 4 the coordinator is called in, once and not before; the placement recorded from the case file moves the path on, an ask still open', async () => {
      // Opened on the path from the case file, so the court's decision can be recorded there.
      Object.assign(late, await driver.openCaseOnPath('Ferrara', 'Luca', 'adoption'));
      await assignToAnna(driver, late.caseNumber);
      await act(
        driver,
        'anna.iii',
        late.caseNumber,
        'Registrare la domanda e il tipo di adozione',
        {
          adoptionType: 'international',
          docketNumber: '31/2026 A.I.',
          applicationDate: today(),
          tmRequestDate: today(),
          applicants: 'Ferrara Luca e Neri Anna',
        },
      );
      await act(driver, 'anna.iii', late.caseNumber, 'Indagine psico-sociale e relazione', {
        ...inquiry,
        ...international,
      });
      await act(
        driver,
        'coord.iii',
        late.caseNumber,
        'Trasmettere la relazione al Tribunale per i Minorenni',
        stepDone(today()),
      );
      const sent = driver.clock.now();
      const monthsOn = (months: number) => {
        const at = new Date(sent);
        at.setUTCMonth(at.getUTCMonth() + months);
        return at.toISOString();
      };
      await eventually(async () => (await activeTimers(driver, late.key)).length === 2);
      expect(await activeTimers(driver, late.key)).toEqual([
        { elementId: 'courtSilent', dueAt: monthsOn(2) },
        { elementId: 'courtEscalation', dueAt: monthsOn(4) },
      ]);

      // Two months (art. 30 c. 1): the case manager asks; the wait goes on meanwhile.
      await driver.moveTo(monthsOn(2));
      await driver.task('anna.iii', late.caseNumber, ASK, 'mine');
      // The next ask falls with the call to the coordinator.
      expect(
        (await activeTimers(driver, late.key)).sort((a, b) =>
          a.elementId.localeCompare(b.elementId),
        ),
      ).toEqual([
        { elementId: 'courtEscalation', dueAt: monthsOn(4) },
        { elementId: 'courtSilent', dueAt: monthsOn(4) },
      ]);
      await act(
        driver,
        'anna.iii',
        late.caseNumber,
        ASK,
        stepDone(today(), 'PEC alla cancelleria: nessuna risposta'),
      );
      // A minute before the fourth month nothing is owed to the coordinator.
      await driver.moveTo(new Date(Date.parse(monthsOn(4)) - 60_000).toISOString());
      await quiet(driver);
      expect(await openTaskNames(driver, 'coord.iii', late.caseNumber)).toEqual([]);

      // Four months: the first ask went unanswered; the coordinator is called in, in the unit's
      // queue, and the case manager asks again.
      await driver.moveTo(monthsOn(4));
      const called = await driver.task('coord.iii', late.caseNumber, INTERVENE);
      expect(called.assignee).toBeNull();
      await driver.task('anna.iii', late.caseNumber, ASK, 'mine');
      expect(await openTaskNames(driver, 'coord.iii', late.caseNumber)).toEqual([ASK, INTERVENE]);
      // Called in once: only the asks go on, every 2 months.
      expect(await activeTimers(driver, late.key)).toEqual([
        { elementId: 'courtSilent', dueAt: monthsOn(6) },
      ]);
      await act(
        driver,
        'coord.iii',
        late.caseNumber,
        INTERVENE,
        stepDone(today(), 'Colloquio con la presidenza del Tribunale'),
      );

      // The decree arrives with the case manager's ask still open: recorded from the case file.
      const available = await driver.server.request(
        'GET',
        `/api/cases/${late.caseId}/decisions/available`,
        driver.as('anna.iii'),
      );
      expect(
        (available.body as Array<{ kind: string; processInstanceKey: string }>)
          .map((w) => `${w.kind} ${w.processInstanceKey}`)
          .sort(),
      ).toEqual([`adoption-closed ${late.key}`, `pre-adoptive-placement ${late.key}`]);
      const recorded = await driver.server.request('POST', `/api/cases/${late.caseId}/decisions`, {
        ...driver.as('anna.iii'),
        body: {
          kind: 'pre-adoptive-placement',
          processInstanceKey: late.key,
          fields: { placementDate: today(), decreeDate: today(), docketNumber: '31/2026 A.I.' },
        },
      });
      expect(recorded.status).toBe(201);
      await driver.task('anna.iii', late.caseNumber, MONITORING, 'mine');
      const placement = (await driver.deadlines(late.caseId)).find(
        (x) => x.kind === 'pre-adoptive-placement',
      );
      // One year from the placement: the wait's timers are gone, the year's is armed.
      // (a working day here, so no roll-forward)
      const yearOn = `${Number(today().slice(0, 4)) + 1}${today().slice(4)}`;
      expect(placement).toMatchObject({ dueDate: yearOn, status: 'running' });
      expect((await activeTimers(driver, late.key)).map((t) => t.elementId)).toEqual([
        'placementOverdue',
      ]);
      expect(await driver.state(late.key)).toBe('ACTIVE');
      await act(driver, 'anna.iii', late.caseNumber, ASK, stepDone(today(), 'Decreto arrivato'));
    }, 90_000);

    it('the court extends the placement by a year: the timer re-arms; at the end of the year the coordinator tells the court and the final report, still owed, is made late', async () => {
      const [placement] = (await driver.deadlines(late.caseId)).filter(
        (x) => x.kind === 'pre-adoptive-placement',
      );
      const twoYearsOn = `${Number(placement.dueDate.slice(0, 4)) + 1}${placement.dueDate.slice(4)}`;
      const extended = await extend(driver, late.caseId, placement.id, {
        newDueDate: twoYearsOn,
        grantedBy: 'Tribunale per i Minorenni di Palermo',
        reason: 'Proroga di un anno dell’affidamento preadottivo (art. 25)',
      });
      expect(extended.status).toBe(201);
      expect(extended.body.dueDate).toBe(twoYearsOn);
      // Art. 25 allows the court one extension of a year: a second is refused.
      const again = await extend(driver, late.caseId, placement.id, {
        newDueDate: `${Number(twoYearsOn.slice(0, 4)) + 1}${twoYearsOn.slice(4)}`,
        grantedBy: 'Tribunale per i Minorenni di Palermo',
        reason: 'Seconda proroga',
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        message: 'Per questa scadenza la legge consente una sola proroga, già registrata.',
      });
      // The monitoring comes back due on the new day, the timer with it.
      await eventually(async () =>
        (await monitoringDueDates()).some((due) => due.startsWith(twoYearsOn)),
      );
      const [timer] = await activeTimers(driver, late.key);
      expect(timer.elementId).toBe('placementOverdue');
      expect(await monitoringDueDates()).toContain(timer.dueAt);
      expect(timer.dueAt.slice(0, 10)).toBe(twoYearsOn);

      // The extended year ends without the report: the coordinator tells the court, the
      // monitoring stays with the case manager, the deadline is breached.
      await driver.moveTo(new Date(Date.parse(timer.dueAt) + 1000).toISOString());
      await quiet(driver);
      await driver.escalate();
      await quiet(driver);
      const notice = await driver.task('coord.iii', late.caseNumber, LATE_NOTICE);
      expect(notice.assignee).toBeNull();
      expect(await openTaskNames(driver, 'anna.iii', late.caseNumber)).toEqual([MONITORING]);
      await act(driver, 'coord.iii', late.caseNumber, LATE_NOTICE, stepDone(today()));
      await eventually(() => checks.reached(late.key, 'placementLate'));
      expect(await driver.state(late.key)).toBe('ACTIVE');
      await act(driver, 'anna.iii', late.caseNumber, MONITORING, {
        reportDate: today(),
        childAdjustment: 'Bambina serena, inserita nella scuola dell’infanzia.',
        familyRelations: 'Buon legame con la coppia e con i nonni.',
        placementProposal: 'adoption',
      });
      await eventually(async () => (await driver.state(late.key)) === 'COMPLETED');
      expect(await checks.reached(late.key, 'placementReported')).toBe(true);
      // A report made after the year does not turn the breached deadline into a met one.
      expect(
        (await driver.deadlines(late.caseId)).find((x) => x.kind === 'pre-adoptive-placement'),
      ).toMatchObject({ dueDate: twoYearsOn, status: 'breached' });
    }, 60_000);
  });
});
