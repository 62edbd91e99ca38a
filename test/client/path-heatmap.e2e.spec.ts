import { Page } from 'playwright-core';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { triageModel } from '../stats/triage-model';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { addAccounts, PASSWORD, STAFF } from './accounts';
import { Browser, checkScreen, describeInBrowser, openBrowser, signIn, signOut } from './browser';

/**
 * The managers' heatmap of a path: three cases enter triage; two leave it after about two
 * seconds (one urgent, one not), one is still there. An administrator sets the step's
 * thresholds at 1 and 2 seconds (in hours, as the screen asks); the manager then sees triage
 * red on the diagram and in the table, and the gateway's exits at 50 % each.
 */
describeInBrowser('web client: where cases wait on a path (heatmap)', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestApp();
    await addAccounts(server, STAFF);
    const engine = server.app.get(ProcessEngine) as EmbeddedEngine;
    await engine.deploy([{ name: 'pf-triage-path.bpmn', content: triageModel() }]);
    for (const urgent of [true, false, false]) {
      await engine.createInstance({ bpmnProcessId: 'pf-triage-path', variables: { urgent } });
    }
    await engine.settle();
    const jobs = await engine.activateJobs({
      type: 'pf-triage',
      maxJobsToActivate: 10,
      timeoutMs: 60_000,
      worker: 'triage',
    });
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    for (const job of jobs.slice(0, 2)) await engine.completeJob(job.key);
    await engine.settle();
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  it('lets an administrator set a step’s thresholds, and the manager see it red on the diagram', async () => {
    await page.goto('/direzione/percorsi?percorso=pf-triage-path');
    await signIn(page, 'admin', TEST_ADMIN_PASSWORD);
    const triage = page.locator('tr[data-step="triage"]');
    await triage.waitFor();
    await triage.getByLabel('Gialla (ore): triage').fill('0.0003');
    await triage.getByLabel('Rossa (ore): triage').fill('0.0006');
    await triage.getByRole('button', { name: 'Salva le soglie di triage' }).click();
    await page.locator('tr[data-step="triage"][data-level="red"]').waitFor();
    await signOut(page);

    await page.goto('/direzione/percorsi');
    await signIn(page, 'dirigente', PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Dove attendono i casi' }).waitFor();
    await page.getByLabel('Percorso', { exact: true }).selectOption('pf-triage-path');
    await page.getByRole('button', { name: 'Mostra' }).click();
    const row = page.locator('tr[data-step="triage"][data-level="red"]');
    await row.waitFor();
    // Reached 3 times, 1 case still there; the manager reads the thresholds, cannot change them.
    expect(await row.locator('td').nth(1).innerText()).toBe('3');
    expect(await row.locator('td').nth(2).innerText()).toBe('1');
    expect(await row.getByText('oltre la soglia rossa').count()).toBe(1);
    expect(await page.getByRole('button', { name: /Salva le soglie/ }).count()).toBe(0);
    // On the diagram: the step marked red, its badge, and each exit of the gateway at 50 %.
    await page.locator('[data-element-id="triage"].heat-red').waitFor();
    await page
      .locator('[data-container-id="triage"] .heat-badge', { hasText: '1 in attesa' })
      .waitFor();
    expect(await page.locator('.heat-share', { hasText: '50%' }).count()).toBe(2);
    expect(await page.locator('tr[data-flow="a"] td').last().innerText()).toBe('50%');
    await checkScreen(page, 'direzione-percorsi');
  });
});
