import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { AppConfig } from './config/app-config';
import { createApp } from './app.factory';

/** Any failure to start is one readable line and a non-zero exit, never a stack trace. */
function fail(error: unknown): never {
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Percorsi cannot start: ${reason.split('\n')[0]}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnvironment();
  } catch (error) {
    fail(error);
  }
  const app = await createApp(config).catch(fail);
  await app.listen(config.port, config.host).catch(fail);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  process.stdout.write(`Percorsi is ready at http://${shown}:${port}/ (API docs: /api/docs)\n`);
}

void main();
