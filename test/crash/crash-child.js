// The service under load for the crash test: the built app (dist/) with in-process workers
// and a publisher, on DATA_DIR or DATABASE_URL. It is killed with SIGKILL at random moments.
require('reflect-metadata');
const { join } = require('node:path');
const dist = join(__dirname, '..', '..', 'dist');
const { createApp } = require(join(dist, 'app.factory'));
const { AppConfig } = require(join(dist, 'config/app-config'));
const { ProcessEngine, EngineConflictError, EngineNotFoundError } = require(
  join(dist, 'engine/engine.port'),
);
const { crashModel } = require('./crash-model');

const INSTANCES = Number(process.env.CRASH_INSTANCES);
// On SIGTERM the app closes its database: this script's own loops must stop first, not query a closed pool.
let stopping = false;
process.once('SIGTERM', () => (stopping = true));

(async () => {
  const config = AppConfig.fromEnvironment({
    ...process.env,
    PORT: '0',
    LOG_LEVEL: 'silent',
    DEMO_ACCOUNTS: 'false',
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const engine = app.get(ProcessEngine);
  await engine.deploy([{ name: 'crash.bpmn', content: crashModel() }]);
  const db = app.get(require('typeorm').DataSource);
  const existing = new Set(
    (await db.query(`SELECT business_key FROM process_instance`)).map((r) => r.business_key),
  );
  process.stdout.write('ready\n');

  const ignoreGone = (error) => {
    if (!(error instanceof EngineNotFoundError) && !(error instanceof EngineConflictError))
      throw error;
  };
  const work = async (type) => {
    while (!stopping) {
      const jobs = await engine.activateJobs({
        type,
        maxJobsToActivate: 8,
        timeoutMs: 2000,
        worker: `crash-${process.pid}`,
      });
      if (jobs.length === 0) await new Promise((r) => setTimeout(r, 20));
      for (const job of jobs)
        await engine.completeJob(job.key, { [`${type}By`]: process.pid }).catch(ignoreGone);
    }
  };
  const create = async () => {
    for (let i = 0; i < INSTANCES && !stopping; i++) {
      const businessKey = `crash-${i}`;
      if (!existing.has(businessKey))
        await engine.createInstance({
          bpmnProcessId: 'crash',
          businessKey,
          variables: { caseNumber: businessKey },
        });
      // Published with an id: a republish after a restart is refused while the first lives.
      await engine
        .publishMessage({
          name: 'documents-received',
          correlationKey: businessKey,
          timeToLiveMs: 3_600_000,
          messageId: businessKey,
        })
        .catch(ignoreGone);
    }
  };
  // Progress for the test, which cannot read an embedded database this process owns.
  const report = async () => {
    while (!stopping) {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM process_instance WHERE state = 'COMPLETED'`,
      );
      process.stdout.write(`completed=${n}\n`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  await Promise.all([work('check-request'), work('close-case'), create(), report()]);
})().catch((error) => {
  if (stopping) return;
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
