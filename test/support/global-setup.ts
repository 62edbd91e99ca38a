import { execFileSync } from 'node:child_process';

/** Tests that start the service as a child process run the built dist/, so build it once. */
export default function globalSetup(): void {
  execFileSync(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build'], {
    stdio: 'inherit',
  });
}
