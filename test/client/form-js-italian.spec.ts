import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const VIEWER = readFileSync(
  join(ROOT, 'node_modules', '@bpmn-io', 'form-js-viewer', 'dist', 'index.es.js'),
  'utf8',
);
const TABLE = JSON.parse(
  readFileSync(join(ROOT, 'client', 'src', 'forms', 'form-js-italian.json'), 'utf8'),
) as { replacements: Record<string, Array<[string, string]>> };
const PAIRS = Object.values(TABLE.replacements).flat();

/**
 * The build-time translation of form-js (client/vite.config.mts): every English piece of the
 * table is in the installed viewer (else the client's build fails), and once replaced none of
 * form-js's English messages is left.
 */
describe('form-js in Italian (client build)', () => {
  it('finds every English piece in the installed form-js-viewer', () => {
    expect(PAIRS.filter(([english]) => !VIEWER.includes(english))).toEqual([]);
  });

  it('leaves none of its English messages once translated', () => {
    let code = VIEWER;
    for (const [english, italian] of PAIRS) code = code.split(english).join(italian);
    for (const english of [
      'Field is required.',
      'Field must have minimum length of',
      'Date and time must both be entered.',
      "|| 'Select'",
      "'Search'",
      "'No results'",
      'getLocaleReadableDateFormat()',
    ])
      expect(code).not.toContain(english);
  });
});
