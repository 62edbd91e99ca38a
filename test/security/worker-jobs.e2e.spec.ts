import { bpmn, serviceTask } from '../engine/models';
import { SecurityFixture } from './security-fixture';

/**
 * Issue 10: a job hands its case's data to whoever activates it. Jobs are an external
 * program's (role worker), each activation of a case's job is in the access log, and the
 * user tasks stay the tasklist's.
 */
describe('the jobs API is a worker account’s', () => {
  const f = new SecurityFixture();
  beforeAll(() => f.start(), 120_000);
  afterAll(() => f.stop());

  const LETTER = bpmn(
    'worker-letter',
    [
      { id: 'start', type: 'bpmn:startEvent' },
      serviceTask('sendLetter', 'worker-letter-send'),
      { id: 'end', type: 'bpmn:endEvent' },
    ],
    [
      { id: 'f1', from: 'start', to: 'sendLetter' },
      { id: 'f2', from: 'sendLetter', to: 'end' },
    ],
  );
  const activate = (who: 'admin' | 'worker', type: string) =>
    f.call(who, 'POST', '/api/jobs/activate', {
      path: '',
      body: { type, maxJobs: 5, timeoutMs: 60_000, worker: 'lettere-pec' },
    });

  it('hands a case’s job to the worker, with its variables, and writes who received it in the access log', async () => {
    await f.engine.deploy([{ name: 'worker-letter.bpmn', content: LETTER }]);
    const letterCase = await f.openCase('coord.iii', 'anna.iii', 'Lombardo', 'Pietro');
    await f.startPath('worker-letter', letterCase);

    const byAdmin = await activate('admin', 'worker-letter-send');
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.message).toBe('Operazione riservata a: Programma esterno (worker).');

    const jobs = await activate('worker', 'worker-letter-send');
    expect(jobs.status).toBe(200);
    expect(jobs.body.jobs).toEqual([
      expect.objectContaining({
        elementId: 'sendLetter',
        variables: expect.objectContaining({ caseNumber: letterCase.caseNumber }),
      }),
    ]);
    const entries = await f.db.query(
      `SELECT username, role, action, entity, case_id AS "caseId", person_ids AS "personIds", reason
         FROM access_log WHERE case_id = $1 AND role = 'worker'`,
      [letterCase.caseId],
    );
    expect(entries).toEqual([
      {
        username: 'worker',
        role: 'worker',
        action: 'read',
        entity: 'case',
        caseId: letterCase.caseId,
        personIds: [letterCase.personId],
        reason: 'Job worker-letter-send (sendLetter) consegnato al worker lettere-pec',
      },
    ]);
    const done = await f.call('worker', 'POST', `/api/jobs/${jobs.body.jobs[0].key}/complete`, {
      path: '',
      body: { variables: { sentAt: '2026-12-05' } },
    });
    expect(done.status).toBe(204);
  });

  it('leaves the user tasks to the tasklist: a worker can neither take nor complete one', async () => {
    const userTasks = await activate('worker', 'io.camunda.zeebe:userTask');
    expect(userTasks.status).toBe(400);
    expect(userTasks.body.message).toBe(
      'I compiti degli operatori si svolgono dalla lista delle attività, non attraverso i job.',
    );
    // A task's id is its job's key: guessing it gets the worker nowhere.
    for (const command of ['complete', 'fail', 'error']) {
      const response = await f.call('worker', 'POST', `/api/jobs/${f.tasks.assign}/${command}`, {
        path: '',
        body: command === 'fail' ? { retries: 0 } : command === 'error' ? { errorCode: 'x' } : {},
      });
      expect({ command, status: response.status }).toEqual({ command, status: 400 });
    }
    const task = await f.call('coord.iii', 'GET', `/api/tasks/${f.tasks.assign}`);
    expect(task.body.state).toBe('CREATED');
  });
});
