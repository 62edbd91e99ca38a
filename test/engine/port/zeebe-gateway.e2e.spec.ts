import { DataSource } from 'typeorm';
import { EngineReadModel } from '../../../src/engine/read-model/engine-read-model';
import { ZeebeEngine } from '../../../src/engine/zeebe/zeebe-engine';
import { freePort } from '../../support/free-port';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../../support/test-app';
import { describePortConformance } from './port-conformance';
import { incidentsIn, stopTasklist } from './read-side';

let server: TestApp;
let engine: ZeebeEngine;
afterAll(async () => {
  await engine?.stop();
  await server?.drop();
});

// The adapter as a replica uses it: OAuth client credentials, then every call over gRPC.
describePortConformance('Zeebe adapter → the embedded engine’s gateway (gRPC)', async () => {
  server = await startTestApp({ ZEEBE_GATEWAY_PORT: String(await freePort()) });
  const readModel = server.app.get(EngineReadModel);
  engine = new ZeebeEngine({
    address: `127.0.0.1:${server.config.zeebeGateway!.port}`,
    clientId: 'admin',
    clientSecret: TEST_ADMIN_PASSWORD,
    oauthUrl: `${server.baseUrl}/api/auth/oauth/token`,
    audience: 'zeebe',
    secure: false,
    readVariables: (instance, element) => readModel.variablesAt(instance, element),
  });
  await stopTasklist(server);
  return {
    engine,
    incidentsOf: (key) => incidentsIn(server.app.get(DataSource), key),
    instanceByBusinessKey: (businessKey, processId) =>
      server.app.get(EngineReadModel).instanceByBusinessKey(businessKey, processId),
  };
});
