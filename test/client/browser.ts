import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); playwright-core downloads no browser. */
export const CHROMIUM = '/usr/bin/chromium';

const available = existsSync(CHROMIUM);
const required = process.env.CI === 'true';

/**
 * `describe` for browser suites: without Chromium they are skipped with one line saying how to
 * install it, except under CI=true, where they run (and fail) so a missing browser is noticed.
 */
export const describeInBrowser: jest.Describe =
  available || required ? describe : (describe.skip as jest.Describe);
if (!available && !required) {
  process.stdout.write(
    `browser tests skipped: ${CHROMIUM} not found (install it with \`apt-get install chromium\`)\n`,
  );
}

export interface Browser {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions and CSP refusals seen so far: a test expects none. */
  problems: string[];
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile, opened on the app's base URL. */
export async function openBrowser(baseUrl: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'percorsi-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    baseURL: baseUrl,
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (entry) => {
    // A refused API call (400, 409…) is logged by Chromium as a failed resource: expected.
    if (entry.type() === 'error' && !/Failed to load resource/.test(entry.text()))
      problems.push(entry.text());
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return {
    page,
    context,
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login screen and waits for the signed-in shell. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  // A fresh page opens the service; any other stays where it is, so the sign-in leads back there.
  if (page.url() === 'about:blank') await page.goto('/');
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Entra' }).click();
  await page.getByRole('button', { name: 'Esci' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Esci' }).click();
  await page.getByLabel('Nome utente').waitFor();
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core's WCAG 2.1 A/AA rules on the page as it is now; the serious and critical violations,
 * with the elements they concern (a test expects none). Evaluated through the DevTools
 * protocol, which the page's CSP does not apply to.
 */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, not a function: the page's globals (axe, document) are not this file's types.
  const violations = await page.evaluate(`(async () => {
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  })()`);
  return (violations as AxeViolation[]).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
}

/**
 * Where screenshots go: `docs/screenshots` when SCREENSHOTS=1 (`npm run screenshots`, shown in
 * the README), otherwise a temporary folder, so a test run leaves the checkout as it was.
 */
const SHOTS =
  process.env.SCREENSHOTS === '1'
    ? join(__dirname, '..', '..', 'docs', 'screenshots')
    : mkdtempSync(join(tmpdir(), 'percorsi-screenshots-'));

/**
 * The screen as a user meets it: no serious or critical accessibility violation, nothing wider
 * than a 390 px phone (tables become lists), a title of its own; a screenshot of both widths.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(await page.title()).toMatch(/ · Percorsi$/);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const wide = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.waitForTimeout(150);
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect({ screen: name, overflowAt390px: overflow }).toEqual({
      screen: name,
      overflowAt390px: 0,
    });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true });
  } finally {
    await page.setViewportSize(wide);
  }
}
