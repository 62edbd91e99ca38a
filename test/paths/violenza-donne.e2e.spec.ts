import { PathDriver } from './path-driver';
import {
  act,
  activeTimers,
  assignToAnna,
  eventually,
  extend,
  openTaskNames,
  stepDone,
} from './path-steps';

const coded = (current: string, past = current) => ({ current, past });

/** Codice Rosso: risk assessment, safety plan, protection order (until the judge's end date, at most a year), monitoring. */
describe('violenza-donne', () => {
  const driver = new PathDriver();
  let caseId: string;
  let caseNumber: string;
  let key: string;

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
});
