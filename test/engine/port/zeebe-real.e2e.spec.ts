import { DataSource } from 'typeorm';
import { AppConfig } from '../../../src/config/app-config';
import { Key } from '../../../src/engine/engine.port';
import { EngineReadModel } from '../../../src/engine/read-model/engine-read-model';
import { ZeebeExportConsumer } from '../../../src/engine/zeebe/export/export-consumer';
import { ZeebeEngine } from '../../../src/engine/zeebe/zeebe-engine';
import { startTestApp, TestApp } from '../../support/test-app';
import { describePortConformance } from './port-conformance';
import { incidentsIn } from './read-side';

const address = process.env.ZEEBE_TEST_ADDRESS;
/** The Redis the broker's zeebe-redis-exporter writes to: with it, the read side is tested too. */
const redisUrl = process.env.ZEEBE_TEST_REDIS_URL;
let engine: ZeebeEngine | undefined;
let server: TestApp | undefined;
let consumer: ZeebeExportConsumer | undefined;
afterAll(async () => {
  await engine?.stop();
  await consumer?.beforeApplicationShutdown();
  await server?.drop();
});

/**
 * The same suite against a real Zeebe 8.5 (scripts/zeebe-smoke.sh starts one with Docker). With
 * ZEEBE_TEST_REDIS_URL the exporter's records are consumed into a database of our own and the
 * read-side tests run as well; without it they are skipped.
 */
if (address) {
  describePortConformance(
    `Zeebe adapter → Zeebe at ${address}`,
    async () => {
      if (redisUrl) {
        server = await startTestApp();
        consumer = new ZeebeExportConsumer(
          AppConfig.fromEnvironment({ ZEEBE_ADDRESS: address, ZEEBE_EXPORTER_REDIS_URL: redisUrl }),
          server.app.get(DataSource),
        );
        consumer.onApplicationBootstrap();
      }
      const readModel = server?.app.get(EngineReadModel);
      engine = new ZeebeEngine({
        address,
        clientId: process.env.ZEEBE_TEST_CLIENT_ID,
        clientSecret: process.env.ZEEBE_TEST_CLIENT_SECRET,
        oauthUrl: process.env.ZEEBE_TEST_OAUTH_URL,
        audience: 'zeebe',
        secure: process.env.ZEEBE_TEST_SECURE === 'true',
        readVariables: (instance, element) =>
          readModel ? readModel.variablesAt(instance, element) : Promise.resolve({}),
      });
      if (!server || !readModel) {
        const unavailable = () => Promise.reject(new Error('no read side without the exporter'));
        return { engine, incidentsOf: unavailable, instanceByBusinessKey: unavailable };
      }
      const db = server.app.get(DataSource);
      return {
        engine,
        incidentsOf: (key: Key) => incidentsIn(db, key),
        // The read side trails the broker by the exporter's and the consumer's cycles.
        instanceByBusinessKey: async (businessKey: string, processId: string) => {
          const deadline = Date.now() + 10_000;
          for (;;) {
            const key = await readModel.instanceByBusinessKey(businessKey, processId);
            if (key || Date.now() > deadline) return key;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        },
      };
    },
    { readSide: redisUrl !== undefined },
  );
} else {
  describe.skip('engine port conformance on a real Zeebe (skipped: set ZEEBE_TEST_ADDRESS, e.g. by scripts/zeebe-smoke.sh)', () => {
    it('runs the suite against a real Zeebe 8.5', () => undefined);
  });
}
