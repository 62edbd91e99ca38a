/**
 * A path inside the application, such as `/casi/SSC-III-2026-000123`:
 * starts with one slash, so it can never point at another site
 * (`//evil.example`, `https://…`), and holds no spaces or backslashes.
 */
export function isAppPath(value: string): boolean {
  return value.length <= 500 && /^\/(?![/\\])[^\s\\]*$/.test(value);
}
