import { readFileSync } from 'node:fs';
import { Locator, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { addCalendarDays, romeDateOf } from '../../src/deadlines/calendar';
import { DeadlineEscalation } from '../../src/deadlines/deadline-escalation';
import { deadlineDueInstant } from '../../src/deadlines/deadline-time';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { bpmn, Node, serviceTask } from '../engine/models';
import { startTestApp, TestApp } from '../support/test-app';
import { addAccounts, PASSWORD, STAFF } from './accounts';
import { Browser, checkScreen, describeInBrowser, openBrowser, signIn, signOut } from './browser';

const headers = (values: Record<string, string>) =>
  `<zeebe:taskHeaders>${Object.entries(values)
    .map(([key, value]) => `<zeebe:header key="${key}" value="${value}" />`)
    .join('')}</zeebe:taskHeaders>`;

/** The inline models name elements by their ids: a person reads names. */
const named = (xml: string, names: Record<string, string>) =>
  Object.entries(names).reduce(
    (text, [id, name]) => text.split(`name="${id}"`).join(`name="${name}"`),
    xml,
  );

const COURT_REPORT = {
  kind: 'court-report',
  label: 'Relazione al Tribunale per i Minorenni',
  legalBasis: 'L. 184/1983 art. 5-bis',
  maxExtensions: '1',
};
const FIRST_MEETING = {
  kind: 'adi-first-meeting',
  label: 'Primo incontro al servizio sociale',
  legalBasis: 'DM 13/12/2023 art. 7',
};

/** start → a deadline due on `=dueDay` (as an order fixes it) → end. */
function deadlineModel(id: string, pathName: string, deadline: Record<string, string>): string {
  const nodes: Node[] = [
    { id: 'start', type: 'bpmn:startEvent' },
    serviceTask('open', 'percorsi:start-deadline', headers({ ...deadline, dueVariable: 'dueDay' })),
    { id: 'end', type: 'bpmn:endEvent' },
  ];
  const xml = bpmn(
    id,
    nodes,
    nodes.slice(1).map((n, i) => ({ id: `f${i + 1}`, from: nodes[i].id, to: n.id })),
  );
  return named(xml, { [id]: pathName, open: 'Avvio della scadenza' });
}

/** One user task of the unit's caseworkers, held by `=assignee` ('' = nobody), due `=dueAt` when dated. */
function taskModel(id: string, pathName: string, taskName: string, dated = true): string {
  const schedule = dated ? '<zeebe:taskSchedule dueDate="=dueAt" />' : '';
  const xml = bpmn(
    id,
    [
      { id: 'start', type: 'bpmn:startEvent' },
      {
        id: 'work',
        type: 'bpmn:userTask',
        body: `<bpmn:extensionElements><zeebe:assignmentDefinition assignee="=assignee" candidateGroups="caseworker" />${schedule}</bpmn:extensionElements>`,
      },
      { id: 'end', type: 'bpmn:endEvent' },
    ],
    [
      { id: 'f1', from: 'start', to: 'work' },
      { id: 'f2', from: 'work', to: 'end' },
    ],
  );
  return named(xml, { [id]: pathName, work: taskName });
}

const ADI = 'Patto per l’inclusione (ADI)';
const MANDATE = 'Affidamento al servizio sociale';
const ELENA = { username: 'elena.iii', displayName: 'Elena Vitale', role: 'caseworker' as const };

/**
 * The unit coordinator's day in the browser, on a unit built through the API and counted by
 * hand (dates relative to today, so the working-day calendar cannot move them across the
 * at-risk line: due today, yesterday or tomorrow is at risk, in two months is not).
 *
 * Unit III — Carla Coordinatrice (coord.iii); Anna Rinaldi, Bruno Greco, Elena Vitale.
 *
 *   case               manager  deadlines                                   tasks (holder, due)
 *   C1 Rossi Maria     Anna     D1 court report +60 (cap 1) · D2 ADI today  T1 Anna yesterday · T2 Anna +30
 *   C2 Verdi Giuseppe  Anna     D3 court report yesterday (breached)        T3 Anna +30
 *   C3 Neri Lucia      Bruno    D4 court report tomorrow (cap 1)            T4 Bruno tonight · T5 nobody 2 days ago
 *   C4 Russo Paolo     —                                                    T6 nobody, no date
 *
 * The escalation pass breaches D3 and escalates T1 and T5: three coordinators' tasks, unheld.
 */
describeInBrowser('web client: the unit coordinator’s day', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;
  let engine: EmbeddedEngine;
  let db: DataSource;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const cases: Record<string, { caseId: string; caseNumber: string }> = {};
  const deadlines: Record<string, string> = {};
  const tasks: Record<string, string> = {};
  const today = romeDateOf(new Date());
  const DAY = 24 * 3600 * 1000;

  const call = async (who: string, method: string, path: string, body?: unknown) => {
    const response = await server.request(method, path, { token: tokens[who], body });
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  async function start(processId: string, caseKey: string, variables: Record<string, unknown>) {
    const { caseId, caseNumber } = cases[caseKey];
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: processId,
      businessKey: caseNumber,
      variables: { caseId, caseNumber, ...variables },
    });
    await engine.settle();
    return processInstanceKey;
  }

  async function deadline(key: string, processId: string, caseKey: string, dueDay: string) {
    const instance = await start(processId, caseKey, { dueDay });
    await waitFor(async () => {
      const rows = await db.query(`SELECT id FROM case_deadline WHERE process_instance_key = $1`, [
        instance,
      ]);
      deadlines[key] = rows[0]?.id;
      return rows.length > 0;
    });
  }

  async function task(
    key: string,
    processId: string,
    caseKey: string,
    assignee: string,
    due?: Date,
  ) {
    const instance = await start(processId, caseKey, {
      assignee,
      ...(due ? { dueAt: due.toISOString() } : {}),
    });
    await waitFor(async () => {
      const rows = await db.query(
        `SELECT job_key::text AS key FROM task WHERE process_instance_key = $1 AND state = 'CREATED'`,
        [instance],
      );
      tasks[key] = rows[0]?.key;
      return rows.length > 0;
    });
  }

  const escalations = async (): Promise<number> =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM task WHERE bpmn_process_id = 'deadline-escalation' AND unit_code = 'III' AND state = 'CREATED'`,
      )
    )[0].n;

  beforeAll(async () => {
    server = await startTestApp();
    engine = server.app.get(ProcessEngine) as EmbeddedEngine;
    db = server.app.get(DataSource);
    await addAccounts(server, [...STAFF, { ...ELENA, unitCode: 'III' }]);
    for (const username of ['coord.iii', 'anna.iii', 'bruno.iii', 'elena.iii', 'dirigente']) {
      tokens[username] = await server.login(username, PASSWORD);
      ids[username] = (await call(username, 'GET', '/api/auth/me')).id;
    }
    await engine.deploy([
      { name: 'sc-mandato.bpmn', content: deadlineModel('sc-mandato', MANDATE, COURT_REPORT) },
      { name: 'sc-adi.bpmn', content: deadlineModel('sc-adi', ADI, FIRST_MEETING) },
      { name: 'sc-colloquio.bpmn', content: taskModel('sc-colloquio', ADI, 'Primo colloquio') },
      {
        name: 'sc-verifica.bpmn',
        content: taskModel('sc-verifica', ADI, 'Verifica trimestrale del patto'),
      },
      {
        name: 'sc-colloquio-senza-data.bpmn',
        content: taskModel('sc-colloquio-senza-data', ADI, 'Primo colloquio', false),
      },
      {
        name: 'sc-visita.bpmn',
        content: taskModel('sc-visita', MANDATE, 'Visita domiciliare'),
      },
    ]);
    const open = async (key: string, surname: string, name: string, manager: string | null) => {
      const person = await call('coord.iii', 'POST', '/api/persons', { surname, name });
      const opened = await call('coord.iii', 'POST', '/api/cases', {
        personId: person.id,
        ...(manager ? { caseManagerId: ids[manager] } : {}),
      });
      cases[key] = { caseId: opened.id, caseNumber: opened.caseNumber };
    };
    await open('C1', 'Rossi', 'Maria', 'anna.iii');
    await open('C2', 'Verdi', 'Giuseppe', 'anna.iii');
    await open('C3', 'Neri', 'Lucia', 'bruno.iii');
    await open('C4', 'Russo', 'Paolo', null);

    await deadline('D1', 'sc-mandato', 'C1', addCalendarDays(today, 60));
    await deadline('D2', 'sc-adi', 'C1', today);
    await deadline('D3', 'sc-mandato', 'C2', addCalendarDays(today, -1));
    await deadline('D4', 'sc-mandato', 'C3', addCalendarDays(today, 1));

    const now = Date.now();
    await task('T1', 'sc-colloquio', 'C1', 'anna.iii', new Date(now - DAY));
    await task('T2', 'sc-verifica', 'C1', 'anna.iii', new Date(now + 30 * DAY));
    await task('T3', 'sc-verifica', 'C2', 'anna.iii', new Date(now + 30 * DAY));
    // The last second of today in Rome: due this week whatever the weekday.
    await task(
      'T4',
      'sc-visita',
      'C3',
      'bruno.iii',
      new Date(Date.parse(deadlineDueInstant(today)) - 1000),
    );
    await task('T5', 'sc-visita', 'C3', '', new Date(now - 2 * DAY));
    await task('T6', 'sc-colloquio-senza-data', 'C4', '');

    await server.app.get(DeadlineEscalation).runNow();
    await engine.settle();
    await waitFor(async () => (await escalations()) === 3);

    browser = await openBrowser(server.baseUrl);
    page = browser.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  const counter = (label: string) =>
    page.locator(`[data-counter="${label}"] .board-counter-number`);
  const member = (name: string) => page.locator(`tr[data-member="${name}"] td`);
  /** What each cell shows to the eye (the words for screen readers only left out). */
  const cells = (tds: Locator): Promise<string[]> =>
    tds.evaluateAll((elements) =>
      elements.map((element) => {
        const td = element as unknown as {
          innerText: string;
          querySelectorAll(selector: string): Iterable<{ textContent: string | null }>;
        };
        const words = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
        let text = words(td.innerText);
        for (const hidden of td.querySelectorAll('.visually-hidden'))
          text = words(text.replace(words(hidden.textContent), ''));
        return text;
      }),
    );
  /** A person in a dialog's choice, picked as a user does: on their name. */
  const choose = (name: string) => dialog().locator(`[data-member="${name}"] label`).click();
  const dialog = () => page.getByRole('dialog');
  const focusedInDialog = () =>
    page.evaluate(`!!document.activeElement?.closest('[role="dialog"]')`);

  it('opens on the unit’s board: the counts and each person’s load match the unit', async () => {
    await page.goto('/');
    await signIn(page, 'coord.iii', PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Bacheca dell’unità' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/unita');
    await page.getByText('Unità III · Circoscrizione III').waitFor();
    // T5, T6 and the three escalations; T1, T5; C4; D2, D3, D4.
    expect(await counter('attività da assegnare').textContent()).toBe('5');
    expect(await counter('attività scadute').textContent()).toBe('2');
    expect(await counter('cartelle senza case manager').textContent()).toBe('1');
    expect(await counter('scadenze legali a rischio').textContent()).toBe('3');
    const menu = page.getByRole('navigation', { name: 'Menu principale' });
    expect(await menu.getByRole('link', { name: 'Unità' }).getAttribute('aria-current')).toBe(
      'page',
    );
    // Name, role · open cases, open tasks, overdue, due this week, deadlines at risk.
    expect(await cells(member('Anna Rinaldi'))).toEqual([
      'Anna Rinaldi assistente sociale',
      '2',
      '3',
      '1',
      '0',
      '2',
    ]);
    expect((await cells(member('Bruno Greco'))).slice(1)).toEqual(['1', '1', '0', '1', '1']);
    expect((await cells(member('Carla Coordinatrice'))).slice(1)).toEqual([
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
    expect((await cells(member('Elena Vitale'))).slice(1)).toEqual(['0', '0', '0', '0', '0']);
    // The unassigned list is the count's: five rows.
    await page.locator(`tr[data-task="${tasks.T6}"]`).waitFor();
    expect(await page.locator('#elenchi-panel tbody tr').count()).toBe(5);
    await checkScreen(page, 'unita');
  });

  it('leads from a count to its list: the overdue tasks, with who holds them', async () => {
    await page.locator('[data-counter="attività scadute"]').click();
    await page.getByRole('tab', { name: /Scadute/, selected: true }).waitFor();
    expect(new URL(page.url()).search).toBe('?elenco=scadute');
    const t1 = page.locator(`tr[data-task="${tasks.T1}"]`);
    await t1.waitFor();
    expect(await t1.textContent()).toContain('Anna Rinaldi');
    expect(await t1.textContent()).toContain('Rossi Maria');
    expect(await page.locator(`tr[data-task="${tasks.T5}"]`).textContent()).toContain('nessuno');
    expect(await page.locator('#elenchi-panel tbody tr').count()).toBe(2);
    await checkScreen(page, 'unita-scadute');
  });

  it('assigns an unassigned task to the caseworker with the lightest load, chosen in a dialog that shows each one’s load', async () => {
    await page.getByRole('tab', { name: /Da assegnare/ }).click();
    const opener = page
      .locator(`tr[data-task="${tasks.T6}"]`)
      .getByRole('button', { name: /^Assegna/ });
    await opener.click();
    await dialog().getByRole('heading', { name: 'Assegna l’attività' }).waitFor();
    expect(await focusedInDialog()).toBe(true);
    const choice = dialog().locator('[data-testid="staff-choice"]');
    await choice.locator('[data-member]').first().waitFor();
    const loads: Record<string, string> = {};
    for (const option of await choice.locator('[data-member]').all()) {
      loads[(await option.getAttribute('data-member'))!] = (await option
        .locator('[data-testid="load"]')
        .textContent())!;
    }
    expect(loads).toEqual({
      'Anna Rinaldi': '2 cartelle · 3 attività aperte (1 scaduta) · 2 scadenze a rischio',
      'Bruno Greco':
        '1 cartella · 1 attività aperta (1 in scadenza questa settimana) · 1 scadenza a rischio',
      'Carla Coordinatrice': '0 cartelle · 0 attività aperte · 0 scadenze a rischio',
      'Elena Vitale': '0 cartelle · 0 attività aperte · 0 scadenze a rischio',
    });
    await checkScreen(page, 'unita-assegna');
    // The keyboard stays in the dialog.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect(await focusedInDialog()).toBe(true);
    }
    // No choice yet: said beside the choice.
    await dialog().getByRole('button', { name: 'Assegna', exact: true }).click();
    await dialog().getByText('Scegliere a chi assegnare l’attività.').waitFor();
    // The lightest caseworker: no cases, no tasks.
    const lightest = Object.entries(loads)
      .filter(([name]) => name !== 'Carla Coordinatrice')
      .sort(([, a], [, b]) => openTasksIn(a) - openTasksIn(b))[0][0];
    expect(lightest).toBe('Elena Vitale');
    await choose(lightest);
    await dialog().getByRole('button', { name: 'Assegna', exact: true }).click();
    const notice = page.getByRole('status').filter({ hasText: 'assegnata a Elena Vitale' });
    await notice.waitFor();
    expect(await notice.textContent()).toBe('«Primo colloquio» assegnata a Elena Vitale.');
    await dialog().waitFor({ state: 'detached' });
    // The focus is on what was done, not lost with the row that left the list.
    expect(await page.evaluate('document.activeElement?.getAttribute("role")')).toBe('status');
    await page.locator(`tr[data-task="${tasks.T6}"]`).waitFor({ state: 'detached' });
    await expectText(counter('attività da assegnare'), '4');
    await expectText(member('Elena Vitale').nth(2), '1');
  });

  it('closes a dialog with Esc and gives the focus back to the button that opened it', async () => {
    const opener = page
      .locator(`tr[data-task="${tasks.T5}"]`)
      .getByRole('button', { name: /^Assegna/ });
    await opener.click();
    await dialog().getByRole('heading', { name: 'Assegna l’attività' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    await waitForTrue(() =>
      opener.evaluate((element) => {
        const button = element as unknown as { ownerDocument: { activeElement: unknown } };
        return button.ownerDocument.activeElement === element;
      }),
    );
  });

  it('reassigns it from the tasklist’s unit view: the task shows its new holder by name', async () => {
    await page
      .getByRole('navigation', { name: 'Menu principale' })
      .getByRole('link', { name: 'Attività' })
      .click();
    await page.getByRole('tab', { name: /Tutta l’unità/ }).click();
    const row = page.locator(`tr[data-task="${tasks.T6}"]`);
    await expectContains(row, 'Elena Vitale');
    await row.getByRole('button', { name: /^Riassegna/ }).click();
    await dialog().getByRole('heading', { name: 'Riassegna l’attività' }).waitFor();
    const current = dialog().getByRole('radio', { name: /Elena Vitale/ });
    await current.waitFor();
    expect(await current.isDisabled()).toBe(true);
    expect(await dialog().locator('[data-member="Elena Vitale"]').textContent()).toContain(
      'ha l’attività ora',
    );
    await checkScreen(page, 'attivita-riassegna');
    await choose('Bruno Greco');
    await dialog().getByRole('button', { name: 'Riassegna', exact: true }).click();
    await page.getByText('«Primo colloquio» assegnata a Bruno Greco.').waitFor();
    await dialog().waitFor({ state: 'detached' });
    await expectContains(row, 'Bruno Greco');
    expect(await row.textContent()).not.toContain('Elena Vitale');
    await checkScreen(page, 'attivita-unita');
  });

  it('gives the case without a manager its case manager, with a reason', async () => {
    await page.goto('/unita?elenco=senza-case-manager');
    const row = page.locator(`tr[data-case="${cases.C4.caseNumber}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Russo Paolo');
    await row.getByRole('button', { name: /Assegna il case manager/ }).click();
    await dialog().getByRole('heading', { name: 'Assegna il case manager' }).waitFor();
    await dialog()
      .getByRole('radio', { name: /Elena Vitale/ })
      .waitFor();
    await choose('Elena Vitale');
    await dialog().getByLabel('Motivo').fill('Riequilibrio dei carichi di lavoro');
    await checkScreen(page, 'unita-case-manager');
    await dialog().getByRole('button', { name: 'Assegna', exact: true }).click();
    await page
      .getByText(`Cartella ${cases.C4.caseNumber} (Russo Paolo): case manager Elena Vitale.`)
      .waitFor();
    await expectText(counter('cartelle senza case manager'), '0');
    await page.getByText('Ogni cartella aperta dell’unità ha il suo case manager.').waitFor();
    await expectText(member('Elena Vitale').nth(1), '1');
    const [assignment] = await db.query(
      `SELECT reason FROM case_manager_assignment WHERE case_id = $1`,
      [cases.C4.caseId],
    );
    expect(assignment.reason).toBe('Riequilibrio dei carichi di lavoro');
  });

  it('lists the unit’s deadlines at risk: person, case, deadline and legal basis, days left or "scaduta", proroghe', async () => {
    await page.locator('[data-counter="scadenze legali a rischio"]').click();
    await page.getByRole('heading', { level: 1, name: 'Scadenze' }).waitFor();
    const row = (key: string) => page.locator(`tr[data-deadline="${deadlines[key]}"]`);
    await row('D3').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(3);
    expect(await row('D1').count()).toBe(0);
    const d3 = await cells(row('D3').locator('td'));
    expect(d3.slice(0, 4)).toEqual([
      'Verdi Giuseppe',
      cases.C2.caseNumber,
      `Relazione al Tribunale per i Minorenni L. 184/1983 art. 5-bis Percorso: ${MANDATE}`,
      `${italian(addCalendarDays(today, -1))} scaduta`,
    ]);
    expect(d3.slice(4, 6)).toEqual(['Anna Rinaldi Cambia', '0 di 1 consentita']);
    expect(await row('D2').textContent()).toContain('DM 13/12/2023 art. 7');
    expect(await row('D4').textContent()).toContain('Neri Lucia');
    expect(
      await row('D3').getByRole('link', { name: cases.C2.caseNumber }).getAttribute('href'),
    ).toBe(`/casi/${cases.C2.caseNumber}`);
    await checkScreen(page, 'scadenze');
  });

  it('filters by status and case manager', async () => {
    await page.getByLabel('Stato').selectOption('open');
    await page.getByLabel('Case manager').selectOption({ label: 'Bruno Greco' });
    await page.getByRole('button', { name: 'Filtra' }).click();
    await page.getByText('Scadenze: 1').waitFor();
    expect(await page.locator(`tr[data-deadline="${deadlines.D4}"]`).count()).toBe(1);
    await page.getByLabel('Case manager').selectOption({ label: 'Tutti' });
    await page.getByRole('button', { name: 'Filtra' }).click();
    // Running ones: D1, D2, D4 (D3 is breached).
    await page.getByText('Scadenze: 3').waitFor();
    expect(await page.locator(`tr[data-deadline="${deadlines.D1}"]`).count()).toBe(1);
    expect(await page.locator(`tr[data-deadline="${deadlines.D3}"]`).count()).toBe(0);
  });

  it('records a proroga and shows it in the history; the law’s cap of one then refuses a second', async () => {
    const row = page.locator(`tr[data-deadline="${deadlines.D1}"]`);
    const due = addCalendarDays(today, 60);
    const extended = addCalendarDays(today, 90);
    await row.getByRole('button', { name: /^Proroga/ }).click();
    await dialog().getByRole('heading', { name: 'Proroga della scadenza' }).waitFor();
    await dialog().getByText('La legge consente una sola proroga per questa scadenza.').waitFor();
    await dialog().getByText('Nessuna proroga registrata.').waitFor();
    expect(await dialog().getByTestId('due-date').textContent()).toBe(italian(due));
    await checkScreen(page, 'scadenze-proroga');
    // Missing reason and authority: listed at the top of the form, beside the fields too.
    await dialog().getByText('Fino a una nuova data').click();
    await dialog().getByLabel('Nuova scadenza').fill(extended);
    await dialog().getByRole('button', { name: 'Registra la proroga' }).click();
    const summary = dialog().getByTestId('error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Motivo');
    expect(await summary.textContent()).toContain('Concessa da');
    await dialog()
      .getByLabel('Motivo')
      .fill('Relazione sanitaria della ASP attesa dopo la scadenza');
    await dialog().getByLabel('Concessa da').fill('Tribunale per i Minorenni');
    await dialog().getByRole('button', { name: 'Registra la proroga' }).click();
    await dialog()
      .getByText(
        `Proroga registrata: la scadenza passa dal ${italian(due)} al ${italian(extended)}.`,
      )
      .waitFor();
    const history = dialog().locator('tr[data-extension]');
    await history.waitFor();
    const recorded = await cells(history.locator('td'));
    expect(recorded.slice(0, 4)).toEqual([
      italian(due),
      italian(extended),
      'Relazione sanitaria della ASP attesa dopo la scadenza',
      'Tribunale per i Minorenni',
    ]);
    expect(recorded[4]).toMatch(/^Carla Coordinatrice \d{2}\/\d{2}\/\d{2,4}, \d{2}:\d{2}$/);
    // The cap is reached: said, and no form for another.
    await dialog().getByTestId('cap-reached').waitFor();
    expect(await dialog().getByRole('button', { name: 'Registra la proroga' }).count()).toBe(0);
    expect(await dialog().getByTestId('extensions-count').textContent()).toBe('1 di 1 consentita');
    await checkScreen(page, 'scadenze-proroga-registrata');
    await dialog().getByRole('button', { name: 'Chiudi', exact: true }).click();
    await dialog().waitFor({ state: 'detached' });
    await expectContains(row, '1 di 1 consentita');
    await expectContains(row, italian(extended));

    // Opened again: the history and the cap, nothing to fill.
    await row.getByRole('button', { name: /^Proroga/ }).click();
    await dialog().getByTestId('cap-reached').waitFor();
    expect(await dialog().getByTestId('cap-reached').textContent()).toBe(
      'La legge consente una sola proroga per questa scadenza, già registrata: non se ne possono registrare altre.',
    );
    expect(await dialog().locator('tr[data-extension]').count()).toBe(1);
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
  });

  it('says in Italian why a proroga is refused when another was recorded meanwhile (409)', async () => {
    const row = page.locator(`tr[data-deadline="${deadlines.D4}"]`);
    await row.getByRole('button', { name: /^Proroga/ }).click();
    await dialog().getByText('Nessuna proroga registrata.').waitFor();
    // Bruno, the case manager, records one while the dialog is open.
    await call(
      'bruno.iii',
      'POST',
      `/api/cases/${cases.C3.caseId}/deadlines/${deadlines.D4}/extensions`,
      {
        extraDays: 10,
        unit: 'calendarDays',
        reason: 'Udienza rinviata dal Tribunale',
        grantedBy: 'Tribunale per i Minorenni',
      },
    );
    await dialog().getByLabel('Quanti').fill('5');
    await dialog().getByLabel('Unità di misura').selectOption({ label: 'giorni lavorativi' });
    await dialog().getByLabel('Motivo').fill('Documentazione scolastica in arrivo');
    await dialog().getByLabel('Concessa da').fill('Tribunale per i Minorenni');
    await dialog().getByRole('button', { name: 'Registra la proroga' }).click();
    await dialog()
      .getByRole('alert')
      .filter({
        hasText: 'Per questa scadenza la legge consente una sola proroga, già registrata.',
      })
      .waitFor();
    // What is there now: Bruno's proroga, and the cap.
    await dialog().getByText('Udienza rinviata dal Tribunale').waitFor();
    expect(await dialog().locator('tr[data-extension]').textContent()).toContain('Bruno Greco');
    expect(await dialog().getByTestId('extensions-count').textContent()).toBe('1 di 1 consentita');
    expect(await dialog().getByRole('button', { name: 'Registra la proroga' }).count()).toBe(0);
    await checkScreen(page, 'scadenze-proroga-rifiutata');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
  });

  it('changes a case’s manager from its deadline, with a reason: the row names the new one', async () => {
    const row = page.locator(`tr[data-deadline="${deadlines.D4}"]`);
    await row.getByRole('button', { name: /^Cambia/ }).click();
    await dialog().getByRole('heading', { name: 'Cambia il case manager' }).waitFor();
    const current = dialog().getByRole('radio', { name: /Bruno Greco/ });
    await current.waitFor();
    expect(await current.isDisabled()).toBe(true);
    await choose('Elena Vitale');
    await dialog().getByLabel('Motivo').fill('Bruno Greco in congedo fino a gennaio');
    await checkScreen(page, 'scadenze-case-manager');
    await dialog().getByRole('button', { name: 'Cambia il case manager' }).click();
    await page
      .getByText(`Cartella ${cases.C3.caseNumber} (Neri Lucia): case manager Elena Vitale.`)
      .waitFor();
    await expectContains(row, 'Elena Vitale');
    expect(await page.evaluate('document.activeElement?.getAttribute("role")')).toBe('status');
  });

  it('starts one of the unit’s duties from the board: the territorial network, listed with its number', async () => {
    await page.goto('/unita');
    const duties = page.getByRole('form', { name: "Avvia un'attività dell'unità" });
    await duties.getByRole('button', { name: 'Avvia' }).click();
    await duties.getByText('Scegliere il tipo di attività.').waitFor();
    await duties.getByLabel(/^Tipo di attività/).selectOption('network');
    await duties.getByLabel(/^Titolo/).fill('Tavolo di rete con le scuole di Oreto');
    await duties.getByRole('button', { name: 'Avvia' }).click();
    await duties
      .getByRole('status')
      .getByText(/^Attività avviata: Tavolo di rete/)
      .waitFor();
    const row = page.locator('tr[data-duty^="ATT-III-"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Rete territoriale');
    expect(await row.textContent()).toContain('In corso');
    await checkScreen(page, 'unita-attivita');
  });

  it('shows a caseworker only the deadlines of the cases they manage', async () => {
    await signOut(page);
    await page.goto('/scadenze');
    await signIn(page, 'anna.iii', PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Scadenze' }).waitFor();
    await page.getByText('Le scadenze legali delle cartelle di cui è case manager').waitFor();
    await page.locator('tbody tr').first().waitFor();
    // At risk: D3 (breached) and D2 (today); Bruno's D4 is not hers.
    const atRisk = await page
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-deadline')));
    expect(atRisk.sort()).toEqual([deadlines.D2, deadlines.D3].sort());
    expect(await page.getByText('Neri Lucia').count()).toBe(0);
    // No filter by case manager, no case manager to change: they are her cases.
    expect(await page.getByLabel('Case manager').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Cambia/ }).count()).toBe(0);
    await checkScreen(page, 'scadenze-assistente');
    await page.getByLabel('Stato').selectOption('all');
    await page.getByRole('button', { name: 'Filtra' }).click();
    await page.getByText('Scadenze: 3').waitFor();
    const all = await page
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')));
    expect(new Set(all)).toEqual(new Set([cases.C1.caseNumber, cases.C2.caseNumber]));
    // The board is the coordinator's.
    expect(
      await page
        .getByRole('navigation', { name: 'Menu principale' })
        .getByRole('link', { name: 'Unità' })
        .count(),
    ).toBe(0);
    await page.goto('/unita');
    await page.getByRole('heading', { level: 1, name: 'Accesso non consentito' }).waitFor();
  });

  it('gives the manager the city’s deadline figures: from «superate» in unit III to the case, opened under a grant; the table as CSV', async () => {
    await signOut(page);
    await page.goto('/direzione/scadenze');
    await signIn(page, 'dirigente', PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Scadenze legali' }).waitFor();
    // D3, due yesterday, is the unit's one breach (whatever the proroghe above moved).
    const breached = page
      .locator('tr[data-figure="III"]')
      .getByRole('link', { name: '1 superate: Circoscrizione III' });
    await breached.waitFor();
    await page.locator('tr[data-month]').first().waitFor();
    await checkScreen(page, 'direzione-scadenze');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: 'Scarica CSV delle scadenze per unità territoriale' })
        .click(),
    ]);
    expect(csv.suggestedFilename()).toBe('scadenze-per-unit.csv');
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text).toMatch(/^\uFEFFChiave;Voce;Base normativa;In corso;In scadenza;Superate;/);
    expect(text).toMatch(/^III;Circoscrizione III;;\d+;\d+;1;/m);

    await breached.click();
    await page
      .getByRole('heading', { level: 1, name: 'Scadenze: superate · Circoscrizione III' })
      .waitFor();
    const row = page.locator(`tr[data-case="${cases.C2.caseNumber}"]`);
    await row.getByText('accesso non concesso').waitFor();
    // Case numbers only: no person on the list.
    expect(await page.getByText('Verdi').count()).toBe(0);
    await checkScreen(page, 'direzione-scadenze-elenco');

    await call('coord.iii', 'POST', `/api/cases/${cases.C2.caseId}/grants`, {
      managerId: ids.dirigente,
      reason: 'Verifica della relazione superata',
      expiresAt: new Date(Date.now() + 7 * DAY).toISOString(),
    });
    await page.reload();
    await row.getByRole('link', { name: cases.C2.caseNumber }).click();
    await page
      .getByRole('heading', { level: 1, name: `Cartella ${cases.C2.caseNumber}` })
      .waitFor();
    await page.getByText('Verdi Giuseppe').first().waitFor();
  });
});

/** The open tasks in a load line ("… · 3 attività aperte (…) · …"). */
function openTasksIn(load: string): number {
  return Number(/(\d+) attività apert/.exec(load)![1]);
}

/** "15/07/2026", as the screens write a day. */
function italian(isoDay: string): string {
  return `${isoDay.slice(8, 10)}/${isoDay.slice(5, 7)}/${isoDay.slice(0, 4)}`;
}

async function expectText(locator: Locator, text: string): Promise<void> {
  await waitForTrue(async () => (await locator.textContent())?.trim() === text);
  expect((await locator.textContent())?.trim()).toBe(text);
}

async function expectContains(locator: Locator, text: string): Promise<void> {
  await waitForTrue(async () => ((await locator.textContent()) ?? '').includes(text));
}

async function waitForTrue(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  return waitForTrue(condition, timeoutMs);
}
