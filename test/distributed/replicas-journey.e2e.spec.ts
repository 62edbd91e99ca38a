import { DataSource } from 'typeorm';
import { describeReplicas } from '../replicas/replicas';
import { createJourneyAccounts, JOURNEY_PASSWORD } from './journey-accounts';
import { freePort } from '../support/free-port';
import { minorsAccessSheet, taskIn } from '../support/tasklist';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const YEAR = new Date().getFullYear();

/**
 * The distributed mode on one machine: one Percorsi runs the embedded engine and serves its
 * Zeebe gateway; two replicas run with ZEEBE_ADDRESS pointing at it (the Zeebe adapter), all on
 * one PostgreSQL. People use the replicas; the way from a referral to the case manager's first
 * step passes through both, each task shows once, and a replica that goes away loses nothing.
 */
describeReplicas('the distributed mode: two replicas on the Zeebe adapter', () => {
  let database: TestDatabase;
  let engineHost: TestApp;
  const replicas: TestApp[] = [];
  let db: DataSource;
  const tokens = new Map<string, string>();
  const ids = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase();
    engineHost = await startTestApp({ ZEEBE_GATEWAY_PORT: String(await freePort()) }, database);
    const zeebe = {
      ZEEBE_ADDRESS: `127.0.0.1:${engineHost.config.zeebeGateway!.port}`,
      // A replica deploys the shipped paths at start: its client is an administrator.
      ZEEBE_CLIENT_ID: 'admin',
      ZEEBE_CLIENT_SECRET: TEST_ADMIN_PASSWORD,
      CAMUNDA_OAUTH_URL: `${engineHost.baseUrl}/api/auth/oauth/token`,
    };
    replicas.push(await startTestApp(zeebe, database), await startTestApp(zeebe, database));
    db = engineHost.app.get(DataSource);
    for (const [username, id] of await createJourneyAccounts(db)) {
      ids.set(username, id);
      tokens.set(username, await replicas[0].login(username, JOURNEY_PASSWORD));
    }
  }, 120_000);

  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await engineHost?.drop();
  });

  const as = (who: string) => ({ token: tokens.get(who)! });

  const taskOn = (replica: TestApp, who: string, view: string, caseNumber: string, name: string) =>
    taskIn(replica, tokens.get(who)!, view, caseNumber, name, 300);

  it('takes a referral to the case manager’s first step across both replicas, each task once, and survives losing one', async () => {
    const [first, second] = replicas;
    const referral = await first.request('POST', '/api/referrals', {
      ...as('front.iii'),
      body: {
        channel: 'line-114',
        urgency: 'urgent',
        senderName: 'Servizio 114',
        requestText: 'Minore solo in casa da due giorni.',
      },
    });
    expect(referral.status).toBe(201);
    const referralNumber = referral.body.referralNumber as string;

    const sheet = await taskOn(
      second,
      'anna.iii',
      'unit-unassigned',
      referralNumber,
      'Compilare la scheda di accesso',
    );
    expect(
      (await second.request('POST', `/api/tasks/${sheet.id}/claim`, as('anna.iii'))).status,
    ).toBeLessThan(300);
    const done = await second.request('POST', `/api/tasks/${sheet.id}/complete`, {
      ...as('anna.iii'),
      body: {
        variables: minorsAccessSheet(),
      },
    });
    expect(done.status).toBeLessThan(300);

    // The second replica goes away; the first carries on alone.
    await second.close();
    replicas.splice(1, 1);

    const caseNumber = `SSC-III-${YEAR}-000001`;
    const assign = await taskOn(
      first,
      'coord.iii',
      'unit',
      caseNumber,
      'Assegnare il case manager',
    );
    expect(
      (await first.request('POST', `/api/tasks/${assign.id}/claim`, as('coord.iii'))).status,
    ).toBeLessThan(300);
    const assigned = await first.request('POST', `/api/tasks/${assign.id}/complete`, {
      ...as('coord.iii'),
      body: { variables: { caseManagerId: ids.get('anna.iii') } },
    });
    expect(assigned.status).toBeLessThan(300);
    const firstStep = await taskOn(
      first,
      'anna.iii',
      'mine',
      caseNumber,
      'Scegliere la traccia di tutela',
    );
    expect(firstStep).toMatchObject({ assignee: 'anna.iii', bpmnProcessId: 'tutela-minori' });

    const caseFile = await first.request(
      'GET',
      `/api/cases?caseNumber=${caseNumber}`,
      as('anna.iii'),
    );
    expect(caseFile.body.items[0]).toMatchObject({ caseNumber, paths: ['tutela-minori'] });
    // Each step of the journey once in the tasklist, one instance per path and case.
    const steps = await db.query(
      `SELECT element_id, count(*)::int AS n FROM task GROUP BY element_id ORDER BY element_id`,
    );
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps.every((row: { n: number }) => row.n === 1)).toBe(true);
    const instances = await db.query(
      `SELECT bpmn_process_id, business_key, count(*)::int AS n FROM process_instance
        WHERE business_key IS NOT NULL GROUP BY bpmn_process_id, business_key ORDER BY bpmn_process_id`,
    );
    expect(instances.every((row: { n: number }) => row.n === 1)).toBe(true);
    // The replicas' instances carry their business keys (sent as the businessKey variable).
    expect(instances.map((row: { bpmn_process_id: string }) => row.bpmn_process_id)).toEqual([
      'segretariato-intake',
      'tutela-minori',
    ]);
  }, 180_000);
});
