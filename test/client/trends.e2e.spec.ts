import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';
import { addAccounts, PASSWORD, STAFF } from './accounts';
import { Browser, checkScreen, describeInBrowser, openBrowser, signIn } from './browser';

/**
 * The manager's «Andamento»: cases opened and closed and deadlines breached over the last
 * months and weeks, as a chart with its numbers in a table, narrowed to a unit, downloaded as
 * an Excel workbook. Cases are dated relative to today, as months of work would leave them.
 */
describeInBrowser('web client: trends of opened, closed and breached', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestApp();
    await addAccounts(server, STAFF);
    const db = server.app.get(DataSource);
    const [person] = await db.query(
      `INSERT INTO person (surname, name) VALUES ('Rizzo', 'Teresa') RETURNING id`,
    );
    // Unit III: two cases this month (one closed), one the month before; unit V: one this month.
    const cases: Array<[string, string, string, string | null]> = [
      ['SSC-III-2026-000901', 'III', `date_trunc('month', now()) + interval '1 hour'`, 'now()'],
      ['SSC-III-2026-000902', 'III', `date_trunc('month', now()) + interval '2 hours'`, null],
      [
        'SSC-III-2026-000903',
        'III',
        `date_trunc('month', now()) - interval '1 month' + interval '5 days'`,
        null,
      ],
      ['SSC-V-2026-000904', 'V', `date_trunc('month', now()) + interval '3 hours'`, null],
    ];
    for (const [number, unit, openedAt, closedAt] of cases) {
      await db.query(
        `INSERT INTO social_case (case_number, unit_code, person_id, status, opened_at, closed_at)
         VALUES ($1, $2, $3, $4, ${openedAt}, ${closedAt ?? 'NULL'})`,
        [number, unit, person.id, closedAt ? 'closed' : 'open'],
      );
    }
    // A deadline breached last month on the unit's third case.
    await db.query(
      `INSERT INTO case_deadline (case_id, kind, label, due_date, status)
       SELECT id, 'court-report', 'Relazione al Tribunale',
              (date_trunc('month', now()) - interval '1 month' + interval '10 days')::date, 'breached'
         FROM social_case WHERE case_number = 'SSC-III-2026-000903'`,
    );
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  it('shows the months as a chart and a table, narrows to a unit, switches to weeks, downloads Excel', async () => {
    await page.goto('/direzione/andamento');
    await signIn(page, 'dirigente', PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Andamento' }).waitFor();
    const chart = page.getByRole('img', { name: /^Grafico dell’andamento negli ultimi 12 mesi/ });
    await chart.locator('canvas').waitFor();
    expect(await chart.getAttribute('aria-label')).toBe(
      'Grafico dell’andamento negli ultimi 12 mesi: cartelle aperte 4, cartelle chiuse 1, ' +
        'scadenze superate 1. I numeri di ogni periodo sono nella tabella.',
    );
    const table = page.getByRole('table', { name: /Andamento mensile/ });
    const lastRows = async () =>
      Promise.all(
        (await table.locator('tbody tr').all())
          .slice(-2)
          .map(async (row) => (await row.locator('td, th').allInnerTexts()).map((t) => t.trim())),
      );
    expect((await lastRows()).map((cells) => cells.slice(1))).toEqual([
      ['1', '0', '1'],
      ['3', '1', '0'],
    ]);
    await checkScreen(page, 'direzione-andamento');

    await page.locator('#andamento-unita').selectOption('V');
    await page.getByRole('button', { name: 'Mostra' }).click();
    await page.waitForURL(/unita=V/);
    await chart.and(page.getByRole('img', { name: /cartelle aperte 1,/ })).waitFor();
    expect((await lastRows()).map((cells) => cells.slice(1))).toEqual([
      ['0', '0', '0'],
      ['1', '0', '0'],
    ]);

    await page.locator('#andamento-per').selectOption('week');
    await page.getByRole('button', { name: 'Mostra' }).click();
    const weeks = page.getByRole('table', { name: /Andamento settimanale/ });
    await weeks.locator('tbody tr').nth(25).waitFor();
    expect(await weeks.locator('tbody tr').count()).toBe(26);

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Scarica Excel dell’andamento' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('andamento-per-week.xlsx');
    const [sheet] = await readXlsxFile(readFileSync((await file.path())!));
    expect(sheet.data[0]).toEqual([
      'Settimana dal',
      'Cartelle aperte',
      'Cartelle chiuse',
      'Scadenze superate',
    ]);
    expect(sheet.data).toHaveLength(27);
    const opened = sheet.data.slice(1).reduce((sum, row) => sum + Number(row[1]), 0);
    expect(opened).toBe(1);
    await checkScreen(page, 'direzione-andamento-settimane');
  });
});
