import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../src/config/app-config';
import { EngineReadModel } from '../../../src/engine/read-model/engine-read-model';
import { ZeebeExportConsumer } from '../../../src/engine/zeebe/export/export-consumer';
import { CONSUMER_GROUP } from '../../../src/engine/zeebe/export/redis-record-source';
import { READ_SIDE_VALUE_TYPES } from '../../../src/engine/zeebe/export/exported-record';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../../support/test-app';
import { Element, Instance, ZeebeLog } from '../../support/zeebe-records';

/**
 * The read side on a Zeebe cluster: records in `zeebe-redis-exporter`'s JSON format, on a real
 * Redis server, consumed into the tables the case file, the tasklist and the HTTP API read.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://percorsi.test">
  <bpmn:process id="export-adi" name="Patto di inclusione (Zeebe)" isExecutable="true">
    <bpmn:startEvent id="avvio" name="Domanda"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="verifica" name="Verifica residenza">
      <bpmn:extensionElements><zeebe:taskDefinition type="percorsi:verifica-residenza" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="colloquio" name="Primo colloquio">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:receiveTask id="attesa-esito" name="Esito INPS" messageRef="m" >
      <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>
    </bpmn:receiveTask>
    <bpmn:endEvent id="fine"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="avvio" targetRef="verifica" />
    <bpmn:sequenceFlow id="f2" sourceRef="verifica" targetRef="colloquio" />
    <bpmn:sequenceFlow id="f3" sourceRef="colloquio" targetRef="attesa-esito" />
    <bpmn:sequenceFlow id="f4" sourceRef="attesa-esito" targetRef="fine" />
  </bpmn:process>
  <bpmn:message id="m" name="esito-inps"><bpmn:extensionElements>
    <zeebe:subscription correlationKey="=businessKey" /></bpmn:extensionElements></bpmn:message>
</bpmn:definitions>`;

async function redisAvailable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** The journey of one case up to its user task, as a broker logs it. */
function caseUpToInterview(log: ZeebeLog, businessKey: string, version: number) {
  // Each test deploys its own version: the tests share one database.
  const deployed = log.deploy('export-adi', MODEL, version);
  const instance = log.start(deployed, { businessKey, nucleo: 3, esito: null });
  log.flow(instance, 'f1');
  const verifica = log.activate(instance, 'verifica', 'SERVICE_TASK');
  const job = log.job(verifica, 'CREATED');
  // A command record: the consumer reads only events.
  log.append('PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', '-1', { elementId: 'x' }, 'COMMAND');
  log.activateJobs('percorsi:verifica-residenza', 'replica-1', [{ key: job, element: verifica }]);
  log.job(verifica, 'FAILED', { retries: 0, errorMessage: 'Anagrafe non raggiungibile' }, job);
  const incident = log.key();
  log.incident(verifica, 'CREATED', incident, job);
  return { deployed, instance, verifica, job, incident };
}

function onToTheInterview(
  log: ZeebeLog,
  { instance, verifica, job, incident }: ReturnType<typeof caseUpToInterview>,
) {
  log.job(verifica, 'RETRIES_UPDATED', { retries: 1 }, job);
  log.incident(verifica, 'RESOLVED', incident, job);
  log.activateJobs('percorsi:verifica-residenza', 'replica-2', [{ key: job, element: verifica }]);
  log.job(verifica, 'COMPLETED', { retries: 1, worker: 'replica-2' }, job);
  log.finish(verifica, 'SERVICE_TASK');
  log.flow(instance, 'f2');
  const colloquio = log.activate(instance, 'colloquio', 'USER_TASK');
  log.localVariable(colloquio, 'nucleo', 4);
  log.localVariable(colloquio, 'sede', 'UdS III');
  const task = log.job(colloquio, 'CREATED', { type: 'io.camunda.zeebe:userTask' });
  log.activateJobs('io.camunda.zeebe:userTask', 'percorsi-tasklist', [
    { key: task, element: colloquio },
  ]);
  return { colloquio, task };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > 15_000) throw new Error(`not reached in 15 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Zeebe exporter records into the read side (real Redis)', () => {
  let available = false;
  let app: TestApp;
  let redis: Redis;
  let prefix: string;
  const consumers: ZeebeExportConsumer[] = [];

  beforeAll(async () => {
    available = await redisAvailable();
    // In CI the Redis server is part of the machine (.ci/run starts it); a developer without one skips.
    if (!available && process.env.CI) throw new Error(`no Redis at ${REDIS_URL}`);
    if (available) app = await startTestApp();
  });

  beforeEach(async () => {
    if (!available) return;
    prefix = `percorsi-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    redis = new Redis(REDIS_URL);
  });

  afterEach(async () => {
    if (!available) return;
    for (const consumer of consumers.splice(0)) await consumer.beforeApplicationShutdown();
    await redis.del(...READ_SIDE_VALUE_TYPES.map((type) => `${prefix}:${type}`));
    redis.disconnect();
  });

  afterAll(async () => {
    await app?.drop();
  });

  function consumer(batch?: number): ZeebeExportConsumer {
    const config = AppConfig.fromEnvironment({
      ZEEBE_ADDRESS: '127.0.0.1:26500',
      ZEEBE_EXPORTER_REDIS_URL: REDIS_URL,
      ZEEBE_EXPORTER_STREAM_PREFIX: prefix,
    });
    const started = new ZeebeExportConsumer(config, app.app.get(DataSource));
    if (batch) started.batch = batch;
    started.onApplicationBootstrap();
    consumers.push(started);
    return started;
  }

  /** Entries not yet acknowledged by the group, over all streams (all of them before it exists). */
  async function unacknowledged(): Promise<number> {
    let total = 0;
    for (const type of READ_SIDE_VALUE_TYPES) {
      const stream = `${prefix}:${type}`;
      const groups = (await redis.xinfo('GROUPS', stream).catch(() => [])) as Array<
        Array<string | number>
      >;
      const ours = groups
        .map((group) => {
          const fields = new Map<string, unknown>();
          for (let i = 0; i < group.length; i += 2) fields.set(String(group[i]), group[i + 1]);
          return fields;
        })
        .find((fields) => fields.get('name') === CONSUMER_GROUP);
      total += ours
        ? Number(ours.get('pending')) + Number(ours.get('lag') ?? 0)
        : await redis.xlen(stream);
    }
    return total;
  }

  it('gives the case file, the tasklist and the HTTP API the instance, its steps, jobs, incidents and variables', async () => {
    if (!available) return;
    const readModel = app.app.get(EngineReadModel);
    const log = new ZeebeLog();
    const journey = caseUpToInterview(log, 'ADI-III-2026-41', 1);
    await log.publish(redis, prefix);
    consumer();

    const instanceKey = journey.instance.processInstanceKey;
    await until(
      () => readModel.instanceByBusinessKey('ADI-III-2026-41', 'export-adi'),
      (key) => key === instanceKey,
      'the instance under its case number',
    );
    const manager = app.app.get(DataSource).manager;
    expect(
      await until(
        () => readModel.activeIncidents(manager, [instanceKey]),
        (open) => open.get(instanceKey) === 1,
        'the open incident',
      ),
    ).toEqual(new Map([[instanceKey, 1]]));
    expect((await readModel.jobStatuses([journey.job])).get(journey.job)?.state).toBe('FAILED');
    const [tree] = await readModel.instanceTrees(manager, [instanceKey]);
    expect(tree).toMatchObject({
      key: instanceKey,
      state: 'ACTIVE',
      name: 'Patto di inclusione (Zeebe)',
      bpmnProcessId: 'export-adi',
      version: 1,
    });
    expect(await readModel.incidentElementIds(manager, instanceKey)).toEqual(['verifica']);

    const before = log.records.length;
    const { colloquio, task } = onToTheInterview(log, journey);
    await log.publish(redis, prefix, before);
    await until(
      () => readModel.jobStatuses([task]),
      (jobs) => jobs.get(task)?.state === 'ACTIVATED',
      'the user task job activated',
    );
    expect((await readModel.activeIncidents(manager, [instanceKey])).size).toBe(0);
    expect((await readModel.jobStatuses([journey.job])).get(journey.job)).toMatchObject({
      state: 'COMPLETED',
      instanceState: 'ACTIVE',
    });
    expect(
      await readModel.activatedJobs({
        type: 'io.camunda.zeebe:userTask',
        worker: 'percorsi-tasklist',
        afterKey: null,
        limit: 10,
      }),
    ).toEqual([
      expect.objectContaining({
        key: task,
        processInstanceKey: instanceKey,
        elementId: 'colloquio',
        elementInstanceKey: colloquio.key,
        processDefinitionVersion: 1,
        customHeaders: { fonte: 'anagrafe' },
      }),
    ]);
    // The task's own variables shadow the process's; the form prefills from these.
    expect(await readModel.variablesAt(instanceKey, colloquio.key)).toEqual({
      businessKey: 'ADI-III-2026-41',
      nucleo: 4,
      esito: null,
      sede: 'UdS III',
    });
    const steps = await readModel.steps(manager, [tree]);
    expect(steps.map((s) => `${s.intent} ${s.elementId}`)).toEqual([
      'ELEMENT_ACTIVATED export-adi',
      'ELEMENT_ACTIVATED verifica',
      'ELEMENT_COMPLETED verifica',
      'ELEMENT_ACTIVATED colloquio',
    ]);

    // The administrators' HTTP API reads the same rows.
    const admin = await app.login('admin', TEST_ADMIN_PASSWORD);
    const history = await app.request(
      'GET',
      `/api/process-instances/${instanceKey}/history?limit=100`,
      {
        token: admin,
      },
    );
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { elementId: string }) => e.elementId)).toEqual([
      'export-adi',
      'avvio',
      'avvio',
      'f1',
      'verifica',
      'verifica',
      'f2',
      'colloquio',
    ]);
    const incidents = await app.request(
      'GET',
      `/api/incidents?processInstanceKey=${instanceKey}&state=RESOLVED`,
      { token: admin },
    );
    expect(incidents.body.items).toEqual([
      expect.objectContaining({
        key: journey.incident,
        elementId: 'verifica',
        errorType: 'JOB_NO_RETRIES',
        errorMessage: 'Anagrafe non raggiungibile',
        jobKey: journey.job,
        businessKey: 'ADI-III-2026-41',
      }),
    ]);
    await until(unacknowledged, (n) => n === 0, 'every entry acknowledged');
  });

  it('follows messages and the end of an instance, completed or cancelled, on any partition', async () => {
    if (!available) return;
    const readModel = app.app.get(EngineReadModel);
    const manager = app.app.get(DataSource).manager;
    // Partition 4's keys exceed 2^53: they must arrive exact.
    const log = new ZeebeLog(4);
    const journey = caseUpToInterview(log, 'ADI-I-2026-7', 3);
    const { colloquio, task } = onToTheInterview(log, journey);
    const { instance } = journey;
    log.job(colloquio, 'COMPLETED', {}, task);
    log.finish(colloquio, 'USER_TASK');
    log.flow(instance, 'f3');
    const waiting = log.activate(instance, 'attesa-esito', 'RECEIVE_TASK');
    log.messageSubscription(waiting, 'CREATED', 'esito-inps', 'ADI-I-2026-7');
    const cancelled = log.start(journey.deployed, { businessKey: 'ADI-I-2026-8' });
    await log.publish(redis, prefix);
    consumer();

    const instanceKey = instance.processInstanceKey;
    expect(BigInt(instanceKey)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    const open = await until(
      () => readModel.openSubscriptions(manager, [instanceKey], ['esito-inps']),
      (rows) => rows.length === 1,
      'the open message subscription',
    );
    expect(open[0]).toMatchObject({
      processInstanceKey: instanceKey,
      elementId: 'attesa-esito',
      correlationKey: 'ADI-I-2026-7',
    });

    const before = log.records.length;
    log.messageSubscription(waiting, 'CORRELATED', 'esito-inps', 'ADI-I-2026-7');
    log.finish(waiting, 'RECEIVE_TASK');
    log.flow(instance, 'f4');
    log.finish(log.activate(instance, 'fine', 'END_EVENT'), 'END_EVENT');
    log.end(instance, 'ELEMENT_COMPLETED');
    log.end(cancelled, 'ELEMENT_TERMINATED');
    await log.publish(redis, prefix, before);

    const states = await until(
      () => readModel.instanceTrees(manager, [instanceKey, cancelled.processInstanceKey]),
      (rows) => rows.every((row) => row.state !== 'ACTIVE'),
      'both instances ended',
    );
    expect(Object.fromEntries(states.map((row) => [row.key, row.state]))).toEqual({
      [instanceKey]: 'COMPLETED',
      [cancelled.processInstanceKey]: 'CANCELED',
    });
    expect(await readModel.openSubscriptions(manager, [instanceKey], ['esito-inps'])).toEqual([]);
    expect((await readModel.subscriptionStates(manager, [waiting.key])).get(waiting.key)).toBe(
      'CORRELATED',
    );
    // An ended instance's variable scopes are dropped.
    const [{ scopes }] = await manager.query(
      `SELECT count(*)::int AS scopes FROM exported_scope WHERE process_instance_key = ANY($1::bigint[])`,
      [[instanceKey, cancelled.processInstanceKey]],
    );
    expect(scopes).toBe(0);
  });

  it('applies a backlog larger than a pass in log order: a stream read ahead waits for the others', async () => {
    if (!available) return;
    const readModel = app.app.get(EngineReadModel);
    const manager = app.app.get(DataSource).manager;
    const log = new ZeebeLog(3);
    const journey = caseUpToInterview(log, 'ADI-IV-2026-12', 4);
    const { colloquio, task } = onToTheInterview(log, journey);
    // The job stream is short: read to its end while the instance's stream is still far behind.
    await log.publish(redis, prefix);
    consumer(2);

    const instanceKey = journey.instance.processInstanceKey;
    await until(unacknowledged, (n) => n === 0, 'every entry acknowledged');
    expect(await readModel.instanceByBusinessKey('ADI-IV-2026-12', 'export-adi')).toBe(instanceKey);
    const jobs = await readModel.jobStatuses([journey.job, task]);
    expect(jobs.get(journey.job)?.state).toBe('COMPLETED');
    expect(jobs.get(task)?.state).toBe('ACTIVATED');
    expect((await readModel.activeIncidents(manager, [instanceKey])).size).toBe(0);
    expect(await readModel.variablesAt(instanceKey, colloquio.key)).toEqual({
      businessKey: 'ADI-IV-2026-12',
      nucleo: 4,
      esito: null,
      sede: 'UdS III',
    });
    const events: Array<{ element_id: string }> = await manager.query(
      `SELECT element_id FROM flow_event WHERE process_instance_key = $1 ORDER BY flow_event.id`,
      [instanceKey],
    );
    expect(events.map((e) => e.element_id)).toEqual([
      'export-adi',
      'avvio',
      'avvio',
      'f1',
      'verifica',
      'verifica',
      'f2',
      'colloquio',
    ]);
  });

  it('applies each record once: delivered twice, left pending by a replica that died, read by two replicas', async () => {
    if (!available) return;
    const manager = app.app.get(DataSource).manager;
    const summaries = async (keys: string[]) =>
      (
        await manager.query(
          // Folded days and the counts appended since, as the heatmap reads them.
          `SELECT (SELECT coalesce(sum(reached), 0)::int FROM (
                     SELECT reached FROM step_day
                      WHERE bpmn_process_id = 'export-adi' AND element_id = 'verifica'
                     UNION ALL
                     SELECT reached FROM step_day_delta
                      WHERE bpmn_process_id = 'export-adi' AND element_id = 'verifica') d) AS reached,
                  (SELECT count(*)::int FROM step_visit
                    WHERE process_instance_key = ANY($1::bigint[])) AS waiting,
                  (SELECT coalesce(sum(taken), 0)::int FROM (
                     SELECT taken FROM flow_day WHERE bpmn_process_id = 'export-adi' AND flow_id = 'f1'
                     UNION ALL
                     SELECT taken FROM flow_day_delta
                      WHERE bpmn_process_id = 'export-adi' AND flow_id = 'f1') d) AS taken`,
          [keys],
        )
      )[0] as { reached: number; waiting: number; taken: number };
    const earlier = await summaries([]);
    const log = new ZeebeLog(2);
    const instances: Instance[] = [];
    const deployed = log.deploy('export-adi', MODEL, 2);
    for (let n = 0; n < 30; n++) {
      const instance = log.start(deployed, { businessKey: `ADI-II-2026-${n + 1}` });
      log.flow(instance, 'f1');
      const verifica: Element = log.activate(instance, 'verifica', 'SERVICE_TASK');
      log.job(verifica, 'CREATED');
      instances.push(instance);
    }
    await log.publish(redis, prefix);
    // A replica took entries of every stream and died before acknowledging them.
    await redis.xgroup('CREATE', `${prefix}:PROCESS_INSTANCE`, CONSUMER_GROUP, '0', 'MKSTREAM');
    await redis.xgroup('CREATE', `${prefix}:PROCESS`, CONSUMER_GROUP, '0', 'MKSTREAM');
    await redis.xreadgroup(
      'GROUP',
      CONSUMER_GROUP,
      'dead-replica',
      'COUNT',
      40,
      'STREAMS',
      `${prefix}:PROCESS`,
      `${prefix}:PROCESS_INSTANCE`,
      '>',
      '>',
    );
    // The exporter re-sends what it could not confirm: the same records again, new entries.
    await log.publish(redis, prefix);
    // Neither an entry that is no record nor a variable whose value is not JSON blocks a stream.
    await redis.xadd(`${prefix}:VARIABLE`, '*', '1', 'not a record');
    const before = log.records.length;
    log.localVariable(
      { instance: instances[0], key: instances[0].processInstanceKey, elementId: 'x' },
      'nota',
      0,
    );
    (log.records[before].value as Record<string, unknown>).value = '{not json';
    await log.publish(redis, prefix, before);

    consumer();
    consumer();
    await until(unacknowledged, (n) => n === 0, 'every entry acknowledged');

    const keys = instances.map((i) => i.processInstanceKey);
    const [counts] = await manager.query(
      `SELECT (SELECT count(*)::int FROM flow_event WHERE process_instance_key = ANY($1::bigint[])) AS events,
              (SELECT count(*)::int FROM process_instance WHERE key = ANY($1::bigint[])) AS instances,
              (SELECT count(*)::int FROM job WHERE process_instance_key = ANY($1::bigint[])) AS jobs`,
      [keys],
    );
    // Per instance: process activated, start activated and completed, f1 taken, verifica activated.
    expect(counts).toEqual({ events: 30 * 5, instances: 30, jobs: 30 });
    // The heatmap's summaries counted each visit once too.
    const after = await summaries(keys);
    expect({
      reached: after.reached - earlier.reached,
      waiting: after.waiting,
      taken: after.taken - earlier.taken,
    }).toEqual({ reached: 30, waiting: 30, taken: 30 });
    const [scope] = await manager.query(`SELECT variables FROM exported_scope WHERE key = $1`, [
      instances[0].processInstanceKey,
    ]);
    expect(scope.variables).toEqual({ businessKey: 'ADI-II-2026-1' });
    const [position] = await manager.query(
      `SELECT position::int FROM zeebe_export_position WHERE partition_id = 2 AND value_type = 'JOB'`,
    );
    expect(position.position).toBe(
      Math.max(...log.records.filter((r) => r.valueType === 'JOB').map((r) => Number(r.position))),
    );
  });
});
