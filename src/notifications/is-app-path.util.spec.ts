import { isAppPath } from './is-app-path.util';

describe('isAppPath', () => {
  it.each(['/', '/casi/SSC-III-2026-000123', '/attivita?filtro=mie#scadenze'])(
    'accepts the application path %s',
    (path) => expect(isAppPath(path)).toBe(true),
  );

  it.each([
    'https://evil.example/x',
    '//evil.example/x',
    '/\\evil.example',
    'casi/1',
    '/casi/1 2',
    '',
    `/${'a'.repeat(500)}`,
  ])('refuses %s', (path) => expect(isAppPath(path)).toBe(false));
});
