import { Page } from 'playwright-core';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { addAccounts, PASSWORD } from './accounts';
import { PROVA_FORM, PROVA_ID, PROVA_NAME, provaModel } from './admin-models';
import { Browser, checkScreen, describeInBrowser, openBrowser, signIn } from './browser';

/**
 * The administrator's models in the browser: the list of paths with versions and authors as
 * home, Camunda's properties panel editing a candidate group and a timer, "Verifica" showing a
 * lint problem on its element, the question before leaving unpublished edits, a publication
 * that creates version 2 by its author, and the two versions compared.
 */
describeInBrowser('web client: the administrator’s models', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: string;

  beforeAll(async () => {
    server = await startTestApp();
    await addAccounts(server, [
      { username: 'giulia.admin', displayName: 'Giulia Amministratrice', role: 'admin' },
    ]);
    admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    const form = await server.request('POST', '/api/forms', {
      token: admin,
      body: { name: 'colloquio.form', schema: PROVA_FORM },
    });
    expect(form.status).toBe(201);
    const deployed = await server.request('POST', '/api/models', {
      token: admin,
      body: { name: 'prova.bpmn', xml: provaModel() },
    });
    expect(deployed.status).toBe(201);
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  const canvas = () => page.locator('.modeler-canvas');
  const element = (id: string) => canvas().locator(`.djs-element[data-element-id="${id}"]`);
  const group = (id: string) => page.locator(`.modeler-panel [data-group-id="group-${id}"]`);
  /** Opens a group of the properties panel (closed ones show only their header). */
  const openGroup = async (id: string) => {
    const header = group(id).locator('.bio-properties-panel-group-header');
    if (!((await header.getAttribute('class')) ?? '').includes('open')) await header.click();
  };
  const versions = async () =>
    (await server.request('GET', `/api/models?bpmnProcessId=${PROVA_ID}`, { token: admin })).body
      .items as Array<{ key: string; version: number; deployedBy: string }>;

  it('starts the administrator’s day on the models: each path by name, its versions, who published each', async () => {
    await page.goto('/');
    await signIn(page, 'giulia.admin', PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Modelli dei percorsi' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/amministrazione/modelli');
    const row = page.locator(`tr[data-model="${PROVA_ID}"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(
      new RegExp(`${PROVA_NAME}.*versione 1 · Amministratore`),
    );
    // The shipped paths are there by name, published by Percorsi.
    expect(await page.locator('tr[data-model="segretariato-intake"]').textContent()).toContain(
      'Percorsi',
    );
    await checkScreen(page, 'amministrazione-modelli');

    await row.getByRole('link', { name: PROVA_NAME }).click();
    await page.getByRole('heading', { level: 1, name: PROVA_NAME }).waitFor();
    expect(await page.locator('tr[data-version="1"]').textContent()).toContain('prova.bpmn');
    await checkScreen(page, 'amministrazione-modello');
  });

  it('edits a user task’s candidate group and a timer’s duration in the properties panel', async () => {
    await page.getByRole('link', { name: 'Apri l’ultima versione' }).click();
    await page.getByRole('heading', { level: 1, name: `${PROVA_NAME} · versione 1` }).waitFor();
    await element('colloquio').waitFor();
    // Italian palette and panel.
    expect(await page.locator('.djs-palette [aria-label="Crea un’attività"]').count()).toBe(1);

    await element('colloquio').click();
    await openGroup('assignmentDefinition');
    const groups = page.getByLabel('Gruppi candidati');
    expect(await groups.inputValue()).toBe('caseworker');
    await groups.fill('coordinator');
    // A FEEL expression opens the panel's FEEL editor (CodeMirror, its styles under the CSP).
    await page.getByLabel('Scadenza').fill('=now() + duration("P3D")');
    await page.locator('.modeler-panel .cm-editor').first().waitFor();

    await element('attesa').click();
    await openGroup('timer');
    expect(await group('timer').getByLabel('Tipo').inputValue()).toBe('timeDuration');
    const value = group('timer').getByLabel('Valore');
    expect(await value.inputValue()).toBe('PT48H');
    await value.fill('PT72H');
    await page.getByText('Modifiche non pubblicate').waitFor();
  });

  it('asks before leaving unpublished edits by the menu, and stays when told to', async () => {
    await page
      .getByRole('navigation', { name: 'Menu principale' })
      .getByRole('link', { name: 'Utenti' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Uscire senza pubblicare?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('modifiche non pubblicate');
    await dialog.getByRole('button', { name: 'Resta qui' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe(`/amministrazione/modelli/${PROVA_ID}/versioni/1`);
    expect(await page.getByLabel('Gruppi candidati').count()).toBe(0);
    await element('colloquio').click();
    expect(await page.getByLabel('Gruppi candidati').inputValue()).toBe('coordinator');
  });

  it('"Verifica" shows a lint problem in the list and on its element; the problem selects it', async () => {
    await element('invio').click();
    await openGroup('taskDefinition');
    await group('taskDefinition').getByLabel('Tipo di job').fill('');
    await page.getByRole('button', { name: 'Verifica' }).click();
    const problem = page.locator('[data-testid="problemi-error"] li[data-element="invio"]');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(
      /^riga \d+, colonna \d+: «Invio all’ufficio» \(invio\): /,
    );

    // On the diagram: a button in the tab order, named, whose message shows on focus.
    const badge = canvas().locator('.lint-badge[data-lint-element="invio"]');
    expect(
      await canvas().getByRole('button', { name: 'Problema su «Invio all’ufficio»' }).count(),
    ).toBe(1);
    expect(await element('invio').getAttribute('class')).toMatch(/\blint-error\b/);
    await badge.focus();
    const tip = canvas().locator('#lint-invio');
    await tip.waitFor({ state: 'visible' });
    expect(await tip.textContent()).toBe(
      (await problem.textContent())!
        .replace(/^riga \d+, colonna \d+: /, '')
        .replace(/ \(regola [^)]+\)$/, ''),
    );

    await element('fine').click();
    await problem.getByRole('button').click();
    expect(await element('invio').getAttribute('class')).toMatch(/\bselected\b/);
    await checkScreen(page, 'amministrazione-modeler');

    await openGroup('taskDefinition');
    await group('taskDefinition').getByLabel('Tipo di job').fill('adm-invio');
    await page.getByRole('button', { name: 'Verifica' }).click();
    await page.getByText('Nessun problema: il modello può essere pubblicato.').waitFor();
    expect(await canvas().locator('.lint-badge').count()).toBe(0);
  });

  it('publishes: says which version it created, opens it, lists it with its author', async () => {
    await page.getByRole('button', { name: 'Pubblica' }).click();
    await page.getByText(`Pubblicata la versione 2 di «${PROVA_NAME}».`).waitFor();
    await page.getByRole('heading', { level: 1, name: `${PROVA_NAME} · versione 2` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/amministrazione/modelli/${PROVA_ID}/versioni/2`);

    const [second, first] = await versions();
    expect([second.version, second.deployedBy, first.deployedBy]).toEqual([
      2,
      'Giulia Amministratrice',
      'Amministratore',
    ]);
    const xml = (await server.request('GET', `/api/models/${second.key}/xml`, { token: admin }))
      .body as string;
    expect(xml).toContain('candidateGroups="coordinator"');
    expect(xml).toMatch(/<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT72H</);
    expect(xml).toContain('type="adm-invio"');
    expect(xml).toContain('dueDate="=now() + duration(&#34;P3D&#34;)"');

    await page.getByRole('link', { name: `Versioni di ${PROVA_NAME}` }).click();
    await page.getByRole('heading', { level: 1, name: PROVA_NAME }).waitFor();
    expect(await page.locator('tr[data-version="2"]').textContent()).toContain(
      'Giulia Amministratrice',
    );
    expect(await page.locator('tr[data-version="1"]').textContent()).toContain('Amministratore');
  });

  it('compares the two versions: the changes listed and marked on the diagrams', async () => {
    await page.getByRole('button', { name: 'Confronta' }).click();
    await page
      .getByRole('heading', { level: 1, name: `${PROVA_NAME}: versione 1 e versione 2` })
      .waitFor();
    const changed = page.locator('.diff-list > li[data-element="colloquio"]');
    await changed.waitFor();
    expect(await changed.getAttribute('data-change')).toBe('changed');
    expect(await changed.textContent()).toContain('Gruppi candidati: caseworker → coordinator');
    expect(await page.locator('.diff-list > li[data-element="attesa"]').textContent()).toContain(
      'Timer (durata): PT48H → PT72H',
    );
    expect(await page.locator('.diff-list > li').count()).toBe(2);
    const after = page.locator('.diagram[data-version="2"]');
    expect(
      await after.locator('.djs-element[data-element-id="colloquio"]').getAttribute('class'),
    ).toMatch(/\bdiff-changed\b/);
    expect(
      await page
        .locator('.diagram[data-version="1"] .djs-element[data-element-id="attesa"]')
        .getAttribute('class'),
    ).toMatch(/\bdiff-changed\b/);
    expect(await after.locator('.diff-badge.is-changed').count()).toBe(2);
    await checkScreen(page, 'amministrazione-modello-confronto');
  });

  it('asks before closing the tab with unpublished edits; leaves when told to', async () => {
    await page.getByRole('link', { name: `Versioni di ${PROVA_NAME}` }).click();
    await page.locator('tr[data-version="2"]').getByRole('link', { name: 'versione 2' }).click();
    await element('colloquio').click();
    await openGroup('assignmentDefinition');
    await page.getByLabel('Gruppi candidati').fill('caseworker, coordinator');
    await page.getByText('Modifiche non pubblicate').waitFor();

    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.dismiss();
      }),
    );
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);

    await page
      .getByRole('navigation', { name: 'Menu principale' })
      .getByRole('link', { name: 'Utenti' })
      .click();
    await page.getByRole('button', { name: 'Esci senza pubblicare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Utenti' }).waitFor();
    expect((await versions()).length).toBe(2);
  });

  it('opens a new model; a pasted model that cannot be drawn opens with warnings and is refused', async () => {
    await page
      .getByRole('navigation', { name: 'Menu principale' })
      .getByRole('link', { name: 'Modelli' })
      .click();
    await page.getByRole('link', { name: 'Nuovo modello' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nuovo modello' }).waitFor();
    await element('start').waitFor();

    const broken = provaModel()
      .replaceAll(PROVA_ID, 'adm-rotto')
      .replace('targetRef="fine"', 'targetRef="altrove"');
    await page.getByLabel('Testo BPMN (XML)').fill(broken);
    await page.getByRole('button', { name: 'Apri nel modeler' }).click();
    await page.getByText('Il modello è stato aperto con questi avvisi').waitFor();
    // bpmn-js logs the flow it could not draw: that one console error is expected.
    expect(browser.problems.splice(0)).toEqual([
      expect.stringMatching(/^failed to import <bpmn:SequenceFlow id="f3" \/>/),
    ]);
    await page.getByLabel('Nome del file').fill('rotto.bpmn');
    await page.getByRole('button', { name: 'Pubblica' }).click();
    await page.getByText('Il modello rotto.bpmn non può essere pubblicato.').waitFor();
    expect(await page.locator('[data-testid="problemi-error"] li').count()).toBeGreaterThan(0);
    expect(
      (await server.request('GET', '/api/models?bpmnProcessId=adm-rotto', { token: admin })).body
        .total,
    ).toBe(0);

    // Leaving now asks too; the edits are given up.
    await page.getByRole('link', { name: 'Modelli', exact: true }).first().click();
    await page.getByRole('button', { name: 'Esci senza pubblicare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Modelli dei percorsi' }).waitFor();
  });
});
