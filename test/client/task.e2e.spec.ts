import { Page, Request } from 'playwright-core';
import { buildPersonTaxCode } from '../../src/cases/tax-code/__tests__/build-person-tax-code';
import { startTestApp, TestApp } from '../support/test-app';
import { addAccounts, PASSWORD } from './accounts';
import { Browser, checkScreen, describeInBrowser, openBrowser, signIn, signOut } from './browser';

/** A short-lived access token: every call renews it, and a form outlives it in real time. */
const ACCESS_TOKEN_TTL_SECONDS = 60;
const SHEET = 'Compilare la scheda di accesso';

/**
 * The caseworker's task and the session around it, on the shipped intake: the access sheet of
 * a referral the sportello registered, prefilled from it; answers kept as a server-side draft
 * through a claim, past the access token's life and past the end of the session; form-js in
 * Italian; the server's refusals beside the fields and in a summary; a completed task and one
 * the user may not see.
 */
describeInBrowser('web client: a task, its form and the session around it', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;
  let personCount = 0;

  beforeAll(async () => {
    server = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TOKEN_TTL_SECONDS) });
    await addAccounts(server);
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  /** A referral from a school for a new person: its access sheet's id, once the unit has it. */
  async function referral(surname: string, name: string, requestText: string) {
    personCount += 1;
    // The access token lasts a minute: a fresh one for each registration.
    const token = await server.login('sportello.iii', PASSWORD);
    const person = await server.request('POST', '/api/persons', {
      token,
      body: {
        taxCode: buildPersonTaxCode({
          letters: `${surname.slice(0, 3)}${name.slice(0, 3)}`.toUpperCase().padEnd(6, 'X'),
          birthDate: `1980-01-${String(10 + personCount).padStart(2, '0')}`,
          sex: 'F',
          placeCode: 'G273',
        }),
        surname,
        name,
        birthDate: `1980-01-${String(10 + personCount).padStart(2, '0')}`,
      },
    });
    expect(person.status).toBe(201);
    const created = await server.request('POST', '/api/referrals', {
      token,
      body: {
        channel: 'school',
        urgency: 'ordinary',
        senderName: 'Istituto comprensivo Oreto',
        personId: person.body.id,
        requestText,
      },
    });
    expect(created.status).toBe(201);
    const anna = await server.login('anna.iii', PASSWORD);
    for (let attempt = 0; attempt < 100; attempt++) {
      const tasks = await server.request(
        'GET',
        `/api/tasks?view=unit-unassigned&caseNumber=${created.body.referralNumber}`,
        { token: anna },
      );
      const task = tasks.body.items?.[0];
      if (task) return { id: task.id as string, number: created.body.referralNumber as string };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the access sheet never reached the unit');
  }

  /** A field of form-js by its label (selects and checklists are its own widgets). */
  const field = (label: string) =>
    page.locator('.fjs-form-field').filter({ has: page.locator('label', { hasText: label }) });

  async function choose(label: string, option: string): Promise<void> {
    await field(label).locator('.fjs-input-group').click();
    await field(label).locator('.fjs-dropdownlist-item', { hasText: option }).click();
  }

  /** The answers that close the intake with information only. */
  async function answerTheRest(): Promise<void> {
    await choose('Area di utenza (ISTAT)', 'Famiglia e minori');
    await page.getByLabel('Familiare', { exact: true }).check();
    await page.getByLabel('Informazione', { exact: true }).check();
  }

  it('opens the access sheet from the tasklist: what it is, prefilled from the referral', async () => {
    const sheet = await referral('Bianchi', 'Rosa', 'La figlia non frequenta da tre settimane.');
    await page.goto('/attivita');
    await signIn(page, 'anna.iii', PASSWORD);
    await page.getByRole('tab', { name: /Da prendere in carico/ }).click();
    await page.locator(`tr[data-task="${sheet.id}"]`).getByRole('link', { name: SHEET }).click();
    await page.getByRole('heading', { level: 1, name: SHEET }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/attivita/${sheet.id}`);
    expect(await page.title()).toBe(`${SHEET} · Percorsi`);

    const facts = page.getByTestId('task-facts');
    expect(await facts.textContent()).toContain('Segretariato sociale: accoglienza e orientamento');
    expect(await facts.textContent()).toContain('Bianchi Rosa');
    expect(await facts.textContent()).toContain(sheet.number);
    expect(await facts.textContent()).toContain('(scade tra 5 giorni)');
    expect(await page.getByTestId('task-holder').textContent()).toBe(
      'Nessuno: da prendere in carico',
    );

    // The form, with what the sportello registered.
    await page.locator('.fjs-form').waitFor();
    expect(await page.getByLabel('Cognome').inputValue()).toBe('Bianchi');
    expect(await page.getByLabel('Domanda espressa').inputValue()).toBe(
      'La figlia non frequenta da tre settimane.',
    );
    expect(await page.getByLabel('Inviato da terzi').isChecked()).toBe(true);
    expect(await page.getByLabel('Data di accesso').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    // Nobody holds it: it can be claimed, not completed.
    expect(await page.getByRole('button', { name: 'Completa' }).count()).toBe(0);
    await page.getByTestId('claim-hint').waitFor();
    await checkScreen(page, 'attivita-scheda-di-accesso');
  });

  it('keeps answers written before the claim as a draft, and through the claim', async () => {
    await page.getByLabel('Note').fill('Sentire la scuola prima del colloquio.');
    await page.getByText(/^Bozza salvata alle \d{2}:\d{2}$/).waitFor();
    await page.getByRole('button', { name: 'Prendi in carico' }).click();
    await page.getByText('Attività presa in carico: le risposte già scritte restano.').waitFor();
    expect(await page.getByTestId('task-holder').textContent()).toBe('Anna Rinaldi (lei)');
    expect(await page.getByLabel('Note').inputValue()).toBe(
      'Sentire la scuola prima del colloquio.',
    );
    // And on the server, for a new visit.
    await page.reload();
    await page.locator('.fjs-form').waitFor();
    expect(await page.getByLabel('Note').inputValue()).toBe(
      'Sentire la scuola prima del colloquio.',
    );
    await page.getByText(/^Bozza salvata alle \d{2}:\d{2}$/).waitFor();
  });

  it('speaks Italian: form-js’s messages, placeholders and date picker', async () => {
    const select = field('Area di utenza (ISTAT)');
    expect(await select.locator('.fjs-select-display').textContent()).toBe('Scegliere…');
    expect(await page.getByLabel('Data di accesso').getAttribute('placeholder')).toBe('gg/mm/aaaa');
    await page.getByLabel('Data di accesso').click();
    const calendar = page.locator('.flatpickr-calendar.open');
    await calendar.waitFor();
    expect(await calendar.locator('.flatpickr-weekday').first().textContent()).toMatch(/Lun/);
    const months = await calendar.locator('.flatpickr-monthDropdown-month').allTextContents();
    expect(months.slice(0, 3)).toEqual(['Gennaio', 'Febbraio', 'Marzo']);
    await page.keyboard.press('Escape');

    // An empty required field: form-js's message, in Italian, beside it and in the summary.
    await page.getByLabel('Domanda espressa').fill('');
    await page.getByRole('button', { name: 'Completa' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Domanda espressa: Campo obbligatorio.');
    expect(await summary.textContent()).toContain('Area di utenza (ISTAT): Campo obbligatorio.');
    expect(await field('Domanda espressa').locator('.fjs-form-field-error').textContent()).toBe(
      'Campo obbligatorio.',
    );
    expect(await page.locator('.fjs-form-field-error', { hasText: /Field|required/ }).count()).toBe(
      0,
    );
    // The summary has the focus; its link takes the keyboard to the field.
    expect(await page.evaluate('document.activeElement?.dataset.testid')).toBe('error-summary');
    await summary.getByRole('link', { name: 'Domanda espressa' }).click();
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('TEXTAREA');
    await checkScreen(page, 'attivita-modulo-errori');
  });

  it('shows the server’s refusal beside its field and in the summary, then completes', async () => {
    await page.getByLabel('Domanda espressa').fill('La figlia non frequenta da tre settimane.');
    await answerTheRest();
    // A value the browser cannot produce, sent once: the server's answer names the field.
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
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/Motivo: Valore non ammesso \("weather"\)/);
    expect(await field('Motivo').locator('.fjs-form-field-error').textContent()).toMatch(
      /^Valore non ammesso/,
    );

    await page.getByRole('button', { name: 'Completa' }).click();
    await page.getByText(`Attività completata: ${SHEET}.`).waitFor();
    expect(new URL(page.url()).pathname).toBe('/attivita');
  });

  it('reads a completed task as such: who, when; no form', async () => {
    const [completed] = (
      await server.request('GET', '/api/tasks?view=completed', {
        token: await server.login('anna.iii', PASSWORD),
      })
    ).body.items;
    await page.goto(`/attivita/${completed.id}`);
    await page.getByRole('heading', { level: 1, name: SHEET }).waitFor();
    expect(await page.getByTestId('task-state').textContent()).toMatch(
      /^Completata da Anna Rinaldi il \d{2}\/\d{2}\/\d{2}, \d{2}:\d{2}$/,
    );
    expect(await page.locator('.fjs-form').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Completa|Prendi in carico/ }).count()).toBe(0);
    await checkScreen(page, 'attivita-completata');
  });

  it('says so for a task the user may not see, with the way back', async () => {
    await page.goto('/attivita/2251799813999999');
    await page.getByRole('heading', { level: 1, name: 'Attività non trovata' }).waitFor();
    await checkScreen(page, 'attivita-non-trovata');
    await page.getByRole('link', { name: 'Torna alle attività' }).click();
    await page.getByRole('heading', { level: 1, name: 'Attività' }).waitFor();
  });

  it('shows a colleague’s task naming who holds it; its data only to the unit’s coordinator', async () => {
    const sheet = await referral('Neri', 'Lucia', 'Richiesta di sostegno economico.');
    const bruno = await server.login('bruno.iii', PASSWORD);
    expect(
      (await server.request('POST', `/api/tasks/${sheet.id}/claim`, { token: bruno })).status,
    ).toBe(200);
    await page.goto(`/attivita/${sheet.id}`);
    expect(await page.getByTestId('task-holder').textContent()).toBe('Bruno Greco');
    await page
      .getByText('In carico a Bruno Greco: solo chi l’ha in carico può compilare il modulo.')
      .waitFor();
    // Anna follows no case of this referral: what Bruno is writing is not hers to read.
    expect(await page.getByTestId('form-reserved').textContent()).toBe(
      'I dati di questa attività sono riservati a chi l’ha in carico, a chi segue la cartella e al coordinatore dell’unità.',
    );
    expect(await page.locator('.fjs-form').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Completa' }).count()).toBe(0);
    await checkScreen(page, 'attivita-di-un-collega');

    await signOut(page);
    await page.goto(`/attivita/${sheet.id}`);
    await signIn(page, 'coord.iii', PASSWORD);
    await page.locator('.fjs-form').waitFor();
    expect(await page.getByLabel('Note').isEditable()).toBe(false);
    expect(await page.getByRole('button', { name: 'Completa' }).count()).toBe(0);
    await signOut(page);
    await page.goto('/');
    await signIn(page, 'anna.iii', PASSWORD);
  });

  it('completes a form filled past the access token’s life, without losing an answer', async () => {
    const sheet = await referral('Verdi', 'Paola', 'Chiede informazioni sul contributo affitti.');
    await page.goto(`/attivita/${sheet.id}`);
    await page.getByRole('button', { name: 'Prendi in carico' }).click();
    await page.getByTestId('task-holder').getByText('Anna Rinaldi (lei)').waitFor();
    await page.getByLabel('Note').fill('Scritto prima della scadenza del token.');
    await choose('Area di utenza (ISTAT)', 'Povertà, disagio adulti e senza dimora');

    const renewals: string[] = [];
    const onRequest = (request: Request) => {
      if (request.url().endsWith('/api/auth/refresh')) renewals.push(request.method());
    };
    page.on('request', onRequest);
    try {
      // Real time, past the token's life: the browser renews it by itself.
      await page.waitForTimeout((ACCESS_TOKEN_TTL_SECONDS + 5) * 1000);
      await page.getByLabel('Economica').check();
      await page.getByLabel('Orientamento', { exact: true }).check();
      const sent = page.waitForRequest('**/api/tasks/*/complete');
      await page.getByRole('button', { name: 'Completa' }).click();
      const variables = (await sent).postDataJSON().variables;
      await page.getByText(`Attività completata: ${SHEET}.`).waitFor();
      expect(variables).toMatchObject({
        notes: 'Scritto prima della scadenza del token.',
        userArea: 'povertyAdultHardshipHomeless',
        reasons: ['economic'],
        outcome: 'guidance',
        expressedRequest: 'Chiede informazioni sul contributo affitti.',
      });
      expect(renewals.length).toBeGreaterThan(0);
    } finally {
      page.off('request', onRequest);
    }
  }, 120_000);

  it('brings the user back to the same task, answers restored, when the session ended mid-form', async () => {
    const sheet = await referral('Russo', 'Carla', 'Anziana sola, chiede assistenza domiciliare.');
    const other = await openBrowser(server.baseUrl);
    try {
      const tab = other.page;
      await tab.clock.install();
      await tab.goto(`/attivita/${sheet.id}`);
      await signIn(tab, 'anna.iii', PASSWORD);
      await tab.getByRole('button', { name: 'Prendi in carico' }).click();
      await tab.getByTestId('task-holder').getByText('Anna Rinaldi (lei)').waitFor();
      await tab.getByLabel('Note').fill('Visita domiciliare da fissare con la figlia.');
      // The pause after writing: the draft is kept.
      await tab.clock.runFor(3_000);
      await tab.getByText(/^Bozza salvata alle \d{2}:\d{2}$/).waitFor();

      // The session (12 hours) ends while the form is open: the sign-in, at the same address.
      await tab.clock.fastForward('12:05:00');
      await tab.getByText('La sessione è scaduta: accedere di nuovo per continuare.').waitFor();
      expect(new URL(tab.url()).pathname).toBe(`/attivita/${sheet.id}`);
      // The next morning, the PC's clock where the server's is.
      await tab.clock.setSystemTime(new Date());
      await tab.getByLabel('Nome utente').fill('anna.iii');
      await tab.getByLabel('Password').fill(PASSWORD);
      await tab.getByRole('button', { name: 'Entra' }).click();
      await tab.getByRole('heading', { level: 1, name: SHEET }).waitFor();
      await tab.locator('.fjs-form').waitFor();
      expect(await tab.getByLabel('Note').inputValue()).toBe(
        'Visita domiciliare da fissare con la figlia.',
      );
      await tab.getByText(/^Bozza salvata alle \d{2}:\d{2}$/).waitFor();

      // "Scarta la bozza": the path's data again, and nothing kept on the server.
      await tab.getByRole('button', { name: 'Scarta la bozza' }).click();
      await tab
        .getByText('Bozza scartata: il modulo mostra di nuovo i dati del percorso.')
        .waitFor();
      expect(await tab.getByLabel('Note').inputValue()).toBe('');
      const draft = await server.request('GET', `/api/tasks/${sheet.id}/draft`, {
        token: await server.login('anna.iii', PASSWORD),
      });
      expect(draft.status).toBe(404);
      expect(other.problems).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
