import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORM_JS_ITALIAN, translateFormJs } from '../../client/src/forms/form-js-italian';

const VIEWER = readFileSync(
  join(__dirname, '..', '..', 'node_modules', '@bpmn-io', 'form-js-viewer', 'dist', 'index.es.js'),
  'utf8',
);

/** The build-time translation of form-js: every English piece found, and a missing one fails. */
describe('form-js in Italian (client build plugin)', () => {
  it('finds every English piece in the installed form-js-viewer and replaces it', () => {
    const translated = translateFormJs(VIEWER);
    for (const [english, italian] of FORM_JS_ITALIAN) {
      expect(translated).not.toContain(english);
      expect(translated).toContain(italian);
    }
    for (const message of [
      'Field is required.',
      'Date and time must both be entered.',
      "|| 'Select'",
    ])
      expect(translated).not.toContain(message);
  });

  it('fails, naming the piece, when an upgrade changed it', () => {
    const upgraded = VIEWER.replace(
      "errors.push('Field is required.')",
      "errors.push('Required.')",
    );
    expect(() => translateFormJs(upgraded)).toThrow(/errors\.push\('Field is required\.'\)/);
  });
});
