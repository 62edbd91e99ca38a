import { endOfRomeDay } from './model-checks';
import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';
import { assignToAnna, openTaskNames, quiet } from './path-steps';

/**
 * The coordinators' escalation (bpmn/paths/deadline-escalation.bpmn), started by the
 * deadline-breached message a breach owes: one step for the unit's coordinators, then the end.
 * Its start is tested in test/deadlines; here it is taken to its end.
 */
describe('deadline-escalation', () => {
  const d = new PathDriver();
  const c = new PathChecks(d);
  const escalations = async () =>
    (
      await d.db.query(
        `SELECT key::text AS key FROM process_instance WHERE bpmn_process_id = 'deadline-escalation'`,
      )
    ).map((row: { key: string }) => row.key);
  const inbox = async (who: string) =>
    (await d.server.request('GET', '/api/notifications', d.as(who))).body.items as Array<{
      kind: string;
      caseNumber: string;
    }>;

  beforeAll(() => d.start(), 60_000);
  afterAll(() => d.stop());

  it('a breached term gives the unit’s coordinators one step; done, the escalation ends and is not opened again', async () => {
    // The disability path's 15 days to notify the start, let run out by the case manager.
    const p = await d.openCase('Lo Cascio', 'Ettore');
    const pathKey = await d.startPath('progetto-individuale-disabilita', p);
    await c.deadlineCount(p.caseId, 1);
    await assignToAnna(d, p.caseNumber);
    const [term] = await d.deadlines(p.caseId);
    await d.moveTo(new Date(Date.parse(endOfRomeDay(term.dueDate)) + 60_000).toISOString());
    await d.escalate();
    await quiet(d);
    expect((await d.deadlines(p.caseId))[0].status).toBe('breached');
    expect(await inbox('coord.iii')).toEqual([
      expect.objectContaining({ kind: 'deadline-breached', caseNumber: p.caseNumber }),
    ]);

    const step = await d.task('coord.iii', p.caseNumber, 'Valutare la scadenza superata');
    expect(step.assignee).toBeNull();
    expect(await escalations()).toEqual([step.processInstanceKey]);
    // The coordinators' alone: not the caseworkers', not another unit's.
    expect(await openTaskNames(d, 'anna.iii', p.caseNumber, 'unit-unassigned')).not.toContain(
      'Valutare la scadenza superata',
    );
    expect(await openTaskNames(d, 'carla.v', p.caseNumber, 'unit')).toEqual([]);

    // What the coordinator decided is kept in the step: an action from the list is required.
    const claimed = await d.server.request(
      'POST',
      `/api/tasks/${step.id}/claim`,
      d.as('coord.iii'),
    );
    expect(claimed.status).toBeLessThan(300);
    const withoutAction = await d.server.request('POST', `/api/tasks/${step.id}/complete`, {
      ...d.as('coord.iii'),
      body: { variables: { escalationNote: 'Visto' } },
    });
    expect(withoutAction.status).toBe(400);
    const unknownAction = await d.server.request('POST', `/api/tasks/${step.id}/complete`, {
      ...d.as('coord.iii'),
      body: { variables: { escalationAction: 'ignored' } },
    });
    expect(unknownAction.status).toBe(400);
    await d.complete(
      'coord.iii',
      { ...step, assignee: 'coord.iii' },
      { escalationAction: 'handledInPath', escalationNote: 'Comunicazione in corso nel percorso.' },
    );
    await c.completed(step.processInstanceKey);
    expect(await c.reached(step.processInstanceKey, 'reviewed')).toBe(true);
    // Gone from the coordinator's list; the path and its breached term are left as they were.
    await c.until(
      async () =>
        !(await openTaskNames(d, 'coord.iii', p.caseNumber)).includes(
          'Valutare la scadenza superata',
        ),
      'the escalation step to leave the list',
    );
    expect(await openTaskNames(d, 'coord.iii', p.caseNumber)).toEqual([
      "Termine superato: comunicare subito l'avvio",
    ]);
    expect(await d.state(pathKey)).toBe('ACTIVE');
    expect((await d.deadlines(p.caseId))[0].status).toBe('breached');

    // A later pass finds the breach already escalated: no second step.
    await d.escalate();
    await quiet(d);
    expect(await escalations()).toEqual([step.processInstanceKey]);
    expect(await openTaskNames(d, 'coord.iii', p.caseNumber)).toEqual([
      "Termine superato: comunicare subito l'avvio",
    ]);
  });
});
