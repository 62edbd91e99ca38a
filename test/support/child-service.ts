import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const MAIN = join(__dirname, '../../dist/main.js');

export interface ChildService {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts the built service (dist/main.js) with exactly this environment on top of PATH. */
export function spawnService(env: Record<string, string>): ChildService {
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves when the service prints its ready line; rejects if it exits first. */
export async function waitUntilReady(service: ChildService, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!service.stdout().includes('Percorsi is ready')) {
    if (service.process.exitCode !== null) {
      throw new Error(`service exited with ${service.process.exitCode}: ${service.stderr()}`);
    }
    if (Date.now() - started > timeoutMs) throw new Error('service not ready in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The base URL from the ready line (the service may have picked a free port). */
export function baseUrlOf(service: ChildService): string {
  const match = /Percorsi is ready at (http:\/\/[^/]+)\//.exec(service.stdout());
  if (!match) throw new Error('service is not ready');
  return match[1];
}
