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

/** Codice Rosso: risk assessment, safety plan, protection order (up to a year), monitoring. */
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

  it('a protection order: a year from its date, which the judge extends', async () => {
    await act(driver, 'anna.iii', caseNumber, 'Piano di sicurezza con il centro antiviolenza', {
      consentToCentre: true,
      antiViolenceCentre: 'Centro antiviolenza Le Onde',
      safetyMeasures: 'Casa rifugio; accompagnamento ai colloqui; reperibilità.',
      protectionOrder: true,
      protectionOrderDate: '2026-02-27',
      protectionOrderCourt: 'Tribunale di Palermo',
    });
    await eventually(async () => (await driver.deadlines(caseId)).length === 1);
    const [order] = await driver.deadlines(caseId);
    // 27 Feb 2027 is a Saturday → Monday 1 March
    expect(order).toMatchObject({
      kind: 'protection-order',
      dueDate: '2027-03-01',
      status: 'running',
    });
    await eventually(async () => (await activeTimers(driver, key)).length === 1);
    expect(await activeTimers(driver, key)).toEqual([
      { elementId: 'orderOverdue', dueAt: '2027-03-01T23:00:00.000Z' },
    ]);
    const extended = await extend(driver, caseId, order.id, {
      newDueDate: '2027-08-31',
      grantedBy: 'Tribunale di Palermo',
      reason: 'Ordine prorogato per gravi motivi',
    });
    expect(extended.status).toBe(201);
    await eventually(async () =>
      (await activeTimers(driver, key)).some((t) => t.dueAt === '2027-08-31T22:00:00.000Z'),
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
});
