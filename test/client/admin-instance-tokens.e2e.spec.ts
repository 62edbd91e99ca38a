import { Page } from 'playwright-core';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { bpmn, serviceTask } from '../engine/models';
import { Browser, checkScreen, describeInBrowser, openBrowser, signIn } from './browser';

/** Two branches that meet at «Verifica» without a gateway: it runs twice at once (Zeebe). */
const DOPPIO = bpmn(
  'adm-doppio',
  [
    { id: 'start', type: 'bpmn:startEvent' },
    { id: 'fork', type: 'bpmn:parallelGateway' },
    { id: 'relay', type: 'bpmn:manualTask' },
    serviceTask('verifica', 'adm-verifica'),
    { id: 'end', type: 'bpmn:endEvent' },
  ],
  [
    { id: 'f0', from: 'start', to: 'fork' },
    { id: 'direct', from: 'fork', to: 'verifica' },
    { id: 'toRelay', from: 'fork', to: 'relay' },
    { id: 'relayed', from: 'relay', to: 'verifica' },
    { id: 'f2', from: 'verifica', to: 'end' },
  ],
)
  .replace('name="adm-doppio"', 'name="Doppia verifica"')
  .replace('name="start"', 'name="Segnalazione"')
  .replace('name="fork"', 'name="Due canali"')
  .replace('name="relay"', 'name="Inoltro dal Segretariato"')
  .replace('name="verifica"', 'name="Verifica"')
  .replace('name="end"', 'name="Verificato"');

const CASE = 'SSC-IV-2026-000880';

/**
 * A step in progress twice (two tokens met there, as Zeebe runs them): the instance's screen
 * says how many times, in words and on the diagram.
 */
describeInBrowser('web client: a step in progress more than once', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: string;
  let key: string;

  const call = async (method: string, path: string, body?: unknown) =>
    server.request(method, `/api${path}`, { token: admin, body });

  beforeAll(async () => {
    server = await startTestApp();
    admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    expect((await call('POST', '/models', { name: 'doppio.bpmn', xml: DOPPIO })).status).toBe(201);
    const started = await call('POST', '/process-instances', {
      bpmnProcessId: 'adm-doppio',
      businessKey: CASE,
    });
    key = started.body.processInstanceKey;
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
    await signIn(page, 'admin', TEST_ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  it('the API and the instance’s screen say the step runs twice; the diagram marks it ×2', async () => {
    const instance = await call('GET', `/process-instances/${key}`);
    expect(instance.body).toMatchObject({
      activeElementIds: ['verifica'],
      repeatedActiveElements: { verifica: 2 },
    });
    await page.goto(`${server.baseUrl}/amministrazione/istanze/${key}`);
    await page.getByRole('heading', { level: 1, name: `Doppia verifica · ${CASE}` }).waitFor();
    expect(await page.getByTestId('posizione').textContent()).toBe(
      'In corso: «Verifica» (2 volte).',
    );
    const badge = page.locator('.diagram .instance-count');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('×2');
    expect(await badge.getAttribute('title')).toBe('2 volte in corso');
    await checkScreen(page, 'amministrazione-istanza-doppia');
  });
});
