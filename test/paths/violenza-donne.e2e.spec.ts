import { romeDay } from './model-checks';
import { PathDriver } from './path-driver';
import {
  act,
  activeTimers,
  assignToAnna,
  eventually,
  extend,
  openTaskNames,
  quiet,
  stepDone,
} from './path-steps';

const coded = (current: string, past = current) => ({ current, past });
const DAY = 24 * 3600 * 1000;

/** A medium-risk assessment (no immediate step for the coordinator). */
const mediumRisk = (assessmentDate: string) => ({
  offender: 'Ex marito',
  assessmentDate,
  sources: ['victimInterview'],
  partnerViolence: {
    physicalSexual: coded('probablyPresent'),
    threats: coded('present'),
    escalation: coded('notPresent'),
    ordersViolated: coded('notPresent'),
    minimisation: coded('omitted'),
  },
  offenderAdjustment: {
    criminalRecord: coded('notPresent'),
    relationshipProblems: coded('present'),
    workFinancialProblems: coded('notPresent'),
    substanceAbuse: coded('notPresent'),
    mentalDisorder: coded('omitted'),
  },
  riskLevel: 'medium',
});

/** Codice Rosso: risk assessment, safety plan, protection order (until the judge's end date, at most a year), monitoring. */
describe('violenza-donne', () => {
  const driver = new PathDriver();
  let caseId: string;
  let caseNumber: string;
  let key: string;

  /**
   * A case opened by the coordinator straight on this path (so its decisions are recorded
   * from the case file), given to anna.iii, its risk assessed as medium today.
   */
  const openOnPath = async (surname: string) => {
    const person = await driver.server.request('POST', '/api/persons', {
      ...driver.as('front.iii'),
      body: { surname, name: 'Giulia' },
    });
    const opened = await driver.server.request('POST', '/api/cases', {
      ...driver.as('coord.iii'),
      body: { personId: person.body.id, path: 'violenceAgainstWomen' },
    });
    expect(opened.status).toBe(201);
    const c = {
      caseId: opened.body.id as string,
      caseNumber: opened.body.caseNumber as string,
      key: opened.body.pathInstances[0].processInstanceKey as string,
    };
    await assignToAnna(driver, c.caseNumber);
    await act(
      driver,
      'anna.iii',
      c.caseNumber,
      'Valutazione del rischio (SARA-S)',
      mediumRisk(romeDay(driver.clock.now())),
    );
    return c;
  };
  const available = async (caseId: string) =>
    (
      await driver.server.request(
        'GET',
        `/api/cases/${caseId}/decisions/available`,
        driver.as('anna.iii'),
      )
    ).body as Array<{ kind: string; processInstanceKey: string; stepName: string }>;
  const recordDecision = (caseId: string, body: Record<string, unknown>) =>
    driver.server.request('POST', `/api/cases/${caseId}/decisions`, {
      ...driver.as('anna.iii'),
      body,
    });
  const requestedPlan = {
    consentToCentre: true,
    antiViolenceCentre: 'Centro antiviolenza Le Onde',
    safetyMeasures: 'Casa rifugio; reperibilità del centro.',
    protectionOrderRequested: true,
  };
  const waitForJudge = "Decisione del giudice sull'ordine di protezione";
  const remind = "Sollecitare la decisione del giudice sull'ordine di protezione";
  const escalated =
    'Ordine di protezione: nessuna decisione in 30 giorni, verificare con la cancelleria';
  const orderReport = "Interventi disposti dall'ordine e relazione al giudice";

  beforeAll(async () => {
    await driver.start();
    ({ caseId, caseNumber } = await driver.openCase('Russo', 'Giulia'));
    key = await driver.startPath('violenza-donne', { caseId, caseNumber });
    await assignToAnna(driver, caseNumber);
  }, 60_000);
  afterAll(() => driver.stop());

  it('high risk: an immediate step for the coordinator, nobody else', async () => {
    await act(driver, 'anna.iii', caseNumber, 'Valutazione del rischio (SARA-S)', {
      offender: 'Ex convivente',
      assessmentDate: '2026-03-02',
      sources: ['victimInterview', 'file'],
      partnerViolence: {
        physicalSexual: coded('present'),
        threats: coded('present'),
        escalation: coded('probablyPresent'),
        ordersViolated: coded('notPresent'),
        minimisation: coded('present', 'omitted'),
      },
      offenderAdjustment: {
        criminalRecord: coded('present'),
        relationshipProblems: coded('present'),
        workFinancialProblems: coded('probablyPresent'),
        substanceAbuse: coded('notPresent'),
        mentalDisorder: coded('omitted'),
      },
      otherFactors: ['childrenWitnessing'],
      riskLevel: 'high',
    });
    const urgent = await driver.task(
      'coord.iii',
      caseNumber,
      'Rischio elevato: attivare subito la rete di protezione',
    );
    // Two hours from now.
    expect(urgent.dueDate).toBe('2026-03-02T11:00:00.000Z');
    expect(await openTaskNames(driver, 'anna.iii', caseNumber)).toEqual([]);
    expect(await openTaskNames(driver, 'carla.v', caseNumber)).toEqual([]);
    await act(
      driver,
      'coord.iii',
      caseNumber,
      'Rischio elevato: attivare subito la rete di protezione',
      {
        immediateMeasures: ['shelter', 'antiViolenceCentre'],
      },
    );
  });

  it('a protection order: the end date the judge set (4 months, not 12) is the deadline, its reminder and its timer; the judge extends it', async () => {
    const plan = {
      consentToCentre: true,
      antiViolenceCentre: 'Centro antiviolenza Le Onde',
      safetyMeasures: 'Casa rifugio; accompagnamento ai colloqui; reperibilità.',
      protectionOrder: true,
      protectionOrderDate: '2026-02-27',
      protectionOrderCourt: 'Tribunale di Palermo',
    };
    // The end date the judge set is required with an order.
    await expect(
      act(driver, 'anna.iii', caseNumber, 'Piano di sicurezza con il centro antiviolenza', plan),
    ).rejects.toThrow(/protectionOrderEndDate/);
    await act(driver, 'anna.iii', caseNumber, 'Piano di sicurezza con il centro antiviolenza', {
      ...plan,
      protectionOrderEndDate: '2026-06-27',
    });
    await eventually(async () => (await driver.deadlines(caseId)).length === 1);
    const [order] = await driver.deadlines(caseId);
    // The judge's date as written: a Saturday, not rolled forward, and not a year from the order.
    expect(order).toMatchObject({
      kind: 'protection-order',
      dueDate: '2026-06-27',
      status: 'running',
    });
    await eventually(async () => (await activeTimers(driver, key)).length === 1);
    expect(await activeTimers(driver, key)).toEqual([
      { elementId: 'orderOverdue', dueAt: '2026-06-27T22:00:00.000Z' },
    ]);
    const report = await driver.task(
      'anna.iii',
      caseNumber,
      "Interventi disposti dall'ordine e relazione al giudice",
      'mine',
    );
    expect(report.dueDate).toBe('2026-06-27T22:00:00.000Z');

    // Five working days before the judge's date the case manager is reminded.
    await driver.moveTo('2026-06-22T07:00:00.000Z');
    await driver.escalate();
    const inbox = await driver.server.request('GET', '/api/notifications', driver.as('anna.iii'));
    expect(inbox.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'deadline-near',
          caseNumber,
          subject: expect.stringContaining('ordine di protezione'),
        }),
      ]),
    );

    const extended = await extend(driver, caseId, order.id, {
      newDueDate: '2026-08-31',
      grantedBy: 'Tribunale di Palermo',
      reason: 'Ordine prorogato per gravi motivi',
    });
    expect(extended.status).toBe(201);
    await eventually(async () =>
      (await activeTimers(driver, key)).some((t) => t.dueAt === '2026-08-31T22:00:00.000Z'),
    );
  });

  it('monitoring loops while it goes on; the order is reported on; the path ends', async () => {
    const monitoring = (monitoringOutcome: string) => ({
      monitoringDate: '2026-04-01',
      situation: 'Nessun nuovo episodio; la donna lavora.',
      monitoringOutcome,
    });
    await act(driver, 'anna.iii', caseNumber, 'Monitoraggio con la rete', monitoring('continue'));
    await act(driver, 'anna.iii', caseNumber, 'Monitoraggio con la rete', monitoring('close'));
    expect(await driver.state(key)).toBe('ACTIVE');
    await act(
      driver,
      'anna.iii',
      caseNumber,
      "Interventi disposti dall'ordine e relazione al giudice",
      stepDone('2026-04-02'),
    );
    expect((await driver.deadlines(caseId))[0].status).toBe('met');
    expect(await driver.state(key)).toBe('COMPLETED');
  });

  it('order dates that do not hold (end more than a year on, or before the order) go back to the case manager, and start no deadline', async () => {
    const other = await driver.openCase('Ferrara', 'Lucia');
    const otherKey = await driver.startPath('violenza-donne', other);
    await assignToAnna(driver, other.caseNumber);
    await act(driver, 'anna.iii', other.caseNumber, 'Valutazione del rischio (SARA-S)', {
      offender: 'Marito',
      assessmentDate: '2026-06-22',
      sources: ['victimInterview'],
      partnerViolence: {
        physicalSexual: coded('probablyPresent'),
        threats: coded('present'),
        escalation: coded('notPresent'),
        ordersViolated: coded('notPresent'),
        minimisation: coded('omitted'),
      },
      offenderAdjustment: {
        criminalRecord: coded('notPresent'),
        relationshipProblems: coded('present'),
        workFinancialProblems: coded('notPresent'),
        substanceAbuse: coded('notPresent'),
        mentalDisorder: coded('omitted'),
      },
      riskLevel: 'medium',
    });
    const correction = "Correggere le date dell'ordine di protezione";
    // 18 months: more than the year the law allows.
    await act(
      driver,
      'anna.iii',
      other.caseNumber,
      'Piano di sicurezza con il centro antiviolenza',
      {
        consentToCentre: false,
        safetyMeasures: 'Cambio della serratura; numero di emergenza.',
        protectionOrder: true,
        protectionOrderDate: '2026-06-01',
        protectionOrderEndDate: '2027-12-01',
        protectionOrderCourt: 'Tribunale di Palermo',
      },
    );
    const first = await driver.task('anna.iii', other.caseNumber, correction, 'mine');
    expect(first.assignee).toBe('anna.iii');
    expect(await driver.deadlines(other.caseId)).toEqual([]);
    expect(await driver.incidents(otherKey)).toEqual([]);

    // An end before the order: asked again.
    await driver.complete('anna.iii', first, {
      protectionOrderDate: '2026-06-01',
      protectionOrderEndDate: '2026-05-20',
    });
    await eventually(async () => {
      const again = await driver.task('anna.iii', other.caseNumber, correction, 'mine');
      return again.id !== first.id;
    });
    expect(await driver.deadlines(other.caseId)).toEqual([]);

    // Executed nine days after the decree: the year runs from the execution (art. 342-ter c. 3).
    await act(driver, 'anna.iii', other.caseNumber, correction, {
      protectionOrderDate: '2026-06-01',
      protectionOrderExecutionDate: '2026-06-10',
      protectionOrderEndDate: '2027-06-10',
    });
    await eventually(async () => (await driver.deadlines(other.caseId)).length === 1);
    expect(await driver.deadlines(other.caseId)).toEqual([
      expect.objectContaining({
        kind: 'protection-order',
        dueDate: '2027-06-10',
        status: 'running',
      }),
    ]);
    await eventually(async () => (await activeTimers(driver, otherKey)).length === 1);
    expect(await activeTimers(driver, otherKey)).toEqual([
      { elementId: 'orderOverdue', dueAt: '2027-06-10T22:00:00.000Z' },
    ]);
  });
  it('an order requested, not yet decided: the path waits for the judge; 15 days remind the case manager, 30 call in the coordinator; the order recorded from the case file starts the deadline at the judge’s end date', async () => {
    const w = await openOnPath('Colombo');
    // An order both issued and requested cannot be: the form hides the request once issued.
    await expect(
      act(driver, 'anna.iii', w.caseNumber, 'Piano di sicurezza con il centro antiviolenza', {
        ...requestedPlan,
        protectionOrder: true,
        protectionOrderDate: romeDay(driver.clock.now()),
        protectionOrderEndDate: romeDay(new Date(driver.clock.now().getTime() + 90 * DAY)),
        protectionOrderCourt: 'Tribunale di Palermo',
      }),
    ).rejects.toThrow(/protectionOrderRequested/);
    const planned = driver.clock.now().getTime();
    await act(
      driver,
      'anna.iii',
      w.caseNumber,
      'Piano di sicurezza con il centro antiviolenza',
      requestedPlan,
    );
    await eventually(async () => (await activeTimers(driver, w.key)).length === 2);
    expect(await activeTimers(driver, w.key)).toEqual([
      { elementId: 'orderDecisionReminder', dueAt: new Date(planned + 15 * DAY).toISOString() },
      { elementId: 'orderDecisionLate', dueAt: new Date(planned + 30 * DAY).toISOString() },
    ]);
    expect(await driver.deadlines(w.caseId)).toEqual([]);
    expect(await available(w.caseId)).toMatchObject([
      {
        kind: 'protection-order-decision',
        processInstanceKey: w.key,
        stepName: waitForJudge,
      },
    ]);

    // Not before 15 days; then the case manager urges the decision.
    await driver.moveTo(new Date(planned + 15 * DAY - 60_000).toISOString());
    expect(await openTaskNames(driver, 'anna.iii', w.caseNumber)).not.toContain(remind);
    await driver.moveTo(new Date(planned + 15 * DAY + 60_000).toISOString());
    const reminder = await driver.task('anna.iii', w.caseNumber, remind, 'mine');
    expect(reminder.dueDate).toBe(new Date(planned + 20 * DAY + 60_000).toISOString());
    expect(await openTaskNames(driver, 'coord.iii', w.caseNumber)).not.toContain(escalated);
    await act(
      driver,
      'anna.iii',
      w.caseNumber,
      remind,
      stepDone(romeDay(new Date(planned + 15 * DAY))),
    );

    // Not before 30 days; then the coordinator, for the unit, checks with the court.
    await driver.moveTo(new Date(planned + 30 * DAY - 60_000).toISOString());
    expect(await openTaskNames(driver, 'coord.iii', w.caseNumber)).not.toContain(escalated);
    await driver.moveTo(new Date(planned + 30 * DAY + 60_000).toISOString());
    const late = await driver.task('coord.iii', w.caseNumber, escalated);
    expect(late.assignee).toBeNull();
    await act(
      driver,
      'coord.iii',
      w.caseNumber,
      escalated,
      stepDone(
        romeDay(new Date(planned + 30 * DAY)),
        'Cancelleria: udienza fissata, decreto in arrivo.',
      ),
    );
    // Neither timer ended the wait.
    expect(await available(w.caseId)).toMatchObject([{ kind: 'protection-order-decision' }]);

    // The judge issues the order: its end date is required, then the path takes it.
    const decree = romeDay(new Date(planned + 32 * DAY));
    const executed = romeDay(new Date(planned + 34 * DAY));
    const end = romeDay(new Date(planned + 32 * DAY + 180 * DAY));
    const order = {
      kind: 'protection-order-decision',
      processInstanceKey: w.key,
      fields: { outcome: 'granted', decreeDate: decree, executionDate: executed },
    };
    const noEnd = await recordDecision(w.caseId, order);
    expect(noEnd.status).toBe(400);
    expect(noEnd.body.details).toEqual([
      {
        field: 'fields.endDate',
        messages: ['obbligatorio quando «Esito» è «Ordine di protezione emesso»'],
      },
    ]);
    const recorded = await recordDecision(w.caseId, {
      ...order,
      fields: { ...order.fields, endDate: end, docketNumber: 'R.G. 812/2026' },
    });
    expect(recorded.status).toBe(201);
    await eventually(async () => (await driver.deadlines(w.caseId)).length === 1);
    expect(await driver.deadlines(w.caseId)).toEqual([
      expect.objectContaining({ kind: 'protection-order', dueDate: end, status: 'running' }),
    ]);
    const report = await driver.task('anna.iii', w.caseNumber, orderReport, 'mine');
    await eventually(async () => (await activeTimers(driver, w.key)).length === 1);
    const [overdue] = await activeTimers(driver, w.key);
    expect(overdue).toEqual({ elementId: 'orderOverdue', dueAt: report.dueDate });
    // The timer is at the end of the judge's day.
    expect(romeDay(new Date(Date.parse(overdue.dueAt) - 1))).toBe(end);
    expect(await available(w.caseId)).toEqual([]);
  });

  it('an order requested and refused by the judge: the order branch ends with no deadline and no reminder; the monitoring ends the path', async () => {
    const w = await openOnPath('Rinaldi');
    await act(
      driver,
      'anna.iii',
      w.caseNumber,
      'Piano di sicurezza con il centro antiviolenza',
      requestedPlan,
    );
    await eventually(async () => (await available(w.caseId)).length === 1);
    const refused = await recordDecision(w.caseId, {
      kind: 'protection-order-decision',
      processInstanceKey: w.key,
      fields: { outcome: 'rejected', decreeDate: romeDay(driver.clock.now()) },
    });
    expect(refused.status).toBe(201);
    await eventually(async () => (await activeTimers(driver, w.key)).length === 0);
    await quiet(driver);
    expect(await driver.deadlines(w.caseId)).toEqual([]);
    await driver.advanceDays(31);
    expect(await openTaskNames(driver, 'anna.iii', w.caseNumber)).toEqual([
      'Monitoraggio con la rete',
    ]);
    expect(await openTaskNames(driver, 'coord.iii', w.caseNumber)).not.toContain(escalated);
    await act(driver, 'anna.iii', w.caseNumber, 'Monitoraggio con la rete', {
      monitoringDate: romeDay(driver.clock.now()),
      situation: 'La donna vive con la sorella; nessun nuovo episodio.',
      monitoringOutcome: 'close',
    });
    await eventually(async () => (await driver.state(w.key)) === 'COMPLETED');
  });
  it('no order, none requested: the order branch ends at once with no deadline and no wait; the monitoring ends the path', async () => {
    const w = await openOnPath('Bianchi');
    await act(driver, 'anna.iii', w.caseNumber, 'Piano di sicurezza con il centro antiviolenza', {
      consentToCentre: false,
      safetyMeasures: 'Cambio della serratura; numero di emergenza.',
    });
    await act(driver, 'anna.iii', w.caseNumber, 'Monitoraggio con la rete', {
      monitoringDate: romeDay(driver.clock.now()),
      situation: 'La donna si è trasferita dalla madre.',
      monitoringOutcome: 'close',
    });
    await eventually(async () => (await driver.state(w.key)) === 'COMPLETED');
    expect(await driver.deadlines(w.caseId)).toEqual([]);
    expect(await activeTimers(driver, w.key)).toEqual([]);
    expect(await available(w.caseId)).toEqual([]);
  });

  it('the judge’s end date passes with no report: the coordinator reports to the judge, not before, and the deadline is breached', async () => {
    const w = await openOnPath('Greco');
    const today = driver.clock.now().getTime();
    const end = romeDay(new Date(today + 40 * DAY));
    await act(driver, 'anna.iii', w.caseNumber, 'Piano di sicurezza con il centro antiviolenza', {
      consentToCentre: true,
      antiViolenceCentre: 'Centro antiviolenza Le Onde',
      safetyMeasures: 'Casa rifugio.',
      protectionOrder: true,
      protectionOrderDate: romeDay(new Date(today)),
      protectionOrderEndDate: end,
      protectionOrderCourt: 'Tribunale di Palermo',
    });
    const report = await driver.task('anna.iii', w.caseNumber, orderReport, 'mine');
    await eventually(async () => (await driver.deadlines(w.caseId)).length === 1);
    const lateNotice = 'Ordine scaduto senza relazione: riferire al giudice';
    await driver.moveTo(new Date(Date.parse(report.dueDate!) - 60_000).toISOString());
    expect(await openTaskNames(driver, 'coord.iii', w.caseNumber)).not.toContain(lateNotice);
    await driver.moveTo(new Date(Date.parse(report.dueDate!) + 60_000).toISOString());
    const late = await driver.task('coord.iii', w.caseNumber, lateNotice);
    expect(late.assignee).toBeNull();
    // The case manager's report was taken over by the coordinator's step.
    await eventually(
      async () => !(await openTaskNames(driver, 'anna.iii', w.caseNumber)).includes(orderReport),
    );
    await driver.escalate();
    await eventually(async () => (await driver.deadlines(w.caseId))[0].status === 'breached');
    expect(await driver.deadlines(w.caseId)).toEqual([
      expect.objectContaining({ kind: 'protection-order', dueDate: end, status: 'breached' }),
    ]);
    await act(
      driver,
      'coord.iii',
      w.caseNumber,
      lateNotice,
      stepDone(romeDay(driver.clock.now()), 'Relazione inviata al giudice.'),
    );
    await act(driver, 'anna.iii', w.caseNumber, 'Monitoraggio con la rete', {
      monitoringDate: romeDay(driver.clock.now()),
      situation: 'Nessun nuovo episodio.',
      monitoringOutcome: 'close',
    });
    await eventually(async () => (await driver.state(w.key)) === 'COMPLETED');
    expect((await driver.deadlines(w.caseId))[0].status).toBe('breached');
  });
});
