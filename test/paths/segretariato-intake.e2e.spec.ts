import { TaskReconciler } from '../../src/tasks/task-reconciler';
import { PathDriver } from './path-driver';
import { activeTimers, eventually, openTaskNames, quiet } from './path-steps';

/** The access sheet of a person the Segretariato sends to another service (SerD). */
const accessSheet = (outcome: string, lastName: string) => ({
  accessDate: '2026-03-02',
  channel: 'spontaneous',
  personConcerned: { lastName, firstName: 'Rosa' },
  expressedRequest: 'Chiede aiuto per il figlio che usa sostanze.',
  userArea: 'addiction',
  reasons: ['health', 'family'],
  outcome,
  ...(outcome === 'referralToOtherService'
    ? { referralService: 'SerD Palermo, via La Loggia' }
    : {}),
});

const referralSent = (sentOn: string, answerDueDate?: string) => ({
  serviceType: 'addiction',
  referralService: 'SerD Palermo, via La Loggia',
  serviceContact: 'Dott. Lo Verde, 091 0000000',
  referralReason: 'Uso di sostanze del figlio maggiorenne; la madre chiede un primo colloquio.',
  sendingMethod: 'pec',
  documentsSent: ['referralLetter', 'consent'],
  sentOn,
  ...(answerDueDate ? { answerDueDate } : {}),
});

/**
 * Segretariato intake, issue 14: a referral to another service is followed up. The sheet's
 * outcome "invio ad altro servizio" no longer closes the referral: the referral is recorded,
 * its answer awaited until a due date (entered, or 30 days from sending), a reminder to chase
 * it fires when that day is over in Rome, and the answer recorded closes the referral or
 * opens a case. The other outcomes are unchanged.
 */
describe('segretariato-intake: referral to another service', () => {
  // Monday 2 March 2026, 10:00 in Rome.
  const d = new PathDriver();
  const TASKS = 'unit-unassigned';

  beforeAll(() => d.start(), 60_000);
  afterAll(() => d.stop());

  /** A spontaneous request at the front office: the intake starts with its access sheet. */
  async function newReferral(): Promise<{ referralNumber: string; key: string }> {
    const created = await d.server.request('POST', '/api/referrals', {
      ...d.as('front.iii'),
      body: {
        channel: 'spontaneous',
        urgency: 'ordinary',
        requestText: 'Chiede aiuto per il figlio che usa sostanze.',
      },
    });
    expect(created.status).toBe(201);
    return {
      referralNumber: created.body.referralNumber,
      key: created.body.processInstanceKey,
    };
  }

  /** The unit's caseworker (the Segretariato's social worker) does the step. */
  async function step(referralNumber: string, name: string, data: Record<string, unknown>) {
    const task = await d.task('anna.iii', referralNumber, name, TASKS);
    await d.complete('anna.iii', task, data);
    await quiet(d);
    return task;
  }

  const referralRow = async (referralNumber: string) =>
    (
      await d.db.query(
        `SELECT status, outcome, case_id IS NOT NULL AS "hasCase" FROM referral WHERE referral_number = $1`,
        [referralNumber],
      )
    )[0];

  it('information still closes the referral at once, with nothing to follow up', async () => {
    const { referralNumber, key } = await newReferral();
    await step(
      referralNumber,
      'Compilare la scheda di accesso',
      accessSheet('information', 'Lupo'),
    );
    await eventually(async () => (await d.state(key)) === 'COMPLETED');
    expect(await referralRow(referralNumber)).toEqual({
      status: 'closed',
      outcome: 'information',
      hasCase: false,
    });
    expect(await openTaskNames(d, 'anna.iii', referralNumber, TASKS)).toEqual([]);
  });

  it('a referral with a date entered waits until that date; the service refuses and a case is opened', async () => {
    const { referralNumber, key } = await newReferral();
    await step(
      referralNumber,
      'Compilare la scheda di accesso',
      accessSheet('referralToOtherService', 'Amato'),
    );
    // Not closed at the referral: the worker records it and the answer is awaited.
    expect(await referralRow(referralNumber)).toMatchObject({ status: 'received' });
    await step(
      referralNumber,
      "Registrare l'invio ad altro servizio",
      referralSent('2026-03-02', '2026-03-20'),
    );
    const answer = await d.task(
      'anna.iii',
      referralNumber,
      'Registrare la risposta del servizio',
      TASKS,
    );
    // Due when 20 March is over in Rome (winter time: 23:00 UTC).
    expect(answer.dueDate).toBe('2026-03-20T23:00:00.000Z');
    expect(await activeTimers(d, key)).toEqual([
      { elementId: 'answerReminder', dueAt: '2026-03-20T23:00:00.000Z' },
    ]);
    await d.moveTo('2026-03-10T08:00:00.000Z');
    await step(referralNumber, 'Registrare la risposta del servizio', {
      serviceAnswer: 'refused',
      answerReceivedOn: '2026-03-09',
      answerSummary: 'Il figlio non accetta il colloquio; il SerD chiede il sostegno alla madre.',
      referralNextStep: 'openCase',
      pathToOpen: 'housing',
    });
    await eventually(async () => (await d.state(key)) === 'COMPLETED');
    expect(await referralRow(referralNumber)).toEqual({
      status: 'case-opened',
      outcome: 'takeInCharge',
      hasCase: true,
    });
    // The case is opened on the path chosen with the answer; no reminder is left behind.
    const [opened] = await d.db.query(
      `SELECT c.case_number FROM social_case c JOIN referral r ON r.case_id = c.id WHERE r.referral_number = $1`,
      [referralNumber],
    );
    await d.task('coord.iii', opened.case_number, 'Assegnare il case manager');
    expect(await activeTimers(d, key)).toEqual([]);
  });

  it('with no date the answer is due 30 days after sending; the reminder fires when that day ends and the answer closes the referral', async () => {
    const { referralNumber, key } = await newReferral();
    await step(
      referralNumber,
      'Compilare la scheda di accesso',
      accessSheet('referralToOtherService', 'Sciortino'),
    );
    await step(referralNumber, "Registrare l'invio ad altro servizio", referralSent('2026-03-10'));
    // 10 March + 30 days = 9 April, over at 22:00 UTC (summer time).
    const answer = await d.task(
      'anna.iii',
      referralNumber,
      'Registrare la risposta del servizio',
      TASKS,
    );
    expect(answer.dueDate).toBe('2026-04-09T22:00:00.000Z');
    expect(await activeTimers(d, key)).toEqual([
      { elementId: 'answerReminder', dueAt: '2026-04-09T22:00:00.000Z' },
    ]);

    // The last minute of 9 April: no reminder yet.
    await d.moveTo('2026-04-09T21:59:00.000Z');
    await quiet(d);
    expect(await openTaskNames(d, 'anna.iii', referralNumber, TASKS)).toEqual([
      'Registrare la risposta del servizio',
    ]);
    // The day is over: the worker is reminded to chase; the answer can still be recorded.
    await d.moveTo('2026-04-09T22:00:01.000Z');
    await quiet(d);
    await eventually(
      async () => (await openTaskNames(d, 'anna.iii', referralNumber, TASKS)).length === 2,
    );
    expect(await openTaskNames(d, 'anna.iii', referralNumber, TASKS)).toEqual([
      'Registrare la risposta del servizio',
      'Sollecitare la risposta del servizio',
    ]);
    await step(referralNumber, 'Sollecitare la risposta del servizio', {
      chasedOn: '2026-04-10',
      chaseMethod: 'phone',
      chaseNotes: 'Il referente conferma il primo colloquio per il 15 aprile.',
    });
    expect(await d.state(key)).toBe('ACTIVE');

    await step(referralNumber, 'Registrare la risposta del servizio', {
      serviceAnswer: 'takenInCharge',
      answerReceivedOn: '2026-04-14',
      referralNextStep: 'close',
    });
    await eventually(async () => (await d.state(key)) === 'COMPLETED');
    expect(await referralRow(referralNumber)).toEqual({
      status: 'closed',
      outcome: 'referralToOtherService',
      hasCase: false,
    });
  });

  it('the answer recorded before the reminder was done ends the intake and takes the reminder away', async () => {
    const { referralNumber, key } = await newReferral();
    await step(
      referralNumber,
      'Compilare la scheda di accesso',
      accessSheet('referralToOtherService', 'Ferrara'),
    );
    await step(
      referralNumber,
      "Registrare l'invio ad altro servizio",
      referralSent('2026-04-14', '2026-04-20'),
    );
    await d.moveTo('2026-04-20T22:00:01.000Z');
    await quiet(d);
    await d.task('anna.iii', referralNumber, 'Sollecitare la risposta del servizio', TASKS);
    await step(referralNumber, 'Registrare la risposta del servizio', {
      serviceAnswer: 'personDidNotGo',
      answerReceivedOn: '2026-04-21',
      referralNextStep: 'close',
    });
    await eventually(async () => (await d.state(key)) === 'COMPLETED');
    await d.server.app.get(TaskReconciler).reconcileNow();
    expect(await openTaskNames(d, 'anna.iii', referralNumber, TASKS)).toEqual([]);
    expect(await referralRow(referralNumber)).toMatchObject({ status: 'closed' });
  });
});
