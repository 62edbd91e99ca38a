import { PathDriver, Task } from './path-driver';

/**
 * What the path specs of the inclusion pact, eviction, urgent requests and minors check
 * besides the driver's steps: a case manager's own tasks, what another unit sees, the
 * elements an instance went through, its armed timers.
 */
export class PathChecks {
  constructor(private readonly d: PathDriver) {}

  /** A task assigned to `who` (their "mine" view); `notId` skips a task the engine has since replaced. */
  async mine(who: string, caseNumber: string, name: string, notId?: string): Promise<Task> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const task = await this.d.task(who, caseNumber, name, 'mine');
      if (task.id !== notId) return task;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`task «${name}» for ${caseNumber} was not replaced`);
  }

  /** Claims if needed and completes a task assigned to `who`. */
  async doMine(
    who: string,
    caseNumber: string,
    name: string,
    data: Record<string, unknown>,
  ): Promise<Task> {
    const task = await this.mine(who, caseNumber, name);
    await this.d.complete(who, task, data);
    return task;
  }

  /** Waits for the background job workers (start-deadline…) to have done what `done` checks. */
  async until(done: () => Promise<boolean>, what = 'condition'): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (await done()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
      await this.d.engine.settle();
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  /** The case's deadlines as [kind, due date, status], sorted. */
  async deadlineRows(caseId: string): Promise<string[][]> {
    return (await this.d.deadlines(caseId))
      .map((x) => [x.kind, x.dueDate, x.status])
      .sort((x, y) => x.join().localeCompare(y.join()));
  }

  /**
   * Waits until the case's deadlines are `expected` (starting, meeting and breaching them are
   * the background workers' and the timers' work), then checks them, so a failure shows the diff.
   */
  async deadlinesAre(caseId: string, expected: string[][]): Promise<void> {
    const wanted = JSON.stringify(expected);
    await this.until(
      async () => JSON.stringify(await this.deadlineRows(caseId)) === wanted,
      'the deadlines',
    ).catch(() => undefined);
    expect(await this.deadlineRows(caseId)).toEqual(expected);
  }

  /** Waits until the case has `count` deadlines (a path's start-deadline job is done). */
  async deadlineCount(caseId: string, count: number): Promise<void> {
    await this.until(
      async () => (await this.d.deadlines(caseId)).length >= count,
      `${count} deadlines`,
    );
  }

  /** Waits for the instance to complete (its last service tasks run in the background). */
  async completed(processInstanceKey: string): Promise<void> {
    await this.until(
      async () => (await this.d.state(processInstanceKey)) === 'COMPLETED',
      `instance ${processInstanceKey} to complete`,
    );
  }

  /**
   * Publishes an external message (TTL 0) once the path waits for it: the step before it is a
   * service task whose job the workers complete in the background.
   */
  async publishWhenAwaited(
    name: string,
    correlationKey: string,
    variables: Record<string, string>,
  ): Promise<void> {
    await this.until(async () => {
      const open = await this.d.db.query(
        `SELECT 1 FROM message_subscription WHERE message_name = $1 AND correlation_key = $2 AND state = 'OPEN'`,
        [name, correlationKey],
      );
      return open.length > 0;
    }, `a subscription to ${name}`);
    await this.d.publish(name, correlationKey, variables);
  }

  /** Names of the case's open tasks in someone's view. */
  async openTasks(who: string, caseNumber: string, view: string): Promise<string[]> {
    const page = await this.d.server.request(
      'GET',
      `/api/tasks?view=${view}&caseNumber=${caseNumber}`,
      this.d.as(who),
    );
    if (page.status !== 200) throw new Error(`tasks: ${page.status}`);
    return page.body.items.map((t: Task) => t.name).sort();
  }

  /** Whether the instance (or a process it called) went through an element. */
  async reached(processInstanceKey: string, elementId: string): Promise<boolean> {
    const rows = await this.d.db.query(
      `SELECT 1 FROM flow_event WHERE process_instance_key = $1 AND element_id = $2 AND intent = 'ELEMENT_COMPLETED'`,
      [processInstanceKey, elementId],
    );
    return rows.length > 0;
  }

  /** The instance's armed timers, by element. */
  async timers(processInstanceKey: string): Promise<Record<string, string>> {
    const rows = await this.d.db.query(
      `SELECT element_id, due_at FROM timer WHERE process_instance_key = $1 AND state = 'ACTIVE'`,
      [processInstanceKey],
    );
    return Object.fromEntries(
      rows.map((t: { element_id: string; due_at: Date }) => [
        t.element_id,
        new Date(t.due_at).toISOString(),
      ]),
    );
  }

  /** Records a proroga over HTTP as the coordinator and lets the engine re-arm. */
  async extend(
    caseId: string,
    deadlineId: string,
    body: Record<string, unknown>,
    who = 'coord.iii',
  ): Promise<void> {
    const response = await this.d.server.request(
      'POST',
      `/api/cases/${caseId}/deadlines/${deadlineId}/extensions`,
      {
        ...this.d.as(who),
        body: { reason: 'Proroga concessa', grantedBy: 'Coordinatore', ...body },
      },
    );
    if (response.status >= 300)
      throw new Error(`extension: ${response.status} ${JSON.stringify(response.body)}`);
    await this.d.engine.settle();
  }
}
