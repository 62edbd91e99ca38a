import { Page } from 'playwright-core';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { addAccounts, PASSWORD } from './accounts';
import { Browser, checkScreen, describeInBrowser, openBrowser, signIn, signOut } from './browser';

/**
 * The shell every role works in: served with a strict CSP at any address, the sign-in in
 * Italian, each role's home and menu, titles, focus, the session renewed before its token
 * expires and the warning before it ends.
 */
describeInBrowser('web client: shell, sign-in and session', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestApp();
    await addAccounts(server);
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  it('is served at any address outside /api with a strict CSP; /api stays the API', async () => {
    const deep = await fetch(`${server.baseUrl}/attivita/123`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = deep.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src-elem 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(await deep.text()).toContain('<div id="root">');
    const api = await server.request('GET', '/api/nope');
    expect(api).toMatchObject({ status: 404, body: { message: 'Risorsa non trovata.' } });
  });

  it('refuses a wrong password in Italian and keeps nothing in localStorage', async () => {
    await page.goto('/attivita');
    await page.getByLabel('Nome utente').fill('anna.iii');
    await page.getByLabel('Password').fill('sbagliata');
    await page.getByRole('button', { name: 'Entra' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/credenziali|password|utente/i);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    expect(await page.title()).toBe('Accesso · Percorsi');
    await checkScreen(page, 'accesso');
  });

  it('opens, after signing in, the address that was asked for', async () => {
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entra' }).click();
    await page.getByRole('heading', { level: 1, name: 'Attività' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/attivita');
    // The new screen's heading has the focus, for screen readers.
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
    expect(await page.locator('[data-testid="who"]').textContent()).toContain('Anna Rinaldi');
    await signOut(page);
  });

  it.each([
    ['dirigente', '/direzione', 'Carichi di lavoro delle unità'],
    ['coord.iii', '/unita', 'Bacheca dell’unità'],
  ])('sends %s to their home, %s', async (username, path, heading) => {
    await page.goto('/');
    await signIn(page, username, PASSWORD);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    expect(new URL(page.url()).pathname).toBe(path);
    await signOut(page);
  });

  it('says so for an unknown address and for a screen of another role, with a way home', async () => {
    await page.goto('/nessuna-pagina');
    await signIn(page, 'anna.iii', PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Pagina non trovata' }).waitFor();
    await page.getByRole('link', { name: 'Torna alla pagina iniziale' }).click();
    await page.getByRole('heading', { level: 1, name: 'Attività' }).waitFor();
    await page.goto('/direzione');
    await page.getByRole('heading', { level: 1, name: 'Accesso non consentito' }).waitFor();
    await signOut(page);
  });

  it('renews the access token before it expires: the work goes on past its 15 minutes', async () => {
    await page.clock.install();
    await page.goto('/');
    await signIn(page, 'anna.iii', PASSWORD);
    const renewals: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/refresh')) renewals.push(request.method());
    });
    await page.clock.fastForward('16:00');
    await page.getByRole('tab', { name: /Completate/ }).click();
    await page.getByText('Nessuna attività in questa vista.').waitFor();
    expect(renewals).toEqual(['POST']);
    expect(await page.getByRole('button', { name: 'Esci' }).isVisible()).toBe(true);
  });

  it('warns five minutes before the session ends, then asks to sign in again where the user was', async () => {
    // The session lasts 12 hours from the sign-in above.
    await page.clock.fastForward('11:40:00');
    await page.getByRole('alert').filter({ hasText: 'La sessione termina alle' }).waitFor();
    await page.clock.fastForward('06:00');
    await page.getByText('La sessione è scaduta: accedere di nuovo per continuare.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/attivita');
  });

  it('shows the administrator the menu of the engine work', async () => {
    const admin = await openBrowser(server.baseUrl);
    try {
      await signIn(admin.page, 'admin', TEST_ADMIN_PASSWORD);
      const menu = admin.page.getByRole('navigation', { name: 'Menu principale' });
      await menu.getByRole('link', { name: 'Carichi di lavoro' }).waitFor();
      expect(admin.problems).toEqual([]);
    } finally {
      await admin.close();
    }
  });
});
