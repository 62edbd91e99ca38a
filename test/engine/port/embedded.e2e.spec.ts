import { DataSource } from 'typeorm';
import { ProcessEngine } from '../../../src/engine/engine.port';
import { EngineReadModel } from '../../../src/engine/read-model/engine-read-model';
import { startTestApp, TestApp } from '../../support/test-app';
import { describePortConformance } from './port-conformance';
import { incidentsIn, stopTasklist } from './read-side';

let server: TestApp;
afterAll(() => server?.drop());

describePortConformance('embedded, in process', async () => {
  server = await startTestApp();
  await stopTasklist(server);
  return {
    engine: server.app.get(ProcessEngine),
    incidentsOf: (key) => incidentsIn(server.app.get(DataSource), key),
    instanceByBusinessKey: (businessKey, processId) =>
      server.app.get(EngineReadModel).instanceByBusinessKey(businessKey, processId),
  };
});
