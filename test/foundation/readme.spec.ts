import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentVariableNames } from '../../src/config/environment';

describe('README', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

  it('documents every setting of the configuration module in its table', () => {
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` +\|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(environmentVariableNames().sort());
  });

  it('shows the two quick-start commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toMatch(/^npm test$/m);
  });
});
