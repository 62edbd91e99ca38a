import { DataSource } from 'typeorm';
import { ProcessEngine } from '../../../src/engine/engine.port';
import { startTestApp, TestApp } from '../../support/test-app';
import { describePortConformance } from './port-conformance';
import { incidentsIn } from './read-side';

let server: TestApp;
afterAll(() => server?.drop());

describePortConformance('embedded, in process', async () => {
  server = await startTestApp();
  return {
    engine: server.app.get(ProcessEngine),
    incidentsOf: (key) => incidentsIn(server.app.get(DataSource), key),
  };
});
