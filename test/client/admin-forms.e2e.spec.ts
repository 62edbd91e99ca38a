import { Page } from 'playwright-core';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { PROVA_FORM, PROVA_NAME, provaModel } from './admin-models';
import { Browser, checkScreen, describeInBrowser, openBrowser, signIn } from './browser';

/**
 * The administrator's forms in the browser: the list with the models using each form, a form
 * opened in form-js's editor, a label changed, checked and published as a new version.
 */
describeInBrowser('web client: the administrator’s forms', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: string;

  beforeAll(async () => {
    server = await startTestApp();
    admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    for (const [path, body] of [
      ['/api/forms', { name: 'colloquio.form', schema: PROVA_FORM }],
      ['/api/models', { name: 'prova.bpmn', xml: provaModel() }],
    ] as const) {
      expect((await server.request('POST', path, { token: admin, body })).status).toBe(201);
    }
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
    await signIn(page, 'admin', TEST_ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  const versions = async () =>
    (await server.request('GET', `/api/forms/${PROVA_FORM.id}/versions`, { token: admin })).body
      .items as Array<{ version: number; deployedBy: string }>;

  it('lists the forms with the models and user tasks that link each', async () => {
    await page
      .getByRole('navigation', { name: 'Menu principale' })
      .getByRole('link', { name: 'Moduli' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Moduli' }).waitFor();
    const row = page.locator(`tr[data-form="${PROVA_FORM.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(
      `${PROVA_NAME} (versione 1): Colloquio con la persona`,
    );
    await page.getByLabel('Cerca').fill('colloqui di prova');
    await page.getByText('Moduli: 1 di').waitFor();
    await checkScreen(page, 'amministrazione-moduli');
  });

  it('opens a form in the editor, changes a label, checks and publishes it as version 2', async () => {
    await page.getByRole('link', { name: PROVA_FORM.id, exact: true }).click();
    await page
      .getByRole('heading', { level: 1, name: `Modulo ${PROVA_FORM.id} · versione 1` })
      .waitFor();
    await page.locator('.form-editor .fjs-editor-container').waitFor();
    expect(await page.locator('#usato-da').textContent()).toContain(
      `${PROVA_NAME} (versione 1): Colloquio con la persona`,
    );
    await checkScreen(page, 'amministrazione-modulo');

    await page.locator('.form-editor .fjs-element[data-id="Field_esito"]').click();
    const panel = page.locator('.form-editor .fjs-properties-panel');
    await panel
      .locator('.bio-properties-panel-header-label', { hasText: 'Esito del colloquio' })
      .waitFor();
    await panel
      .locator('[data-group-id="group-general"] .bio-properties-panel-group-header')
      .click();
    await panel.locator('#bio-properties-panel-label').fill('Esito dell’incontro');
    await page
      .locator('.form-editor .fjs-element[data-id="Field_esito"] .fjs-form-field-label')
      .first()
      .filter({ hasText: 'Esito dell’incontro' })
      .waitFor();
    await page.getByText('Modifiche non pubblicate').waitFor();

    await page.getByRole('button', { name: 'Verifica' }).click();
    await page
      .getByText(`Nessun problema: il modulo «${PROVA_FORM.id}» può essere pubblicato.`)
      .waitFor();
    await page.getByRole('button', { name: 'Pubblica' }).click();
    await page.getByText(`Pubblicata la versione 2 del modulo «${PROVA_FORM.id}».`).waitFor();
    await page
      .getByRole('heading', { level: 1, name: `Modulo ${PROVA_FORM.id} · versione 2` })
      .waitFor();
    expect(await versions()).toEqual([
      expect.objectContaining({ version: 2, deployedBy: 'Amministratore' }),
      expect.objectContaining({ version: 1 }),
    ]);
    const latest = await server.request('GET', `/api/forms/${PROVA_FORM.id}`, { token: admin });
    expect(latest.body.schema.components[0].label).toBe('Esito dell’incontro');
    expect(await page.getByTestId('versioni-modulo').locator('li').count()).toBe(2);

    // Publishing again without a change creates nothing.
    await page.getByRole('button', { name: 'Pubblica' }).click();
    await page
      .getByText(
        `Nessuna modifica da pubblicare: il modulo «${PROVA_FORM.id}» è già la versione 2.`,
      )
      .waitFor();
    expect((await versions()).length).toBe(2);
  });

  it('refuses a form the server cannot check, saying why; leaving asks first', async () => {
    await page.getByRole('link', { name: 'Moduli', exact: true }).first().click();
    await page.getByRole('link', { name: 'Nuovo modulo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nuovo modulo' }).waitFor();
    await page.locator('.form-editor .fjs-editor-container').waitFor();
    // A computed field, which the server cannot check: refused.
    const from = (await page
      .locator('.form-editor .fjs-palette-field[data-field-type="expression"]')
      .boundingBox())!;
    const to = (await page
      .locator('.form-editor .fjs-element[data-id="Field_note"]')
      .boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height - 4, { steps: 12 });
    await page.mouse.up();
    await page.locator('.form-editor .fjs-element[data-field-type="expression"]').waitFor();
    await page.getByRole('button', { name: 'Verifica' }).click();
    const problems = page.getByTestId('problemi-modulo');
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/calcolati \(expression\)/);
    await checkScreen(page, 'amministrazione-modulo-nuovo');

    await page.getByLabel('Nome del file').fill('due-parole.form');
    await page.getByRole('button', { name: 'Pubblica' }).click();
    await page.getByText('Il modulo due-parole.form non può essere pubblicato.').waitFor();

    await page
      .getByRole('navigation', { name: 'Menu principale' })
      .getByRole('link', { name: 'Moduli' })
      .click();
    await page.getByRole('dialog', { name: 'Uscire senza pubblicare?' }).waitFor();
    await page.getByRole('button', { name: 'Esci senza pubblicare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Moduli' }).waitFor();
  });
});
