import { execFileSync } from 'node:child_process';

/**
 * Tests that start the service as a child process run the built dist/, so
 * build it once. SKIP_BUILD=1 reuses the dist/ there is (quicker when only
 * in-process suites run).
 */
export default function globalSetup(): void {
  if (process.env.SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build'], {
    stdio: 'inherit',
  });
}
