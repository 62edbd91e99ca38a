import { bpmn, serviceTask } from '../engine/models';
import { PathDriver } from '../paths/path-driver';

/** A one-step path that opens the minors' path for a member of the case's household. */
const FAMILY_STEP = bpmn(
  'family-step',
  [
    { id: 'start', type: 'bpmn:startEvent' },
    serviceTask(
      'open',
      'percorsi:open-family-path',
      '<zeebe:taskHeaders><zeebe:header key="path" value="minors" /></zeebe:taskHeaders>',
    ),
    { id: 'after', type: 'bpmn:userTask' },
    { id: 'end', type: 'bpmn:endEvent' },
  ],
  [
    { id: 'f1', from: 'start', to: 'open' },
    { id: 'f2', from: 'open', to: 'after' },
    { id: 'f3', from: 'after', to: 'end' },
  ],
);

describe('several paths per case, the cases of a family', () => {
  const driver = new PathDriver();
  let household: string;
  let mother: { personId: string; caseId: string; caseNumber: string };
  let child: string;
  let stranger: string;

  beforeAll(async () => {
    await driver.start();
    const person = async (surname: string, name: string, birthDate: string) => {
      const created = await driver.server.request('POST', '/api/persons', {
        ...driver.as('front.iii'),
        body: { surname, name, birthDate },
      });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    const motherId = await person('Greco', 'Rosa', '1988-04-02');
    child = await person('Greco', 'Luca', '2015-09-20');
    stranger = await person('Lo Bue', 'Pietro', '1970-01-10');
    const registered = await driver.server.request('POST', '/api/households', {
      ...driver.as('front.iii'),
      body: {
        address: 'Via Maqueda 100, Palermo',
        members: [
          { personId: motherId, relationship: 'intestataria' },
          { personId: child, relationship: 'figlio' },
        ],
      },
    });
    expect(registered.status).toBe(201);
    household = registered.body.id;
    const opened = await driver.server.request('POST', '/api/cases', {
      ...driver.as('coord.iii'),
      body: {
        personId: motherId,
        householdId: household,
        caseManagerId: driver.ids['anna.iii'],
        path: 'inclusionPact',
      },
    });
    expect(opened.status).toBe(201);
    mother = { personId: motherId, caseId: opened.body.id, caseNumber: opened.body.caseNumber };
    await driver.engine.deploy([{ name: 'family-step.bpmn', content: FAMILY_STEP }]);
  }, 60_000);

  afterAll(() => driver.stop());

  const startPath = (who: string, caseId: string, body: object) =>
    driver.server.request('POST', `/api/cases/${caseId}/paths`, { ...driver.as(who), body });

  it('the case manager starts another path on the open case; the same path twice is refused', async () => {
    const started = await startPath('anna.iii', mother.caseId, {
      path: 'violenceAgainstWomen',
      reason: 'Al colloquio per il patto riferisce maltrattamenti',
    });
    expect(started.status).toBe(201);
    expect(
      started.body.pathInstances.map((p: { bpmnProcessId: string }) => p.bpmnProcessId),
    ).toEqual(['patto-inclusione-adi', 'violenza-donne']);
    expect(started.body.pathInstances.every((p: { state: string }) => p.state === 'ACTIVE')).toBe(
      true,
    );
    const again = await startPath('coord.iii', mother.caseId, { path: 'violenceAgainstWomen' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Questo percorso è già in corso sulla cartella.');
    const [logged] = await driver.db.query(
      `SELECT reason FROM access_log WHERE case_id = $1 AND entity = 'instance' AND action = 'create'`,
      [mother.caseId],
    );
    expect(logged.reason).toBe(
      'Avvio del percorso violenza-donne: Al colloquio per il patto riferisce maltrattamenti',
    );
  });

  it('only the people answering for the case start a path; a path must be one of the mandated ones', async () => {
    expect((await startPath('bruno.iii', mother.caseId, { path: 'housing' })).status).toBe(404);
    expect((await startPath('carla.v', mother.caseId, { path: 'housing' })).status).toBe(404);
    expect((await startPath('front.iii', mother.caseId, { path: 'housing' })).status).toBe(403);
    const unknown = await startPath('coord.iii', mother.caseId, { path: 'bowling' });
    expect(unknown.status).toBe(400);
    const paths = await driver.db.query(`SELECT 1 FROM case_path WHERE case_id = $1`, [
      mother.caseId,
    ]);
    expect(paths).toHaveLength(2);
  });

  it('a path that ended may be started again', async () => {
    const detail = await driver.server.request(
      'GET',
      `/api/cases/${mother.caseId}`,
      driver.as('coord.iii'),
    );
    const violence = detail.body.pathInstances.find(
      (p: { bpmnProcessId: string }) => p.bpmnProcessId === 'violenza-donne',
    );
    await driver.engine.cancelInstance(violence.processInstanceKey);
    const restarted = await startPath('coord.iii', mother.caseId, { path: 'violenceAgainstWomen' });
    expect(restarted.status).toBe(201);
    const states = restarted.body.pathInstances
      .filter((p: { bpmnProcessId: string }) => p.bpmnProcessId === 'violenza-donne')
      .map((p: { state: string }) => p.state);
    expect(states).toEqual(['CANCELED', 'ACTIVE']);
  });

  it('a step of one member’s path opens a path on another member’s case, which the family’s cases show', async () => {
    const { processInstanceKey } = await driver.engine.createInstance({
      bpmnProcessId: 'family-step',
      variables: {
        caseId: mother.caseId,
        familyMemberPersonId: child,
        familyPathReason: 'Il figlio non frequenta la scuola da mesi',
      },
    });
    await driver.engine.settle();
    const opened = await waitFor(async () => {
      const [row] = await driver.db.query(
        `SELECT c.id, c.case_number, c.household_id, c.case_manager_id FROM social_case c WHERE c.person_id = $1`,
        [child],
      );
      return row;
    });
    expect(opened.household_id).toBe(household);
    expect(opened.case_manager_id).toBeNull();
    const childPath = await waitFor(async () => {
      const [row] = await driver.db.query(
        `SELECT process_instance_key::text AS key FROM case_path WHERE case_id = $1 AND bpmn_process_id = 'tutela-minori'`,
        [opened.id],
      );
      return row;
    });
    const variables = await driver.engine.variablesAt(childPath.key, childPath.key);
    expect(variables).toMatchObject({
      caseNumber: opened.case_number,
      openedFromCase: mother.caseNumber,
      familyPathReason: 'Il figlio non frequenta la scuola da mesi',
    });
    // The step completes with the new case, for the rest of the path to name it.
    const stepVariables = await waitFor(async () => {
      await driver.engine.settle();
      const now = await driver.engine.variablesAt(processInstanceKey, processInstanceKey);
      return now.familyCaseId ? now : undefined;
    });
    expect(stepVariables).toMatchObject({
      familyCaseId: opened.id,
      familyCaseNumber: opened.case_number,
    });

    // The coordinator sees the child's case and its path from the mother's case file...
    const byCoordinator = await driver.server.request(
      'GET',
      `/api/cases/${mother.caseId}`,
      driver.as('coord.iii'),
    );
    expect(byCoordinator.body.familyCases).toEqual([
      expect.objectContaining({
        caseNumber: opened.case_number,
        relationship: 'figlio',
        paths: ['tutela-minori'],
        person: expect.objectContaining({ id: child, name: 'Luca' }),
      }),
    ]);
    const [read] = await driver.db.query(
      `SELECT reason FROM access_log WHERE case_id = $1 AND action = 'read' AND account_id = $2`,
      [opened.id, driver.ids['coord.iii']],
    );
    expect(read.reason).toBe(`Nella cartella di un familiare (${mother.caseNumber})`);
    // ...the mother's case manager, who does not follow the child, does not.
    const byCaseManager = await driver.server.request(
      'GET',
      `/api/cases/${mother.caseId}`,
      driver.as('anna.iii'),
    );
    expect(byCaseManager.status).toBe(200);
    expect(byCaseManager.body.familyCases).toEqual([]);
  });

  it('a person outside the household gets no path from the family step: an incident says why', async () => {
    const { processInstanceKey } = await driver.engine.createInstance({
      bpmnProcessId: 'family-step',
      variables: { caseId: mother.caseId, familyMemberPersonId: stranger },
    });
    const incident = await waitFor(async () => {
      await driver.engine.settle();
      const [row] = await driver.db.query(
        `SELECT error_message FROM incident WHERE process_instance_key = $1 AND state = 'ACTIVE'`,
        [processInstanceKey],
      );
      return row;
    });
    expect(incident.error_message).toContain(
      'la persona indicata non fa parte del nucleo familiare della cartella',
    );
    const cases = await driver.db.query(`SELECT 1 FROM social_case WHERE person_id = $1`, [
      stranger,
    ]);
    expect(cases).toHaveLength(0);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > until) throw new Error('not found in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
