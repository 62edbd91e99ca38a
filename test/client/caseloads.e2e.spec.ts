import { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { addAccounts, PASSWORD, STAFF } from './accounts';
import { Browser, checkScreen, describeInBrowser, openBrowser, signIn, signOut } from './browser';

/**
 * The units' caseloads against the LEPS target, in full-time equivalents: an administrator sets
 * unit III's population on the screen (12,000 inhabitants: 3 social workers needed); Anna works
 * full time and Bruno half time, 1.5, short of it; the manager reads it, and each one's load.
 */
describeInBrowser('web client: caseloads in full-time equivalents', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestApp();
    await addAccounts(server, STAFF);
    await server.app
      .get(DataSource)
      .query(`UPDATE account SET fte = 0.5 WHERE username = 'bruno.iii'`);
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  it('lets the administrator set a unit’s population, and the manager see the target in FTE', async () => {
    await page.goto('/direzione');
    await signIn(page, 'admin', TEST_ADMIN_PASSWORD);
    const iii = page.locator('tr[data-unit="III"]');
    await iii.getByLabel('Abitanti dell’unità III').fill('12000');
    await iii.getByRole('button', { name: 'Salva gli abitanti dell’unità III' }).click();
    await iii.getByText('non raggiunto').waitFor();
    await signOut(page);

    await page.goto('/direzione');
    await signIn(page, 'dirigente', PASSWORD);
    const row = page.locator('tr[data-unit="III"]');
    await row.getByText('non raggiunto').waitFor();
    expect(await row.locator('td').nth(6).innerText()).toBe('2 (1,5)');
    expect(await row.locator('td').nth(7).innerText()).toBe('12.000');
    expect(await page.getByRole('button', { name: /Salva gli abitanti/ }).count()).toBe(0);
    await page.locator('tr[data-unit="ambito"]').getByText('popolazione non indicata').waitFor();
    const bruno = page.locator('tr[data-worker="Bruno Greco"] td');
    await bruno.first().waitFor();
    expect(await bruno.nth(3).innerText()).toBe('0,5');
    await page.getByLabel('Unità', { exact: true }).selectOption('V');
    await page
      .getByText('Nessun assistente sociale o coordinatore attivo in questa unità.')
      .waitFor();
    await checkScreen(page, 'direzione-carichi');
  });
});
