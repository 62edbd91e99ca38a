import { Page } from 'playwright-core';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { Browser, checkScreen, describeInBrowser, openBrowser, signIn, signOut } from './browser';

/**
 * The administrator manages the people who use Percorsi: creates an account (the password rules
 * and the unit rule said in Italian), changes its role and unit, resets its password; the person
 * signs in and changes their own password from the profile.
 */
describeInBrowser('web client: accounts and profile', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestApp();
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
    await signIn(page, 'admin', TEST_ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  it('lists the accounts', async () => {
    await page
      .getByRole('navigation', { name: 'Menu principale' })
      .getByRole('link', { name: 'Utenti' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Utenti' }).waitFor();
    await page.locator('tr[data-account="admin"]').waitFor();
    await checkScreen(page, 'amministrazione-utenti');
  });

  it('creates a caseworker of unit II after refusing a weak password', async () => {
    await page.getByRole('link', { name: 'Nuovo utente' }).click();
    await page.getByLabel('Nome utente').fill('giulia.ii');
    await page.getByLabel('Nome e cognome').fill('Giulia Ferrara');
    await page.getByLabel('Ruolo').selectOption('caseworker');
    await page.getByLabel('Unità territoriale').selectOption('II');
    await page.getByLabel('Password iniziale').fill('corta');
    await page.getByRole('button', { name: 'Crea l’utente' }).click();
    const summary = page.locator('[data-testid="error-summary"]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Password iniziale');
    await checkScreen(page, 'amministrazione-utente-nuovo');
    await page.getByLabel('Password iniziale').fill('una-password-lunga-abbastanza');
    await page.getByRole('button', { name: 'Crea l’utente' }).click();
    await page.getByText('Utente creato: Giulia Ferrara.').waitFor();
    expect(await page.locator('tr[data-account="giulia.ii"]').textContent()).toContain(
      'Assistente sociale',
    );
  });

  it('makes her a coordinator of unit IV and resets her password', async () => {
    await page.getByRole('link', { name: 'Giulia Ferrara' }).click();
    await page.getByRole('heading', { level: 1, name: 'Giulia Ferrara' }).waitFor();
    await page.getByLabel('Ruolo').selectOption('coordinator');
    await page.getByLabel('Unità territoriale').selectOption('IV');
    await checkScreen(page, 'amministrazione-utente');
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await page.getByText('Utente aggiornato: Giulia Ferrara.').waitFor();
    const row = await page.locator('tr[data-account="giulia.ii"]').textContent();
    expect(row).toContain('Coordinatore di unità');
    expect(row).toContain('IV');
    await page.getByRole('link', { name: 'Giulia Ferrara' }).click();
    await page.getByLabel('Nuova password').fill('reimpostata-dall-amministratore');
    await page.getByRole('button', { name: 'Reimposta' }).click();
    await page.getByText(/Password reimpostata/).waitFor();
    await signOut(page);
  });

  it('lets her sign in and change her own password from the profile', async () => {
    await signIn(page, 'giulia.ii', 'reimpostata-dall-amministratore');
    await page.locator('[data-testid="who"]').click();
    await page.getByRole('heading', { level: 1, name: 'Profilo' }).waitFor();
    await page.getByLabel('Password attuale').fill('reimpostata-dall-amministratore');
    await page.getByLabel('Nuova password', { exact: true }).fill('la-mia-password-nuova');
    await page.getByLabel('Ripeti la nuova password').fill('la-mia-password-diversa');
    await page.getByText('Le due password non coincidono.').waitFor();
    await page.getByLabel('Ripeti la nuova password').fill('la-mia-password-nuova');
    await checkScreen(page, 'profilo');
    await page.getByRole('button', { name: 'Cambia la password' }).click();
    await page.getByText(/Password cambiata/).waitFor();
    await signOut(page);
    await signIn(page, 'giulia.ii', 'la-mia-password-nuova');
    await signOut(page);
  });

  it('creates an external program’s account, which has no unit and no screens but its profile', async () => {
    await signIn(page, 'admin', TEST_ADMIN_PASSWORD);
    await page.goto('/amministrazione/utenti/nuovo');
    await page.getByLabel('Nome utente').fill('lettere.pec');
    await page.getByLabel('Nome e cognome').fill('Invio lettere PEC');
    await page.getByLabel('Ruolo').selectOption('worker');
    expect(await page.getByLabel('Unità territoriale').isDisabled()).toBe(true);
    await page.getByLabel('Password iniziale').fill('una-password-per-il-programma');
    await page.getByRole('button', { name: 'Crea l’utente' }).click();
    await page.getByText('Utente creato: Invio lettere PEC.').waitFor();
    expect(await page.locator('tr[data-account="lettere.pec"]').textContent()).toContain(
      'Programma esterno (worker)',
    );
    await signOut(page);

    await signIn(page, 'lettere.pec', 'una-password-per-il-programma');
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Profilo' }).waitFor();
    expect(await page.locator('[data-testid="worker-account"]').textContent()).toContain(
      'non ha schermate',
    );
    expect(
      await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link').count(),
    ).toBe(0);
    await checkScreen(page, 'profilo-worker');
    await signOut(page);
  });
});
