import { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';
import { Browser, openBrowser, signIn } from './browser';

const PASSWORD = 'una-password-di-prova';

/**
 * The caseworker's day in the browser, against the real app with the shipped intake: a
 * referral's access sheet in the unit's queue (overdue: the engine's clock is months behind
 * the browser's), claimed, filled in, refused by the browser, then by the server, then
 * accepted; the case it opened seen by the coordinator.
 */
describe('web client: tasklist, task form and case file', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;
  let referralNumber: string;

  beforeAll(async () => {
    const clock = new TestClock('2026-03-02T09:00:00.000Z');
    server = await startTestApp({}, undefined, { engine: { clock: clock.now } });
    const db = server.app.get(DataSource);
    const hash = await hashPassword(PASSWORD);
    for (const [username, role] of [
      ['front.iii', 'front-office'],
      ['anna.iii', 'caseworker'],
      ['coord.iii', 'coordinator'],
    ]) {
      await db.query(
        `INSERT INTO account (username, display_name, role, unit_code, password_hash) VALUES ($1, $2, $3, 'III', $4)`,
        [username, `Utente ${username}`, role, hash],
      );
    }
    await db.query(
      `INSERT INTO account (username, display_name, role, unit_code, password_hash) VALUES ('dirigente', 'La dirigente', 'manager', NULL, $1)`,
      [hash],
    );
    const referral = await server.request('POST', '/api/referrals', {
      token: await server.login('front.iii', PASSWORD),
      body: {
        channel: 'line-114',
        urgency: 'urgent',
        senderName: 'Servizio 114',
        requestText: 'Minore solo in casa.',
      },
    });
    expect(referral.status).toBe(201);
    referralNumber = referral.body.referralNumber;
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  /** form-js draws selects as its own drop-down: open it and pick the option (labels of required fields end in *). */
  async function choose(label: string, option: string): Promise<void> {
    const field = page
      .locator('.fjs-form-field')
      .filter({ has: page.locator('label', { hasText: label }) });
    await field.locator('.fjs-input-group').click();
    await field.locator('.fjs-dropdownlist-item', { hasText: option }).click();
  }

  it('sends an anonymous visitor to the login, and refuses a wrong password in Italian', async () => {
    await page.goto('/#/attivita');
    await page.waitForURL(/#\/accesso$/);
    await page.getByLabel('Nome utente').fill('anna.iii');
    await page.getByLabel('Password').fill('sbagliata');
    await page.getByRole('button', { name: 'Entra' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/credenziali|password|utente/i);
    expect(await page.evaluate('localStorage.length')).toBe(0);
  });

  it('shows the access sheet in the unit’s queue, overdue; claims it', async () => {
    await signIn(page, 'anna.iii', PASSWORD);
    expect(await page.evaluate('Object.keys(sessionStorage)')).toEqual(['percorsi.token']);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    await page.getByRole('tab', { name: 'Da prendere in carico' }).click();
    await page.getByLabel('Numero del caso o della segnalazione').fill(referralNumber);
    await page.getByRole('button', { name: 'Filtra' }).click();
    const row = page.locator('tr', { hasText: 'Compilare la scheda di accesso' });
    await row.locator('.badge').waitFor();
    expect(await row.locator('.badge').textContent()).toBe('scaduta');
    expect(await row.getAttribute('class')).toBe('overdue');
    expect(await row.textContent()).toContain(referralNumber);
    // Tabs of a caseworker: no unit-wide view.
    expect(await page.getByRole('tab').allTextContents()).toEqual([
      'Le mie attività',
      'Da prendere in carico',
    ]);

    await row.getByRole('button', { name: 'Prendi in carico' }).click();
    await page.getByText('Presa in carico: Compilare la scheda di accesso.').waitFor();
    await page.getByRole('tab', { name: 'Le mie attività' }).click();
    await page
      .locator('tr', { hasText: 'Compilare la scheda di accesso' })
      .getByRole('button', { name: 'Rilascia' })
      .waitFor();
  });

  it('fills in the form: refused by the browser, then by the server per field, then completed', async () => {
    await page.getByRole('link', { name: 'Compilare la scheda di accesso' }).click();
    await page.getByRole('heading', { name: 'Compilare la scheda di accesso' }).waitFor();
    await page.locator('.fjs-form').waitFor();

    // Nothing filled in: form-js marks the required fields and nothing is sent.
    await page.getByRole('button', { name: 'Completa' }).click();
    await page.getByText('Correggere i campi segnalati nel modulo.').waitFor();
    expect(await page.locator('.fjs-form-field-error').count()).toBeGreaterThan(3);

    await page.getByLabel('Data di accesso').fill('02/03/2026');
    await page.keyboard.press('Enter');
    await page.getByLabel('Accesso spontaneo').check();
    await page.getByLabel('Cognome').fill('Verdi');
    await page.getByLabel(/^Nome/).fill('Paolo');
    await page.getByLabel('Domanda espressa').fill('Verifica della situazione del minore.');
    await choose('Area di utenza (ISTAT)', 'Famiglia e minori');
    await page.getByLabel('Familiare', { exact: true }).check();
    await page.getByLabel("Invio all'assistente sociale per presa in carico").check();
    await choose('Percorso da aprire', 'Minori e famiglia');

    // A value the browser cannot produce, sent once: the server's per-field answer is shown.
    await page.route(
      '**/api/tasks/*/complete',
      async (route) => {
        const body = route.request().postDataJSON();
        body.variables.reasons = ['weather'];
        await route.continue({ postData: JSON.stringify(body) });
      },
      { times: 1 },
    );
    await page.getByRole('button', { name: 'Completa' }).click();
    const problem = page.locator('ul.problems li[data-field="reasons"]');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/^Motivo: Valore non ammesso/);

    await page.getByRole('button', { name: 'Completa' }).click();
    await page.waitForURL(/#\/attivita$/);
    await page.getByText('Attività completata: Compilare la scheda di accesso.').waitFor();
    await page.getByText('Nessuna attività.').waitFor();
  });

  it('shows the coordinator the case the sheet opened, with its timeline', async () => {
    await page.getByRole('button', { name: 'Esci' }).click();
    await signIn(page, 'coord.iii', PASSWORD);
    await page.getByRole('tab', { name: 'Tutta l’unità' }).click();
    const row = page.locator('tr', { hasText: 'Assegnare il case manager' });
    const caseLink = row.getByRole('link', { name: /^SSC-III-/ });
    const caseNumber = (await caseLink.textContent())!;
    await caseLink.click();
    await page.getByRole('heading', { name: `${caseNumber} · Verdi Paolo` }).waitFor();
    await page.getByRole('heading', { name: 'Dove si trova il caso' }).waitFor();
    expect(await page.locator('ol.timeline li').count()).toBeGreaterThan(0);
    // The minors path waits in its take-in-charge call: that step is marked on the diagram.
    const active = page.locator('[data-process-instance] .djs-element.active');
    await active.first().waitFor();
    expect(await active.getAttribute('data-element-id')).toBe('takeInCharge');
  });

  it('shows the manager the units’ caseloads, counts only', async () => {
    await page.getByRole('button', { name: 'Esci' }).click();
    await signIn(page, 'dirigente', PASSWORD);
    await page.waitForURL(/#\/carichi$/);
    await page.getByRole('heading', { name: 'Carichi di lavoro delle unità' }).waitFor();
    const unitIII = page.locator('tr[data-unit="III"] td');
    // The case the access sheet opened, and the coordinator's open assignment task.
    expect(await unitIII.nth(1).textContent()).toBe('1');
    expect(await unitIII.nth(2).textContent()).toBe('1');
    expect(await page.locator('tr[data-unit]').count()).toBe(8);
    // No names, no case numbers on the manager's screen.
    expect(await page.locator('main, #app').first().textContent()).not.toMatch(/SSC-|Verdi/);
  });
});
