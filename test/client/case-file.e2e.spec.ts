import { readFileSync } from 'node:fs';
import { Locator, Page } from 'playwright-core';
import { hashPassword } from '../../src/auth/password-hasher';
import { buildPersonTaxCode } from '../../src/cases/tax-code/__tests__/build-person-tax-code';
import { PathChecks } from '../paths/path-checks';
import { PathDriver } from '../paths/path-driver';
import { TestClock } from '../support/test-clock';
import { PASSWORD } from './accounts';
import { Browser, checkScreen, describeInBrowser, openBrowser, signIn, signOut } from './browser';
import { pdf } from '../support/documents';

const NAMES: Record<string, string> = {
  'front.iii': 'Sara Sportello',
  'coord.iii': 'Carla Coordinatrice',
  'anna.iii': 'Anna Rinaldi',
  'bruno.iii': 'Bruno Greco',
  'carla.v': 'Carla Greco',
};
const SGOMBERO = 'Pre-valutazione per sgombero';
const WAIT_FOR_DATE = 'Data dello sgombero fissata dalla Prefettura';
const CENSUS = 'Censimento degli occupanti e proposte di intervento';
/** Giuseppe Santoro, born 11/02/1971 in Palermo: a fictitious person's code. */
const GIUSEPPE = buildPersonTaxCode({
  letters: 'SNTGPP',
  birthDate: '1971-02-11',
  sex: 'M',
  placeCode: 'G273',
});
const PDF = pdf('Comunicazione della Prefettura');

/** A day `days` from today in Rome, as a date field takes it (YYYY-MM-DD). */
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', {
    timeZone: 'Europe/Rome',
  });
/** As the screens write a day. */
const shown = (isoDay: string) =>
  new Date(`${isoDay}T12:00:00Z`).toLocaleDateString('it-IT', { timeZone: 'Europe/Rome' });

/**
 * The caseworker's case file in the browser, on the shipped eviction path: she finds the case,
 * reads where its path stands by names and on the diagram, uploads and downloads the
 * Prefettura's letter, records the eviction date it sets (the path moves to the census), extends
 * the deadline, writes and corrects the diary; the coordinator reassigns the case and reads who
 * opened it; a colleague who may not read it is told so, with ways on; a manager with a grant
 * only reads.
 */
describeInBrowser('web client: the case file', () => {
  // The server's clock is the real one: the browser counts days from today too.
  const d = new PathDriver(new TestClock(new Date().toISOString()));
  const c = new PathChecks(d);
  let browser: Browser;
  let page: Page;
  let opened: { caseId: string; caseNumber: string; key: string };
  const evictionDate = inDays(30);
  const postponedTo = inDays(45);

  const post = async (who: string, path: string, body: unknown) => {
    const response = await d.server.request('POST', path, { ...d.as(who), body });
    if (response.status >= 300) throw new Error(`${path}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  /** The panel of the case file's open tab. */
  const tab = (key: string): Locator => page.locator(`[data-tab="${key}"]`);
  const openTab = async (name: RegExp | string, key: string) => {
    await page.getByRole('tab', { name }).click();
    await tab(key).waitFor();
  };
  const summary = () => page.getByRole('region', { name: 'Sintesi della cartella' });

  beforeAll(async () => {
    await d.start();
    for (const [username, displayName] of Object.entries(NAMES)) {
      await d.db.query(`UPDATE account SET display_name = $2 WHERE username = $1`, [
        username,
        displayName,
      ]);
    }
    const [boss] = await d.db.query(
      `INSERT INTO account (username, display_name, role, password_hash)
       VALUES ('dirigente', 'Diana Dirigente', 'manager', $1) RETURNING id`,
      [await hashPassword(PASSWORD)],
    );
    d.ids.dirigente = boss.id;

    // The sportello registered him and his household; the coordinator opened the case on the
    // eviction path (as a Prefettura's notice asks) and assigned it to Anna.
    const person = await post('front.iii', '/api/persons', {
      taxCode: GIUSEPPE,
      surname: 'Santoro',
      name: 'Giuseppe',
      birthDate: '1971-02-11',
    });
    const son = await post('front.iii', '/api/persons', {
      surname: 'Santoro',
      name: 'Marco',
      birthDate: '2012-06-30',
    });
    const household = await post('front.iii', '/api/households', {
      address: 'Via Maqueda 100, Palermo',
      members: [
        { personId: person.id, relationship: 'intestatario' },
        { personId: son.id, relationship: 'figlio/a' },
      ],
    });
    const created = await post('coord.iii', '/api/cases', {
      personId: person.id,
      householdId: household.id,
      path: 'evictionPreAssessment',
    });
    await d.engine.settle();
    opened = {
      caseId: created.id,
      caseNumber: created.caseNumber,
      key: created.pathInstances[0].processInstanceKey,
    };
    await d.do('coord.iii', opened.caseNumber, 'Assegnare il case manager', {
      caseManagerId: d.ids['anna.iii'],
    });
    await c.until(async () => {
      const awaited = await d.server.request(
        'GET',
        `/api/cases/${opened.caseId}/decisions/available`,
        d.as('anna.iii'),
      );
      return awaited.status === 200 && awaited.body.length === 1;
    }, 'the path waiting for the Prefettura');

    browser = await openBrowser(d.server.baseUrl);
    page = browser.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await d.stop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  it('finds the case from the menu by tax code, name and path, with the path and manager by name', async () => {
    await signIn(page, 'anna.iii', PASSWORD);
    await page
      .getByRole('navigation', { name: 'Menu principale' })
      .getByRole('link', { name: 'Cartelle' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Cartelle' }).waitFor();
    const row = page.locator(`tr[data-case="${opened.caseNumber}"]`);
    await row.waitFor();
    await checkScreen(page, 'cartelle');

    const search = page.getByRole('search', { name: 'Cerca una cartella' });
    await search.getByLabel('Codice fiscale').fill(GIUSEPPE.toLowerCase());
    await search.getByRole('button', { name: 'Cerca', exact: true }).click();
    await page.getByText('1 cartella trovata').waitFor();
    expect(await row.textContent()).toContain('Santoro Giuseppe');
    expect(await row.textContent()).toContain(SGOMBERO);
    expect(await row.textContent()).toContain('Anna Rinaldi');

    await search.getByLabel('Codice fiscale').fill('');
    await search.getByLabel('Cognome e nome').fill('santoro giu');
    await search.getByLabel('Percorso').selectOption({ label: SGOMBERO });
    await search.getByRole('button', { name: 'Cerca', exact: true }).click();
    await page.getByText('1 cartella trovata').waitFor();
    await row.waitFor();

    await search.getByLabel('Percorso').selectOption({ label: 'Donne vittime di violenza' });
    await search.getByRole('button', { name: 'Cerca', exact: true }).click();
    await page.getByText('Nessuna cartella corrisponde alla ricerca.').waitFor();
    await checkScreen(page, 'cartelle-nessuna');
    await search.getByRole('button', { name: 'Nuova ricerca' }).click();
    await row.getByRole('link', { name: opened.caseNumber }).click();
    await page.getByRole('heading', { level: 1, name: `Cartella ${opened.caseNumber}` }).waitFor();
  });

  it('opens on a summary and the path on its diagram, by names, the waiting step marked', async () => {
    const top = summary();
    await top.getByText('Passo attuale: ' + WAIT_FOR_DATE).waitFor();
    expect(await top.getByTestId('case-manager').textContent()).toBe('Anna Rinaldi');
    expect(await top.textContent()).toContain('Santoro Giuseppe');
    expect(await top.textContent()).toContain(GIUSEPPE);
    // The decision awaited is announced at the top.
    await top.getByText(`${WAIT_FOR_DATE} (Prefettura)`).waitFor();

    const diagram = tab('percorsi').getByRole('group', { name: new RegExp(SGOMBERO) });
    await diagram.waitFor();
    expect(await diagram.getAttribute('aria-label')).toBe(
      `Diagramma del percorso «${SGOMBERO}»: passo attuale ${WAIT_FOR_DATE}`,
    );
    await tab('percorsi')
      .locator('.djs-element.active[data-element-id="evictionDateSet"]')
      .waitFor();
    expect(
      await tab('percorsi').locator('.djs-element.done[data-element-id="takeInCharge"]').count(),
    ).toBe(1);
    // Each step's name (a whole sentence on these paths) inside its box.
    const spilling = await tab('percorsi')
      .locator('.djs-shape')
      .evaluateAll((shapes) =>
        shapes
          .filter((shape) => {
            // SVG elements (the tests compile without the DOM's types).
            type Drawn = { getBBox(): { height: number } } | null;
            const box = shape.querySelector('.djs-visual > rect') as unknown as Drawn;
            const name = shape.querySelector('.djs-visual > text') as unknown as Drawn;
            return box && name && name.getBBox().height > box.getBBox().height;
          })
          .map((shape) => shape.getAttribute('data-element-id')),
      );
    expect(spilling).toEqual([]);
    // Names, not ids or usernames.
    const text = (await page.locator('main').textContent())!;
    expect(text).not.toMatch(/pre-valutazione-sgombero|evictionDateSet|takeInCharge|anna\.iii/);
    expect(await page.title()).toBe(`Cartella ${opened.caseNumber} · Percorsi`);
    await checkScreen(page, 'cartella-percorsi');
  });

  let documentName: string;
  it('uploads the Prefettura’s letter as a PDF and downloads the same bytes', async () => {
    await openTab('Documenti', 'documenti');
    const panel = tab('documenti');
    await panel.getByText('Nessun documento.').waitFor();
    documentName = 'comunicazione-prefettura.pdf';
    await panel
      .getByLabel('Scegli il file')
      .setInputFiles({ name: documentName, mimeType: 'application/pdf', buffer: PDF });
    await panel.getByLabel('Descrizione (facoltativa)').fill('Data dello sgombero');
    await panel.getByRole('button', { name: 'Carica' }).click();
    await panel.getByText(`Caricato: ${documentName}.`).waitFor();
    const link = panel.getByRole('button', { name: documentName });
    await link.waitFor();
    expect(await panel.textContent()).toContain('Anna Rinaldi');
    await checkScreen(page, 'cartella-documenti');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(documentName);
    expect(readFileSync((await download.path())!).equals(PDF)).toBe(true);
  });

  it('records the eviction date the Prefettura set, with its letter: the path moves to the census', async () => {
    await openTab(/Decisioni esterne/, 'decisioni');
    const panel = tab('decisioni');
    await panel.getByText('Nessuna decisione registrata.').waitFor();
    await panel.getByRole('button', { name: `Registra: ${WAIT_FOR_DATE}` }).click();
    const form = panel.getByRole('form', { name: `Registra: ${WAIT_FOR_DATE}` });
    // Required: refused in the browser, the problem named at the top and beside the field.
    await form.getByRole('button', { name: 'Registra la decisione' }).click();
    await form.getByTestId('error-summary').getByText('Data dello sgombero').waitFor();
    await form.getByLabel('Data dello sgombero').fill(evictionDate);
    await form.getByLabel('Protocollo della comunicazione').fill('Prot. 4521');
    await form.getByLabel('Documento allegato (facoltativo)').selectOption({ index: 1 });
    await form.getByLabel('Nota (facoltativa)').fill('Comunicazione ricevuta via PEC.');
    await checkScreen(page, 'cartella-decisione-modulo');
    await form.getByRole('button', { name: 'Registra la decisione' }).click();
    await panel
      .getByText(`Decisione registrata: ${WAIT_FOR_DATE}. Il percorso «${SGOMBERO}» prosegue.`)
      .waitFor();
    const recorded = panel.locator('[data-decision]');
    await recorded.getByText('Recepita dal percorso').waitFor();
    expect(await recorded.textContent()).toContain(shown(evictionDate));
    expect(await recorded.textContent()).toContain('Prot. 4521');
    expect(await recorded.textContent()).toContain('registrata da Anna Rinaldi');
    await recorded.getByRole('button', { name: documentName }).waitFor();
    await panel
      .getByText('Nessun percorso della cartella attende ora una decisione esterna.')
      .waitFor();
    // The path's next step, in the summary and on the diagram.
    await summary()
      .getByText(new RegExp(`Passo attuale: ${CENSUS}`))
      .waitFor();
    await checkScreen(page, 'cartella-decisioni');
    await openTab('Percorsi', 'percorsi');
    await tab('percorsi').locator('.djs-element.active[data-element-id="census"]').waitFor();
    // One diagram, redrawn in place.
    expect(await tab('percorsi').locator('.bjs-container').count()).toBe(1);
    expect(
      await tab('percorsi').locator('.djs-element.done[data-element-id="evictionDateSet"]').count(),
    ).toBe(1);
  });

  it('extends the eviction deadline: the new date, who granted it and why, in its history', async () => {
    await openTab(/Scadenze/, 'scadenze');
    const panel = tab('scadenze');
    const row = panel.locator('tr[data-deadline]');
    await row.waitFor();
    expect(await row.textContent()).toContain(shown(evictionDate));
    expect(await row.textContent()).toContain('Nessuna');
    await checkScreen(page, 'cartella-scadenze');
    await row.getByRole('button', { name: /^Proroga/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Proroga della scadenza' });
    await dialog.waitFor();
    // The dialog holds the focus.
    expect(await page.evaluate(`!!document.activeElement?.closest('[role="dialog"]')`)).toBe(true);
    await dialog.getByText('Fino a una nuova data').click();
    await dialog.getByLabel('Nuova scadenza').fill(postponedTo);
    await dialog.getByLabel('Concessa da').fill('Prefettura di Palermo');
    await dialog.getByLabel('Motivo').fill('Sgombero rinviato dalla Prefettura.');
    await checkScreen(page, 'cartella-proroga');
    await dialog.getByRole('button', { name: 'Registra la proroga' }).click();
    // The dialog stays open on its history, the new proroga in it; closing gives the focus back.
    await dialog.getByText('Sgombero rinviato dalla Prefettura.').waitFor();
    await dialog.getByRole('button', { name: 'Chiudi' }).first().click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Proroga');
    await panel.getByText(/^Proroga registrata: .*, nuova scadenza /).waitFor();
    const due = row.locator('td[data-label="Entro il"]');
    await c.until(
      async () => (await due.textContent())!.startsWith(shown(postponedTo)),
      'the new date',
    );
    await row.getByText('1 proroga').click();
    const history = (await row.textContent())!;
    expect(history).toContain(`dal ${shown(evictionDate)} al ${shown(postponedTo)}`);
    expect(history).toContain(
      'concessa da Prefettura di Palermo: Sgombero rinviato dalla Prefettura.',
    );
    expect(history).toContain('registrata da Anna Rinaldi');
    // The deadline the path's timer follows.
    expect((await d.deadlines(opened.caseId))[0].dueDate).toBe(postponedTo);
  });

  it('writes a diary entry, then corrects it: both stay, the first marked as corrected', async () => {
    await openTab('Diario e cronologia', 'diario');
    const panel = tab('diario');
    await panel.getByLabel('Tipo').selectOption({ label: 'Visita domiciliare' });
    await panel.getByLabel('Testo').fill('Visita: nel nucleo tre persone, una anziana fragile.');
    await panel.getByRole('button', { name: 'Registra nel diario' }).click();
    await panel.getByText('Voce registrata nel diario: Visita domiciliare.').waitFor();
    const entries = panel.locator('li.timeline-diary');
    await entries.first().waitFor();
    expect(await entries.count()).toBe(1);
    // The path's steps and the decision are in the timeline by their names.
    const all = (await panel.locator('.timeline-list').textContent())!;
    expect(all).toContain(`Avvenuto: ${WAIT_FOR_DATE} (${SGOMBERO})`);
    expect(all).toContain(`Decisione registrata: ${WAIT_FOR_DATE}`);
    await checkScreen(page, 'cartella-diario');

    await entries
      .first()
      .getByRole('button', { name: /^Correggi la voce del / })
      .click();
    await panel
      .getByLabel('Testo corretto')
      .fill('Visita: nel nucleo quattro persone, una anziana fragile.');
    await checkScreen(page, 'cartella-diario-correzione');
    await panel.getByRole('button', { name: 'Registra la correzione' }).click();
    await panel.getByText(/^Correzione registrata/).waitFor();
    await c.until(async () => (await entries.count()) === 2, 'two diary entries');
    const [correction, original] = [entries.nth(0), entries.nth(1)];
    expect(await correction.textContent()).toContain('quattro persone');
    expect(await correction.textContent()).toContain('Corregge la voce del');
    expect(await original.textContent()).toContain('tre persone');
    expect(await original.textContent()).toContain('Corretta');
    expect(await original.textContent()).toContain('Visita domiciliare (corretta)');
    // A corrected entry is not corrected again; the correction links to it.
    expect(await original.getByRole('button', { name: /^Correggi/ }).count()).toBe(0);
    const originalId = await original.getAttribute('id');
    expect(
      await correction.getByRole('link', { name: 'Vai alla voce corretta' }).getAttribute('href'),
    ).toBe(`#${originalId}`);
    await panel.getByLabel('Mostra').selectOption({ label: 'Solo il diario' });
    expect(await panel.locator('.timeline-list > li').count()).toBe(2);
    await checkScreen(page, 'cartella-diario-corretto');
  });

  it('lists the case’s open tasks with links, and the person with the household', async () => {
    await openTab('Attività', 'attivita');
    const task = tab('attivita').getByRole('link', { name: CENSUS });
    await task.waitFor();
    expect(await task.getAttribute('href')).toMatch(/^\/attivita\/\d+$/);
    expect(await tab('attivita').textContent()).toContain('Anna Rinaldi');
    // Due when the extended eviction deadline's day ends: that day at 24:00, not the next at 00:00.
    const [y, m, day] = postponedTo.split('-');
    expect(await tab('attivita').textContent()).toContain(`${day}/${m}/${y.slice(2)}, 24:00`);
    await checkScreen(page, 'cartella-attivita');

    await openTab('Persona e nucleo', 'persona');
    const members = tab('persona').locator('table');
    await members.waitFor();
    const text = (await members.textContent())!;
    expect(text).toContain('Santoro Marco');
    expect(text).toContain('figlio/a');
    expect(text).toContain('(persona della cartella)');
    expect(await tab('persona').textContent()).toContain('Via Maqueda 100, Palermo');
    await checkScreen(page, 'cartella-persona');
    // Not for a caseworker: who opened the file.
    expect(await page.getByRole('tab', { name: 'Accessi' }).count()).toBe(0);
    await signOut(page);
  });

  it('tells a caseworker of the unit who may not read the case so, with ways on', async () => {
    await page.goto(`/casi/${opened.caseNumber}`);
    await signIn(page, 'bruno.iii', PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Cartella non consultabile' }).waitFor();
    await page.getByText('Cartella non trovata o non consultabile con il proprio ruolo.').waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Santoro');
    await checkScreen(page, 'cartella-non-consultabile');
    await page.getByRole('link', { name: 'Cerca una cartella' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cartelle' }).waitFor();
    await page.getByText('Nessuna cartella corrisponde alla ricerca.').waitFor();
    await page.goBack();
    await page.getByRole('link', { name: 'Torna alle attività' }).click();
    await page.getByRole('heading', { level: 1, name: 'Attività' }).waitFor();
    await signOut(page);
  });

  it('lets the coordinator reassign the case and read who opened it, by name', async () => {
    await page.goto(`/casi/${opened.caseNumber}`);
    await signIn(page, 'coord.iii', PASSWORD);
    await summary().getByTestId('case-manager').getByText('Anna Rinaldi').waitFor();
    await summary().getByRole('button', { name: 'Cambia case manager' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cambia il case manager' });
    await dialog.locator('[data-member="Bruno Greco"] label').click();
    await dialog.getByLabel(/^Motivo/).fill('Riequilibrio dei carichi di lavoro');
    await checkScreen(page, 'cartella-case-manager');
    await dialog.getByRole('button', { name: 'Cambia il case manager' }).click();
    await summary().getByTestId('case-manager').getByText('Bruno Greco').waitFor();

    await openTab('Accessi', 'accessi');
    const log = tab('accessi').locator('table');
    await log.waitFor();
    const text = (await log.textContent())!;
    expect(text).toContain('Anna Rinaldi');
    expect(text).toContain('Carla Coordinatrice');
    expect(text).toContain('Modifica: cartella');
    expect(text).toContain('Riequilibrio dei carichi di lavoro');
    expect(text).not.toMatch(/anna\.iii|coord\.iii/);
    await checkScreen(page, 'cartella-accessi');
  });

  it('starts another path on the case, and shows the other cases of the family', async () => {
    // The son's own case, opened by the coordinator in the same household.
    const [son] = await d.db.query(
      `SELECT id FROM person WHERE surname = 'Santoro' AND name = 'Marco'`,
    );
    const [{ household_id: householdId }] = await d.db.query(
      `SELECT household_id FROM social_case WHERE id = $1`,
      [opened.caseId],
    );
    const sons = await post('coord.iii', '/api/cases', {
      personId: son.id,
      householdId,
      caseManagerId: d.ids['anna.iii'],
      path: 'minors',
    });
    await page.goto(`/casi/${opened.caseNumber}`);
    const family = summary().getByTestId('family-cases');
    await family.getByRole('link', { name: sons.caseNumber }).waitFor();
    expect(await family.textContent()).toContain('Santoro Marco (figlio/a)');
    expect(await family.textContent()).toContain('Percorsi: Minori e famiglia');

    await summary().getByRole('button', { name: 'Avvia un altro percorso' }).click();
    const form = summary().getByRole('form', { name: 'Avvia un altro percorso' });
    // The path already running is not offered.
    const offered = await form
      .getByLabel(/^Percorso da avviare/)
      .locator('option')
      .allTextContents();
    expect(offered).not.toContain(SGOMBERO);
    await form.getByLabel(/^Percorso da avviare/).selectOption('housing');
    await form.getByLabel(/^Motivo/).fill('Sfratto esecutivo: serve una soluzione abitativa');
    await checkScreen(page, 'cartella-altro-percorso');
    await form.getByRole('button', { name: 'Avvia il percorso' }).click();
    await summary()
      .getByRole('status')
      .getByText(/^Percorso avviato: /)
      .waitFor();
    await summary().locator('.path-list li', { hasText: 'Housing First' }).waitFor();
    expect(await summary().locator('.path-list').first().locator('li').count()).toBe(2);

    await family.getByRole('link', { name: sons.caseNumber }).click();
    await page.getByRole('heading', { level: 1, name: `Cartella ${sons.caseNumber}` }).waitFor();
    await summary()
      .getByTestId('family-cases')
      .getByRole('link', { name: opened.caseNumber })
      .waitFor();
  });

  it('shows where a technical error stops a path, on the diagram and in words', async () => {
    const person = await post('front.iii', '/api/persons', { surname: 'Ferrara', name: 'Rosa' });
    const stuck = await post('coord.iii', '/api/cases', {
      personId: person.id,
      path: 'evictionPreAssessment',
    });
    await d.engine.settle();
    const [child] = await d.db.query(
      `SELECT key::text, bpmn_process_id FROM process_instance WHERE parent_process_instance_key = $1`,
      [stuck.pathInstances[0].processInstanceKey],
    );
    await d.db.query(
      `INSERT INTO incident (key, process_instance_key, bpmn_process_id, element_id, element_instance_key,
                             error_type, error_message, state, created_at)
       VALUES (990101, $1, $2, 'assignCaseManager', 990102, 'JOB_NO_RETRIES', 'prova', 'ACTIVE', now())`,
      [child.key, child.bpmn_process_id],
    );
    try {
      await page.goto(`/casi/${stuck.caseNumber}`);
      await summary().getByText('1 errore tecnico').waitFor();
      await tab('percorsi')
        .getByText(/^Un errore tecnico ferma il percorso/)
        .waitFor();
      await tab('percorsi')
        .locator('.djs-element.incident[data-element-id="takeInCharge"]')
        .waitFor();
      await checkScreen(page, 'cartella-errore-tecnico');
    } finally {
      await d.db.query(`UPDATE incident SET state = 'RESOLVED' WHERE key = 990101`);
    }
    await signOut(page);
  });

  it('lets a manager with a grant read the case file, and only read it', async () => {
    await post('coord.iii', `/api/cases/${opened.caseId}/grants`, {
      managerId: d.ids.dirigente,
      reason: 'Verifica della gestione dello sgombero',
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    await page.goto(`/casi/${opened.caseNumber}`);
    await signIn(page, 'dirigente', PASSWORD);
    await page
      .getByText('Consultazione in sola lettura, autorizzata dal coordinatore dell’unità.')
      .waitFor();
    await summary()
      .getByText(new RegExp(`Passo attuale: ${CENSUS}`))
      .waitFor();
    await checkScreen(page, 'cartella-dirigente');
    await openTab('Diario e cronologia', 'diario');
    await tab('diario').getByText('quattro persone').waitFor();
    expect(
      await tab('diario')
        .getByRole('button', { name: /^Correggi/ })
        .count(),
    ).toBe(0);
    expect(await tab('diario').getByLabel('Testo').count()).toBe(0);
    await openTab(/Scadenze/, 'scadenze');
    await tab('scadenze').locator('tr[data-deadline]').waitFor();
    expect(
      await tab('scadenze')
        .getByRole('button', { name: /^Proroga/ })
        .count(),
    ).toBe(0);
    await openTab('Documenti', 'documenti');
    await tab('documenti').getByRole('button', { name: documentName }).waitFor();
    expect(await tab('documenti').getByRole('button', { name: 'Carica' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Attività' }).count()).toBe(0);
  });
});
