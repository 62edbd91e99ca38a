import { endOfRomeDay, plusDays, romeDay } from './model-checks';
import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';
import { act, assignToAnna, eventually, openTaskNames, stepDone, quiet } from './path-steps';
import { TestClock } from '../support/test-clock';

const plan = {
  objectives: 'Vita indipendente in un gruppo appartamento.',
  interventionAreas: ['homeLiving', 'trainingWork'],
  supports: 'Educatore 10 ore settimanali; tirocinio in biblioteca.',
  contactPerson: 'Anna, assistente sociale',
};
const project = (budgetAmount: number) => ({ ...plan, personalBudget: true, budgetAmount });
const uvm = {
  participants: ['person', 'parentGuardian', 'socialWorker', 'aspProfessionals'],
  wishesAndGoals: 'Vivere con due amici e lavorare.',
  barriersAndFacilitators: 'Famiglia di supporto; trasporti carenti.',
  supportNeeds: 'Sostegno moderato nella gestione della casa.',
};

/** D.Lgs 62/2024: start of the procedure notified within 15 days of the request. */
describe('progetto-individuale-disabilita', () => {
  // Friday 10 April 2026: the request day.
  const driver = new PathDriver(new TestClock('2026-04-10T08:00:00.000Z'));
  const c = new PathChecks(driver);
  let caseId: string;
  let caseNumber: string;
  let key: string;

  beforeAll(async () => {
    await driver.start();
    ({ caseId, caseNumber } = await driver.openCase('Mancuso', 'Luca'));
    key = await driver.startPath('progetto-individuale-disabilita', { caseId, caseNumber });
  }, 60_000);
  afterAll(() => driver.stop());

  it('the 15 days run from the request, before anyone is assigned, and skip Liberation Day', async () => {
    await eventually(async () => (await driver.deadlines(caseId)).length === 1);
    // 10 April + 15 = Sat 25 April (Liberation Day) → Mon 27 April
    expect(await driver.deadlines(caseId)).toEqual([
      expect.objectContaining({
        kind: 'life-project-start-notice',
        dueDate: '2026-04-27',
        status: 'running',
        legalBasis: expect.stringContaining('D.Lgs 62/2024'),
      }),
    ]);
  });

  it('assigned too late: the notice goes at once to the coordinator, the deadline is breached', async () => {
    await driver.moveTo('2026-04-28T07:00:00.000Z');
    await quiet(driver);
    await assignToAnna(driver, caseNumber);
    await driver.escalate();
    await quiet(driver);
    expect((await driver.deadlines(caseId))[0].status).toBe('breached');
    await eventually(
      async () => (await openTaskNames(driver, 'anna.iii', caseNumber)).length === 0,
    );
    await act(driver, 'coord.iii', caseNumber, "Termine superato: comunicare subito l'avvio", {
      projectType: 'lifeProject',
      noticeDate: '2026-04-28',
      contactPerson: 'Anna, assistente sociale',
    });
  });

  it('UVM, project, a personal budget the coordinator sends back once, then approves', async () => {
    await act(driver, 'anna.iii', caseNumber, 'Valutazione multidimensionale (UVM)', uvm);
    await act(driver, 'anna.iii', caseNumber, 'Redigere il progetto', project(18000));
    expect(await openTaskNames(driver, 'anna.iii', caseNumber)).toEqual([]);
    await act(driver, 'coord.iii', caseNumber, 'Approvare il budget di progetto', {
      budgetApproved: 'no',
      approvalNotes: 'Ridurre le ore di educatore condivise.',
    });
    await act(driver, 'anna.iii', caseNumber, 'Redigere il progetto', project(14000));
    await act(driver, 'coord.iii', caseNumber, 'Approvare il budget di progetto', {
      budgetApproved: 'yes',
    });
    await act(
      driver,
      'anna.iii',
      caseNumber,
      'Attuare e verificare il progetto',
      stepDone('2026-06-30'),
    );
    expect(await driver.state(key)).toBe('COMPLETED');
  });

  it('notified in time by the case manager: the term is met; a project with no personal budget skips the approval', async () => {
    const p = await driver.openCase('Lo Presti', 'Giulia');
    const pKey = await driver.startPath('progetto-individuale-disabilita', p);
    await eventually(async () => (await driver.deadlines(p.caseId)).length === 1);
    const [term] = await driver.deadlines(p.caseId);
    await assignToAnna(driver, p.caseNumber);
    const notice = await driver.task(
      'anna.iii',
      p.caseNumber,
      "Comunicare l'avvio del procedimento",
      'mine',
    );
    expect(notice.assignee).toBe('anna.iii');
    expect(notice.dueDate).toBe(endOfRomeDay(term.dueDate));
    await act(driver, 'anna.iii', p.caseNumber, "Comunicare l'avvio del procedimento", {
      projectType: 'individualProject',
      noticeDate: romeDay(driver.clock.now()),
      contactPerson: 'Anna, assistente sociale',
    });
    await eventually(async () => (await driver.deadlines(p.caseId))[0].status === 'met');
    expect(await driver.deadlines(p.caseId)).toEqual([
      expect.objectContaining({
        kind: 'life-project-start-notice',
        dueDate: term.dueDate,
        status: 'met',
      }),
    ]);
    // In time: nothing for the coordinator, and the term's timer is gone.
    await driver.task('anna.iii', p.caseNumber, 'Valutazione multidimensionale (UVM)', 'mine');
    expect(await c.timers(pKey)).toEqual({});
    expect(await openTaskNames(driver, 'coord.iii', p.caseNumber)).toEqual([
      'Valutazione multidimensionale (UVM)',
    ]);

    await act(driver, 'anna.iii', p.caseNumber, 'Valutazione multidimensionale (UVM)', uvm);
    await act(driver, 'anna.iii', p.caseNumber, 'Redigere il progetto', {
      ...plan,
      personalBudget: false,
    });
    // No budget to approve: the project goes straight to the case manager to carry out.
    await driver.task('anna.iii', p.caseNumber, 'Attuare e verificare il progetto', 'mine');
    expect(await openTaskNames(driver, 'coord.iii', p.caseNumber)).toEqual([
      'Attuare e verificare il progetto',
    ]);
    await act(
      driver,
      'anna.iii',
      p.caseNumber,
      'Attuare e verificare il progetto',
      stepDone(plusDays(romeDay(driver.clock.now()), 1)),
    );
    await c.completed(pKey);
    expect(await c.reached(pKey, 'approveBudget')).toBe(false);
    // Past the 15 days the met term stays met: no breach, no escalation.
    await driver.moveTo(new Date(Date.parse(endOfRomeDay(term.dueDate)) + 3_600_000).toISOString());
    await driver.escalate();
    await quiet(driver);
    expect((await driver.deadlines(p.caseId))[0].status).toBe('met');
    expect(await openTaskNames(driver, 'coord.iii', p.caseNumber)).toEqual([]);
  });
});
