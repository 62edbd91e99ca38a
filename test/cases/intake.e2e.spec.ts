import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher';
import { CasePathsService } from '../../src/cases/case-paths.service';
import { PathToOpen } from '../../src/cases/paths';
import { ReferralsService } from '../../src/cases/referrals.service';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { Job } from '../../src/engine/workers/job';
import { IntakeWorkers } from '../../src/workers/intake/intake.workers';
import { minorsAccessSheet, taskIn } from '../support/tasklist';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'una-password-di-prova';
const YEAR = new Date().getFullYear();

/**
 * The whole way in, over HTTP: a referral starts the Segretariato intake, the
 * access sheet appears in the right unit's tasklist, a caseworker fills it in
 * (invalid data is refused and changes nothing), the case is opened and its
 * take-in-charge path starts with the coordinator's task.
 */
describe('a referral opens a case through the intake path', () => {
  let server: TestApp;
  let db: DataSource;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (who: string) => ({ token: tokens[who] });

  beforeAll(async () => {
    server = await startTestApp();
    db = server.app.get(DataSource);
    const hash = await hashPassword(PASSWORD);
    for (const [username, role, unit] of [
      ['front.iii', 'front-office', 'III'],
      ['anna.iii', 'caseworker', 'III'],
      ['coord.iii', 'coordinator', 'III'],
      ['carla.v', 'caseworker', 'V'],
    ]) {
      const [row] = await db.query(
        `INSERT INTO account (username, display_name, role, unit_code, password_hash) VALUES ($1, $1, $2, $3, $4) RETURNING id`,
        [username, role, unit, hash],
      );
      ids[username] = row.id;
      tokens[username] = await server.login(username, PASSWORD);
    }
  });
  afterAll(() => server.drop());

  const taskFor = (who: string, view: string, caseNumber: string, name: string) =>
    taskIn(server, tokens[who], view, caseNumber, name);

  it('from the front office to the coordinator’s first task', async () => {
    const referral = await server.request('POST', '/api/referrals', {
      ...as('front.iii'),
      body: {
        channel: 'line-114',
        urgency: 'urgent',
        senderName: 'Servizio 114',
        requestText: 'Minore solo in casa da due giorni.',
      },
    });
    expect(referral.status).toBe(201);
    expect(referral.body.processInstanceKey).toMatch(/^\d+$/);
    const referralNumber = referral.body.referralNumber;
    expect(referralNumber).toBe(`SEG-III-${YEAR}-000001`);

    const sheet = await taskFor(
      'anna.iii',
      'unit-unassigned',
      referralNumber,
      'Compilare la scheda di accesso',
    );
    const unitV = await server.request(
      'GET',
      `/api/tasks?view=unit-unassigned&caseNumber=${referralNumber}`,
      as('carla.v'),
    );
    expect(unitV.body.items ?? []).toEqual([]);
    expect(
      (await server.request('POST', `/api/tasks/${sheet.id}/claim`, as('anna.iii'))).status,
    ).toBeLessThan(300);

    const data = minorsAccessSheet();
    const invalid = await server.request('POST', `/api/tasks/${sheet.id}/complete`, {
      ...as('anna.iii'),
      body: { variables: { ...data, reasons: ['weather'], expressedRequest: '' } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'expressedRequest',
      'reasons',
    ]);
    const stillOpen = await db.query(
      `SELECT state FROM job WHERE type = 'io.camunda.zeebe:userTask' AND element_id = 'accessSheet'`,
    );
    expect(stillOpen).toEqual([{ state: 'ACTIVATED' }]);
    expect(await db.query(`SELECT 1 FROM social_case`)).toEqual([]);

    const done = await server.request('POST', `/api/tasks/${sheet.id}/complete`, {
      ...as('anna.iii'),
      body: { variables: data },
    });
    expect(done.status).toBeLessThan(300);

    const caseNumber = `SSC-III-${YEAR}-000001`;
    const assign = await taskFor('coord.iii', 'unit', caseNumber, 'Assegnare il case manager');
    const [opened] = await db.query(
      `SELECT c.case_number, p.surname, r.status FROM social_case c JOIN person p ON p.id = c.person_id
         JOIN referral r ON r.case_id = c.id`,
    );
    expect(opened).toEqual({ case_number: caseNumber, surname: 'Verdi', status: 'case-opened' });

    expect(
      (await server.request('POST', `/api/tasks/${assign.id}/claim`, as('coord.iii'))).status,
    ).toBeLessThan(300);
    const assigned = await server.request('POST', `/api/tasks/${assign.id}/complete`, {
      ...as('coord.iii'),
      body: { variables: { caseManagerId: ids['anna.iii'] } },
    });
    expect(assigned.status).toBeLessThan(300);
    // The take-in-charge call ends with the case manager recorded; the minors path goes on
    // with its first step in the case manager's own list, and nobody else's.
    await (server.app.get(ProcessEngine) as EmbeddedEngine).settle();
    const firstStep = await taskFor(
      'anna.iii',
      'mine',
      caseNumber,
      'Scegliere la traccia di tutela',
    );
    expect(firstStep).toMatchObject({ assignee: 'anna.iii', bpmnProcessId: 'tutela-minori' });
    const other = await server.request(
      'GET',
      `/api/tasks?view=mine&caseNumber=${caseNumber}`,
      as('carla.v'),
    );
    expect(other.body.items).toEqual([]);
    const caseFile = await server.request(
      'GET',
      `/api/cases?caseNumber=${caseNumber}`,
      as('anna.iii'),
    );
    expect(caseFile.body.items[0]).toMatchObject({
      caseNumber,
      caseManager: { id: ids['anna.iii'], displayName: 'anna.iii' },
      paths: ['tutela-minori'],
      pathNames: ['Minori e famiglia: tutela, affido, comunità, passaggio dopo EIAM'],
    });
  });

  it('an urgent referral taken in charge opens the triage with what the referral said, and when it arrived', async () => {
    const referral = await server.request('POST', '/api/referrals', {
      ...as('front.iii'),
      body: {
        channel: 'police',
        urgency: 'urgent',
        senderName: 'Commissariato Oreto',
        requestText: 'Anziana sola in casa senza riscaldamento, trovata confusa dagli agenti.',
      },
    });
    expect(referral.status).toBe(201);
    const [{ received_at: receivedAt }] = await db.query(
      `SELECT received_at FROM referral WHERE referral_number = $1`,
      [referral.body.referralNumber],
    );
    const sheet = await taskFor(
      'anna.iii',
      'unit-unassigned',
      referral.body.referralNumber,
      'Compilare la scheda di accesso',
    );
    await server.request('POST', `/api/tasks/${sheet.id}/claim`, as('anna.iii'));
    const done = await server.request('POST', `/api/tasks/${sheet.id}/complete`, {
      ...as('anna.iii'),
      body: {
        variables: {
          ...minorsAccessSheet(),
          referrerType: 'police',
          referrerName: 'Commissariato Oreto',
          personConcerned: { lastName: 'Ferri', firstName: 'Ada' },
          pathToOpen: 'urgentRequest',
        },
      },
    });
    expect(done.status).toBeLessThan(300);
    // The open-case worker runs in the background.
    let opened: { case_number: string } | undefined;
    for (let tries = 0; !opened && tries < 200; tries++) {
      [opened] = await db.query(
        `SELECT c.case_number FROM social_case c JOIN referral r ON r.case_id = c.id WHERE r.referral_number = $1`,
        [referral.body.referralNumber],
      );
      if (!opened) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!opened) throw new Error('no case opened from the urgent referral');
    const triage = await taskFor(
      'anna.iii',
      'unit-unassigned',
      opened.case_number,
      'Triage della richiesta urgente',
    );
    const variables = await server.request(
      'GET',
      `/api/tasks/${triage.id}/variables`,
      as('anna.iii'),
    );
    expect(variables.status).toBe(200);
    expect(variables.body).toMatchObject({
      requestSource: 'police',
      situation: 'Anziana sola in casa senza riscaldamento, trovata confusa dagli agenti.',
      receivedAt: (receivedAt as Date).toISOString(),
    });
  });

  it('an access sheet naming no known path fails the open-case job for good, with an Italian message, and opens nothing', async () => {
    const workers = server.app.get(IntakeWorkers);
    const job = (pathToOpen: unknown) =>
      ({ variables: { referralId: randomUUID(), unitCode: 'III', pathToOpen } }) as unknown as Job<
        Parameters<IntakeWorkers['openCase']>[0]['variables']
      >;
    const before = await db.query(`SELECT count(*)::int AS n FROM social_case`);
    await expect(workers.openCase(job('gardening'))).rejects.toMatchObject({
      name: 'JobFailure',
      message: 'percorso da aprire sconosciuto: «gardening»',
      options: { retries: 0 },
    });
    await expect(workers.openCase(job(undefined))).rejects.toMatchObject({
      message: 'la scheda di accesso non indica il percorso da aprire',
      options: { retries: 0 },
    });
    expect(await db.query(`SELECT count(*)::int AS n FROM social_case`)).toEqual(before);
  });

  it.each([
    ['inclusionPact', 'patto-inclusione-adi'],
    ['evictionPreAssessment', 'pre-valutazione-sgombero'],
    ['urgentRequest', 'richiesta-urgente'],
    ['minors', 'tutela-minori'],
  ])(
    'a coordinator opens a case straight on a path (%s → %s), once',
    async (path, bpmnProcessId) => {
      const person = await server.request('POST', '/api/persons', {
        ...as('front.iii'),
        body: { surname: 'Conti', name: path },
      });
      const opened = await server.request('POST', '/api/cases', {
        ...as('coord.iii'),
        body: { personId: person.body.id, path },
      });
      expect(opened.status).toBe(201);
      expect(opened.body.paths).toEqual([bpmnProcessId]);
      expect(opened.body.pathInstances).toEqual([
        expect.objectContaining({ bpmnProcessId, state: 'ACTIVE' }),
      ]);
      // Every path begins with the take in charge, but an urgent request with its triage.
      await taskFor(
        'coord.iii',
        'unit',
        opened.body.caseNumber,
        path === 'urgentRequest' ? 'Triage della richiesta urgente' : 'Assegnare il case manager',
      );
      // Starting it again (a job delivered twice) keeps the one instance.
      const again = await server.app
        .get(CasePathsService)
        .start(
          { caseId: opened.body.id, caseNumber: opened.body.caseNumber, unitCode: 'III' },
          path as PathToOpen,
        );
      expect(again.processInstanceKey).toBe(opened.body.pathInstances[0].processInstanceKey);
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM process_instance WHERE business_key = $1 AND bpmn_process_id = $2`,
        [opened.body.caseNumber, bpmnProcessId],
      );
      expect(n).toBe(1);
    },
  );

  it('refuses a path that is not one of the mandated paths, and opens no case', async () => {
    const person = await server.request('POST', '/api/persons', {
      ...as('front.iii'),
      body: { surname: 'Ferri', name: 'Ugo' },
    });
    const refused = await server.request('POST', '/api/cases', {
      ...as('coord.iii'),
      body: { personId: person.body.id, path: 'presa-in-carico' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([{ field: 'path', messages: ['valore non ammesso'] }]);
    expect(
      await db.query(`SELECT 1 FROM social_case WHERE person_id = $1`, [person.body.id]),
    ).toEqual([]);
  });

  it('starts later an intake that could not start when its referral arrived, once', async () => {
    const [referral] = await db.query(
      `INSERT INTO referral (referral_number, unit_code, received_at, channel, urgency, request_text, status, created_by, created_at)
       VALUES ('SEG-III-2020-000001', 'III', now(), 'spontaneous', 'ordinary', 'Richiesta di informazioni.', 'received', $1, now() - interval '1 hour')
       RETURNING id`,
      [ids['front.iii']],
    );
    const referrals = server.app.get(ReferralsService);
    expect(await referrals.retryPendingIntakes()).toBe(1);
    expect(await referrals.retryPendingIntakes()).toBe(0);
    const [row] = await db.query(`SELECT process_instance_key FROM referral WHERE id = $1`, [
      referral.id,
    ]);
    expect(row.process_instance_key).toMatch(/^\d+$/);
    await taskFor(
      'anna.iii',
      'unit-unassigned',
      'SEG-III-2020-000001',
      'Compilare la scheda di accesso',
    );
  });

  it('a case opened on a path while the engine refuses keeps the path owed and gets it later, once', async () => {
    const person = await server.request('POST', '/api/persons', {
      ...as('front.iii'),
      body: { surname: 'Rizzo', name: 'Teresa' },
    });
    const engine = server.app.get(ProcessEngine);
    const outage = jest
      .spyOn(engine, 'createInstance')
      .mockRejectedValue(new Error('engine unavailable'));
    const opened = await server.request('POST', '/api/cases', {
      ...as('coord.iii'),
      body: { personId: person.body.id, path: 'housing' },
    });
    outage.mockRestore();
    // The case is opened and says so; its path is owed, not lost.
    expect(opened.status).toBe(201);
    expect(opened.body.paths).toEqual([]);
    const [owed] = await db.query(
      `SELECT path, attempts, last_error FROM case_path_request WHERE case_id = $1`,
      [opened.body.id],
    );
    expect(owed).toEqual({ path: 'housing', attempts: 1, last_error: 'engine unavailable' });

    const paths = server.app.get(CasePathsService);
    expect(await paths.startRequested()).toBe(1);
    expect(await paths.startRequested()).toBe(0);
    await taskFor('coord.iii', 'unit', opened.body.caseNumber, 'Assegnare il case manager');
    const caseFile = await server.request('GET', `/api/cases/${opened.body.id}`, as('coord.iii'));
    expect(caseFile.body.paths).toEqual(['housing-first']);
  });
});
