import { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher';
import { chain } from '../engine/models';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { Browser, openBrowser, signIn } from './browser';

/**
 * The administrator in the browser: the modeler opens, a broken model is shown its problems
 * by "Verifica" and refused by "Pubblica", a good one is published; a running instance is
 * shown on its model with the active element marked.
 */
describe('web client: model editor and instance view', () => {
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

  async function importXml(xml: string): Promise<void> {
    const details = page.locator('details.import');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await page.locator('#xml-import').fill(xml);
    await page.getByRole('button', { name: 'Apri nel modeler' }).click();
  }

  it('is served at / with index.html for deep links and a strict CSP; /api stays the API', async () => {
    const deep = await fetch(`${server.baseUrl}/attivita/123`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = deep.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src-elem 'self'");
    expect(csp).toContain("style-src-attr 'unsafe-inline'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(await deep.text()).toContain('<main id="app">');
    const api = await server.request('GET', '/api/nope');
    expect(api).toMatchObject({ status: 404, body: { message: 'Risorsa non trovata.' } });
    expect((await server.request('POST', '/qualcosa')).status).toBe(404);
  });

  it('verifies and refuses a broken model, then publishes a good one', async () => {
    await page.waitForURL(/#\/modelli$/);
    await page.locator('.modeler .djs-container').waitFor();
    expect(await page.locator('.modeler [data-element-id="start"]').count()).toBe(1);

    // The flow's target is gone: the modeler opens it with a warning, the server refuses it.
    const broken = chain('percorso-rotto', ['a']).replace(
      /targetRef="[^"]+"/,
      'targetRef="nowhere"',
    );
    await importXml(broken);
    await page.getByText('Il modello è stato aperto con questi avvisi:').waitFor();
    // bpmn-js logs the element it could not draw; that one console error is expected.
    expect(browser.problems.splice(0)).toEqual([
      expect.stringMatching(/^failed to import <bpmn:SequenceFlow id="f1" \/>/),
    ]);
    await page.getByRole('button', { name: 'Verifica' }).click();
    await page.getByText('Il modello non può essere pubblicato:').waitFor();
    expect(await page.locator('.results ul.problems li').count()).toBeGreaterThan(0);

    await page.getByLabel('Nome del file').fill('percorso-rotto.bpmn');
    await page.getByRole('button', { name: 'Pubblica' }).click();
    await page.getByText('Il modello percorso-rotto.bpmn non può essere pubblicato.').waitFor();
    expect(await page.locator('.results ul.problems li').count()).toBeGreaterThan(0);
    const admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    const none = await server.request('GET', '/api/models?bpmnProcessId=percorso-rotto', {
      token: admin,
    });
    expect(none.body.total).toBe(0);

    await importXml(chain('percorso-buono', ['a']));
    await page.getByRole('button', { name: 'Verifica' }).click();
    await page.getByText('Nessun problema: il modello può essere pubblicato.').waitFor();
    await page.getByLabel('Nome del file').fill('percorso-buono.bpmn');
    await page.getByRole('button', { name: 'Pubblica' }).click();
    await page.getByText('Pubblicato: percorso-buono versione 1.').waitFor();
    const deployed = await server.request('GET', '/api/models?bpmnProcessId=percorso-buono', {
      token: admin,
    });
    expect(deployed.body.items).toEqual([
      expect.objectContaining({ bpmnProcessId: 'percorso-buono', version: 1 }),
    ]);

    // A deployed model opens in the modeler from the list.
    await page.locator('details.deployed summary').click();
    await page.getByRole('link', { name: 'percorso-buono v1' }).click();
    await page.getByRole('heading', { name: 'percorso-buono · versione 1' }).waitFor();
    await page.locator('.modeler [data-element-id="task1"]').waitFor();
  });

  it('shows a running intake on its model: the access sheet active, the start done', async () => {
    const db = server.app.get(DataSource);
    await db.query(
      `INSERT INTO account (username, display_name, role, unit_code, password_hash) VALUES ('front.iii', 'Sportello', 'front-office', 'III', $1)`,
      [await hashPassword('una-password-di-prova')],
    );
    const referral = await server.request('POST', '/api/referrals', {
      token: await server.login('front.iii', 'una-password-di-prova'),
      body: { channel: 'spontaneous', urgency: 'ordinary', requestText: 'Informazioni.' },
    });
    expect(referral.status).toBe(201);
    const key = referral.body.processInstanceKey as string;

    await page.getByRole('link', { name: 'Istanze' }).click();
    await page.getByRole('link', { name: key }).click();
    const active = page.locator(`.diagram [data-element-id="accessSheet"]`);
    await active.waitFor();
    expect(await active.getAttribute('class')).toMatch(/\bactive\b/);
    expect(
      await page.locator(`.diagram [data-element-id="received"]`).getAttribute('class'),
    ).toMatch(/\bdone\b/);
    expect(await page.locator('.diagram .djs-element.active').count()).toBe(1);
  });
});
