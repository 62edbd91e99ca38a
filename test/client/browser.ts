import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); playwright-core downloads no browser. */
export const CHROMIUM = '/usr/bin/chromium';

export interface Browser {
  page: Page;
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
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login screen. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Entra' }).click();
  await page.getByRole('button', { name: 'Esci' }).waitFor();
}
