import { PathDriver, Task } from './path-driver';

/** The view in which each account finds its tasks: coordinators the unit, caseworkers their own. */
const viewOf = (who: string) => (who.startsWith('coord.') ? 'unit' : 'mine');

/**
 * Finds the task in the right view for who acts, claims it if needed, completes it with the
 * form's data. A task that a boundary event interrupted stays in the views until the
 * reconciler takes it out: its completion answers 409, and the new one is looked for again.
 */
export async function act(
  driver: PathDriver,
  who: string,
  caseNumber: string,
  name: string,
  data: Record<string, unknown>,
): Promise<Task> {
  const gone = new Set<string>();
  for (let attempt = 0; ; attempt++) {
    const task = await driver.task(who, caseNumber, name, viewOf(who));
    if (gone.has(task.id) && attempt < 100) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    try {
      await driver.complete(who, task, data);
      await quiet(driver);
      return task;
    } catch (error) {
      if (!/: 409 /.test(String(error)) || attempt >= 100) throw error;
      gone.add(task.id);
    }
  }
}

/** The coordinator of unit III assigns the case to anna.iii (the presa-in-carico every path calls). */
export function assignToAnna(driver: PathDriver, caseNumber: string): Promise<Task> {
  return act(driver, 'coord.iii', caseNumber, 'Assegnare il case manager', {
    caseManagerId: driver.ids['anna.iii'],
  });
}

/** Names of the open tasks of a case that someone sees in a view (empty for another unit). */
export async function openTaskNames(
  driver: PathDriver,
  who: string,
  caseNumber: string,
  view = viewOf(who),
): Promise<string[]> {
  const page = await driver.server.request(
    'GET',
    `/api/tasks?view=${view}&caseNumber=${caseNumber}`,
    driver.as(who),
  );
  return ((page.body?.items ?? []) as Task[]).map((t) => t.name).sort();
}

/** The active timers of an instance: element and instant. */
export async function activeTimers(
  driver: PathDriver,
  processInstanceKey: string,
): Promise<Array<{ elementId: string; dueAt: string }>> {
  const rows = await driver.db.query(
    `SELECT element_id, due_at FROM timer WHERE process_instance_key = $1 AND state = 'ACTIVE' ORDER BY due_at`,
    [processInstanceKey],
  );
  return rows.map((t: { element_id: string; due_at: Date }) => ({
    elementId: t.element_id,
    dueAt: new Date(t.due_at).toISOString(),
  }));
}

/** A proroga recorded over HTTP by who (the coordinator by default); returns the response. */
export async function extend(
  driver: PathDriver,
  caseId: string,
  deadlineId: string,
  body: Record<string, unknown>,
  who = 'coord.iii',
): Promise<{ status: number; body: { dueDate: string } }> {
  const response = await driver.server.request(
    'POST',
    `/api/cases/${caseId}/deadlines/${deadlineId}/extensions`,
    { ...driver.as(who), body: { reason: 'Proroga concessa', grantedBy: 'Tribunale', ...body } },
  );
  await quiet(driver);
  return response;
}

/** Waits until the condition holds (the tasklist and the engine work in the background). */
export async function eventually(
  condition: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A step recorded with its date only (form path-step-record). */
export const stepDone = (completedOn: string, stepNotes?: string) => ({
  completedOn,
  ...(stepNotes ? { stepNotes } : {}),
});

/**
 * Waits until the engine owes nothing: no job waiting for a worker or the tasklist, no
 * automated job running, no command pending. Service tasks (start-deadline…) run in worker
 * loops and user tasks reach the tasklist in the background, later on PostgreSQL than on PGlite.
 */
export async function quiet(driver: PathDriver, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  for (let calm = 0; calm < 2;) {
    await driver.engine.settle();
    const [{ busy }] = await driver.db.query(
      `SELECT (SELECT count(*) FROM job WHERE state = 'ACTIVATABLE' OR (state = 'ACTIVATED' AND type <> 'io.camunda.zeebe:userTask'))
            + (SELECT count(*) FROM engine_command) AS busy`,
    );
    calm = Number(busy) === 0 ? calm + 1 : 0;
    if (Date.now() - started > timeoutMs) throw new Error('the engine did not settle in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
