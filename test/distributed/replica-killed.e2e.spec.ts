import { DataSource } from 'typeorm';
import { describeReplicas } from '../replicas/replicas';
import { baseUrlOf, ChildService, spawnService, waitUntilReady } from '../support/child-service';
import { freePort } from '../support/free-port';
import { minorsAccessSheet, taskIn } from '../support/tasklist';
import { requestsTo, startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { createJourneyAccounts, JOURNEY_PASSWORD } from './journey-accounts';

const YEAR = new Date().getFullYear();
/** The tasklist sweeps jobs a dead replica activated and never recorded once a minute. */
const TASK_WAIT_ATTEMPTS = 1_200;

/**
 * A replica killed (SIGKILL: no shutdown hook runs) in the middle of a journey, holding the
 * next step's user task job it activated: the replica that stays takes the step over (the
 * tasklist's rows and its sweep of jobs activated without a row), and every step shows once.
 */
/** Waits until the only replica running has activated a user task job (and may have recorded it). */
async function heldByTasklist(db: DataSource): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM job WHERE type = 'io.camunda.zeebe:userTask' AND state = 'ACTIVATED'`,
    );
    if (n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the replica activated no user task job in 30 s');
}

describeReplicas('the distributed mode: a replica killed mid-journey', () => {
  let database: TestDatabase;
  let engineHost: TestApp;
  let killed: ChildService | undefined;
  let survivor: TestApp | undefined;
  let db: DataSource;
  let zeebe: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    engineHost = await startTestApp({ ZEEBE_GATEWAY_PORT: String(await freePort()) }, database);
    db = engineHost.app.get(DataSource);
    zeebe = {
      ZEEBE_ADDRESS: `127.0.0.1:${engineHost.config.zeebeGateway!.port}`,
      ZEEBE_CLIENT_ID: 'admin',
      ZEEBE_CLIENT_SECRET: TEST_ADMIN_PASSWORD,
      CAMUNDA_OAUTH_URL: `${engineHost.baseUrl}/api/auth/oauth/token`,
    };
    // The replica that will be killed is its own process: the built service.
    killed = spawnService({
      ...database.env,
      ...zeebe,
      NODE_ENV: 'test',
      PORT: '0',
      ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      DEMO_ACCOUNTS: 'false',
    });
    await waitUntilReady(killed);
  }, 120_000);

  afterAll(async () => {
    if (killed && killed.process.exitCode === null && killed.process.signalCode === null) {
      killed.process.kill('SIGKILL');
      await killed.exited;
    }
    await survivor?.close();
    await engineHost?.drop();
  });

  it('loses nothing: the replica that stays carries the case to the case manager’s first step, each step once', async () => {
    const ids = await createJourneyAccounts(db);
    const doomed = { request: requestsTo(baseUrlOf(killed!)) };
    const tokens = new Map<string, string>();
    for (const username of ids.keys()) {
      const login = await doomed.request('POST', '/api/auth/login', {
        body: { username, password: JOURNEY_PASSWORD },
      });
      tokens.set(username, login.body.accessToken);
    }
    const as = (who: string) => ({ token: tokens.get(who)! });

    const referral = await doomed.request('POST', '/api/referrals', {
      ...as('front.iii'),
      body: {
        channel: 'line-114',
        urgency: 'urgent',
        senderName: 'Servizio 114',
        requestText: 'Minore solo in casa da due giorni.',
      },
    });
    expect(referral.status).toBe(201);
    const sheet = await taskIn(
      doomed,
      tokens.get('anna.iii')!,
      'unit-unassigned',
      referral.body.referralNumber,
      'Compilare la scheda di accesso',
      300,
    );
    expect(
      (await doomed.request('POST', `/api/tasks/${sheet.id}/claim`, as('anna.iii'))).status,
    ).toBeLessThan(300);
    const done = await doomed.request('POST', `/api/tasks/${sheet.id}/complete`, {
      ...as('anna.iii'),
      body: { variables: minorsAccessSheet() },
    });
    expect(done.status).toBeLessThan(300);

    // Killed once it holds the next step: the user task job it activated for the tasklist.
    await heldByTasklist(db);
    killed!.process.kill('SIGKILL');
    expect(await killed!.exited).toBeNull();

    survivor = await startTestApp(zeebe, database);
    const caseNumber = `SSC-III-${YEAR}-000001`;
    const assign = await taskIn(
      survivor,
      tokens.get('coord.iii')!,
      'unit',
      caseNumber,
      'Assegnare il case manager',
      TASK_WAIT_ATTEMPTS,
    );
    expect(
      (await survivor.request('POST', `/api/tasks/${assign.id}/claim`, as('coord.iii'))).status,
    ).toBeLessThan(300);
    const assigned = await survivor.request('POST', `/api/tasks/${assign.id}/complete`, {
      ...as('coord.iii'),
      body: { variables: { caseManagerId: ids.get('anna.iii') } },
    });
    expect(assigned.status).toBeLessThan(300);
    const firstStep = await taskIn(
      survivor,
      tokens.get('anna.iii')!,
      'mine',
      caseNumber,
      'Scegliere la traccia di tutela',
      TASK_WAIT_ATTEMPTS,
    );
    expect(firstStep).toMatchObject({ assignee: 'anna.iii', bpmnProcessId: 'tutela-minori' });

    const steps: Array<{ element_id: string; n: number }> = await db.query(
      `SELECT element_id, count(*)::int AS n FROM task GROUP BY element_id ORDER BY element_id`,
    );
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps.filter((row) => row.n !== 1)).toEqual([]);
    const paths: Array<{ bpmn_process_id: string; n: number }> = await db.query(
      `SELECT bpmn_process_id, count(*)::int AS n FROM process_instance
        WHERE business_key IS NOT NULL GROUP BY bpmn_process_id ORDER BY bpmn_process_id`,
    );
    expect(paths).toEqual([
      { bpmn_process_id: 'segretariato-intake', n: 1 },
      { bpmn_process_id: 'tutela-minori', n: 1 },
    ]);
  }, 300_000);
});
