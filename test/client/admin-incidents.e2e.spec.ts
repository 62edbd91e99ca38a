import { Page } from 'playwright-core';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { bpmn, serviceTask } from '../engine/models';
import { Browser, checkScreen, describeInBrowser, openBrowser, signIn } from './browser';

/** start → a service task for the INPS worker the test drives → end. */
const GUASTO = bpmn(
  'adm-guasto',
  [
    { id: 'start', type: 'bpmn:startEvent' },
    serviceTask('invio', 'adm-inps'),
    { id: 'end', type: 'bpmn:endEvent' },
  ],
  [
    { id: 'f1', from: 'start', to: 'invio' },
    { id: 'f2', from: 'invio', to: 'end' },
  ],
)
  .replace('name="adm-guasto"', 'name="Comunicazione all’INPS"')
  .replace('name="start"', 'name="Dati pronti"')
  .replace('name="invio"', 'name="Invio all’INPS"')
  .replace('name="end"', 'name="Comunicato"');

const FAILING_CASE = 'SSC-III-2026-000777';
const WAITING_CASE = 'SSC-III-2026-000778';
const OTHER_UNIT_CASE = 'SSC-V-2026-000779';

/**
 * The administrator's incidents and instances in the browser: a job failed to 0 retries is an
 * incident listed with its path, case, step and error, marked on the instance's diagram;
 * "Riprova" lets the worker complete it and the instance goes on; the instance list filters by
 * path, state, unit, incidents and start; cancelling an instance asks first, naming the case.
 */
describeInBrowser('web client: the administrator’s incidents and instances', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: string;
  let worker: string;
  const keys: Record<string, string> = {};

  const call = async (method: string, path: string, body?: unknown, token = admin) =>
    server.request(method, `/api${path}`, { token, body });
  /** Job commands are an external program's (role worker). */
  const work = (method: string, path: string, body?: unknown) => call(method, path, body, worker);
  /** The worker takes the INPS jobs waiting for it. */
  const activate = async () =>
    (
      await work('POST', '/jobs/activate', {
        type: 'adm-inps',
        maxJobs: 10,
        timeoutMs: 60_000,
        worker: 'adm-worker',
      })
    ).body.jobs as Array<{ key: string; processInstanceKey: string }>;
  const stateOf = async (key: string) =>
    (await call('GET', `/process-instances/${key}`)).body.state as string;

  beforeAll(async () => {
    server = await startTestApp();
    admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    worker = await server.workerLogin();
    expect((await call('POST', '/models', { name: 'guasto.bpmn', xml: GUASTO })).status).toBe(201);
    for (const businessKey of [FAILING_CASE, WAITING_CASE, OTHER_UNIT_CASE]) {
      const started = await call('POST', '/process-instances', {
        bpmnProcessId: 'adm-guasto',
        businessKey,
      });
      keys[businessKey] = started.body.processInstanceKey;
    }
    const job = (await activate()).find((j) => j.processInstanceKey === keys[FAILING_CASE])!;
    const failed = await work('POST', `/jobs/${job.key}/fail`, {
      retries: 0,
      errorMessage: 'INPS non raggiungibile',
    });
    expect(failed.status).toBe(204);
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
    await signIn(page, 'admin', TEST_ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  const menu = (name: string) =>
    page
      .getByRole('navigation', { name: 'Menu principale' })
      .getByRole('link', { name, exact: true })
      .click();

  it('lists the incident with its path, case number, step, error and since when', async () => {
    await menu('Incidenti');
    await page.getByRole('heading', { level: 1, name: 'Incidenti' }).waitFor();
    const row = page.locator('tr[data-incident]');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    const text = await row.textContent();
    for (const expected of [
      FAILING_CASE,
      'Comunicazione all’INPS',
      'Invio all’INPS',
      'INPS non raggiungibile',
      'tentativi rimasti: 0',
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{2}, \d{2}:\d{2}/);
    await checkScreen(page, 'amministrazione-incidenti');
  });

  it('shows the instance’s diagram with the failed step marked; "Riprova" lets the instance go on', async () => {
    await page.getByRole('link', { name: FAILING_CASE }).click();
    await page
      .getByRole('heading', { level: 1, name: `Comunicazione all’INPS · ${FAILING_CASE}` })
      .waitFor();
    const step = page.locator('.diagram .djs-element[data-element-id="invio"]');
    await step.waitFor();
    expect(await step.getAttribute('class')).toMatch(/\bincident\b/);
    expect(
      await page.locator('.diagram .djs-element[data-element-id="start"]').getAttribute('class'),
    ).toMatch(/\bdone\b/);
    expect(await page.getByTestId('posizione').textContent()).toBe('In corso: «Invio all’INPS».');
    const card = page.locator('[data-incident]');
    expect(await card.textContent()).toContain('INPS non raggiungibile');
    await checkScreen(page, 'amministrazione-istanza');

    await card.getByRole('button', { name: 'Riprova «Invio all’INPS»' }).click();
    await page.getByText('Incidente risolto: il passo «Invio all’INPS» viene ritentato.').waitFor();
    await page.getByText('Nessun incidente aperto.').waitFor();
    expect(
      await page.locator('.diagram .djs-element[data-element-id="invio"]').getAttribute('class'),
    ).not.toMatch(/\bincident\b/);

    // The worker gets the job again and completes it: the instance goes on to its end.
    const again = (await activate()).find((j) => j.processInstanceKey === keys[FAILING_CASE])!;
    expect((await work('POST', `/jobs/${again.key}/complete`)).status).toBe(204);
    expect(await stateOf(keys[FAILING_CASE])).toBe('COMPLETED');
    await page.reload();
    await page.getByTestId('stato-istanza').filter({ hasText: 'Conclusa' }).waitFor();
    expect(
      await page.locator('.diagram .djs-element[data-element-id="end"]').getAttribute('class'),
    ).toMatch(/\bdone\b/);
    expect(await page.getByRole('button', { name: 'Annulla l’istanza' }).count()).toBe(0);
  });

  it('filters the instances by path, state, unit, incidents and start', async () => {
    await menu('Istanze');
    await page.getByRole('heading', { level: 1, name: 'Istanze dei percorsi' }).waitFor();
    const rows = page.locator('tbody tr[data-instance]');
    const cases = async () =>
      (await rows.allTextContents()).map((t) => /SSC-[IVX]+-\d{4}-\d{6}/.exec(t)?.[0]);
    /** The listed cases once the list shows them (it redraws after each "Filtra"). */
    const listed = async (expected: string[]) => {
      const until = Date.now() + 10_000;
      let seen = await cases();
      while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < until) {
        await page.waitForTimeout(100);
        seen = await cases();
      }
      return seen;
    };
    await page.getByLabel('Percorso').selectOption({ label: 'Comunicazione all’INPS' });
    await page.getByRole('button', { name: 'Filtra' }).click();
    expect(await listed([OTHER_UNIT_CASE, WAITING_CASE, FAILING_CASE])).toEqual([
      OTHER_UNIT_CASE,
      WAITING_CASE,
      FAILING_CASE,
    ]);

    await page.getByLabel('Stato').selectOption('ACTIVE');
    await page.getByLabel('Unità territoriale').selectOption('III');
    await page.getByRole('button', { name: 'Filtra' }).click();
    expect(await listed([WAITING_CASE])).toEqual([WAITING_CASE]);
    expect(new URL(page.url()).search).toBe('?bpmnProcessId=adm-guasto&state=ACTIVE&unitCode=III');
    await checkScreen(page, 'amministrazione-istanze');

    await page.getByLabel('Stato').selectOption('');
    await page.getByLabel('Unità territoriale').selectOption('');
    await page.getByLabel('Incidenti').selectOption('true');
    await page.getByRole('button', { name: 'Filtra' }).click();
    await page.getByText('Nessuna istanza con questi filtri.').waitFor();

    await page.getByLabel('Incidenti').selectOption('');
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Rome' });
    await page.getByLabel('Avviate dal').fill(today);
    await page.getByLabel('Avviate fino al').fill(today);
    await page.getByRole('button', { name: 'Filtra' }).click();
    expect(await listed([OTHER_UNIT_CASE, WAITING_CASE, FAILING_CASE])).toEqual([
      OTHER_UNIT_CASE,
      WAITING_CASE,
      FAILING_CASE,
    ]);
    await page.getByLabel('Avviate fino al').fill('2020-01-31');
    await page.getByLabel('Avviate dal').fill('2020-01-01');
    await page.getByRole('button', { name: 'Filtra' }).click();
    await page.getByText('Nessuna istanza con questi filtri.').waitFor();
  });

  it('cancels an instance only after a question naming its case number', async () => {
    await page.getByRole('button', { name: 'Tutte' }).click();
    await page.getByRole('link', { name: WAITING_CASE }).click();
    await page
      .getByRole('heading', { level: 1, name: `Comunicazione all’INPS · ${WAITING_CASE}` })
      .waitFor();
    await page.getByRole('button', { name: 'Annulla l’istanza' }).click();
    const dialog = page.getByRole('dialog', { name: 'Annullare l’istanza?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(WAITING_CASE);
    await checkScreen(page, 'amministrazione-istanza-annulla');
    await dialog.getByRole('button', { name: 'Non annullare' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await stateOf(keys[WAITING_CASE])).toBe('ACTIVE');

    await page.getByRole('button', { name: 'Annulla l’istanza' }).click();
    await dialog.getByRole('button', { name: 'Annulla l’istanza' }).click();
    await page.getByText(`Istanza annullata: Comunicazione all’INPS, ${WAITING_CASE}.`).waitFor();
    await page.getByTestId('stato-istanza').filter({ hasText: 'Annullata' }).waitFor();
    expect(await stateOf(keys[WAITING_CASE])).toBe('CANCELED');
  });
});
