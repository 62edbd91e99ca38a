import { Page } from 'playwright-core';
import { buildPersonTaxCode } from '../../src/cases/tax-code/__tests__/build-person-tax-code';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { addAccounts, PASSWORD } from './accounts';
import { PROVA_FORM, PROVA_ID, PROVA_NAME, provaModel } from './admin-models';
import { Browser, checkScreen, describeInBrowser, openBrowser, signIn, signOut } from './browser';
import { pdf } from '../support/documents';

/** The couple's first applicant, whose name the case carries. */
const PAOLO = buildPersonTaxCode({
  letters: 'GRCPLA',
  birthDate: '1984-05-12',
  sex: 'M',
  placeCode: 'G273',
});
const REQUEST =
  'Il Tribunale per i Minorenni chiede l’indagine psico-sociale sulla coppia Greco–Ferri, che ha presentato domanda di adozione nazionale.';
const DECREE = pdf('Decreto del Tribunale per i Minorenni');
const SHEET = 'Compilare la scheda di accesso';
const ASSIGN = 'Assegnare il case manager';
const INQUIRY_DEADLINE = 'Indagine psico-sociale (adozione nazionale)';
const INQUIRY = 'Indagine psico-sociale e relazione';

const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Rome' });
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', {
    timeZone: 'Europe/Rome',
  });

/**
 * One day of the service in the browser, across every role, on the shipped paths: the front
 * office registers a court's request with its letter; the unit's caseworker finds the access
 * sheet prefilled from it and opens the case on the adoption path; the coordinator assigns the
 * case manager, extends the inquiry's 120 days and sees the history; the caseworker writes in
 * the diary, uploads and downloads a document and records the court's decree, which moves the
 * path; the administrator edits a task's candidate group and a timer in the properties panel,
 * publishes, sees the new version run and retries an incident. Screenshots of each step go to
 * docs/screenshots with SCREENSHOTS=1 (`giornata-…`).
 */
describeInBrowser('web client: a day of the service, every role in turn', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;
  let referralNumber: string;
  let caseNumber: string;
  let caseId: string;
  let inquiryBeforeProroga: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestApp();
    await addAccounts(server);
    tokens.admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    tokens.worker = await server.workerLogin();
    for (const who of ['anna.iii', 'coord.iii']) tokens[who] = await server.login(who, PASSWORD);
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  const api = (who: string, method: string, path: string, body?: unknown) =>
    server.request(method, `/api${path}`, { token: tokens[who], body });

  /** Waits for something the engine does in the background (tasks, jobs, messages). */
  async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>) {
    for (let attempt = 0; attempt < 150; attempt++) {
      const found = await probe();
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`never happened: ${what}`);
  }

  /** The case's open task of that name for this person (not `notId`, one it replaced). */
  function findTask(who: string, name: string, notId?: string) {
    return until(`the task «${name}»`, async () => {
      for (const view of ['mine', 'unit-unassigned']) {
        const page = await api(who, 'GET', `/tasks?view=${view}&caseNumber=${caseNumber}`);
        const found = (page.body.items ?? []).find(
          (t: { id: string; name: string }) => t.name === name && t.id !== notId,
        );
        if (found) return found as { id: string; assignee: string | null };
      }
      return null;
    });
  }

  /** A step the journey does not watch, done as its holder would over HTTP. */
  async function complete(
    who: string,
    name: string,
    variables: Record<string, unknown>,
    notId?: string,
  ) {
    const task = await findTask(who, name, notId);
    if (!task.assignee)
      expect((await api(who, 'POST', `/tasks/${task.id}/claim`)).status).toBe(200);
    const done = await api(who, 'POST', `/tasks/${task.id}/complete`, { variables });
    expect({ name, status: done.status, body: done.body }).toMatchObject({ name, status: 204 });
  }

  /** form-js's own select: open it and pick the option. */
  async function choose(label: string, option: string): Promise<void> {
    const field = page
      .locator('.fjs-form-field')
      .filter({ has: page.locator('label', { hasText: label }) });
    await field.locator('.fjs-input-group').click();
    await field.locator('.fjs-dropdownlist-item', { hasText: option }).click();
  }

  const menu = (name: string) =>
    page
      .getByRole('navigation', { name: 'Menu principale' })
      .getByRole('link', { name, exact: true })
      .click();

  it('front office: registers the applicant and the court’s request, with its letter', async () => {
    await page.goto('/');
    await signIn(page, 'sportello.iii', PASSWORD);
    await page.getByRole('link', { name: 'Registra una persona' }).click();
    await page.getByLabel('Codice fiscale').fill(PAOLO);
    await page.getByLabel('Cognome').fill('Greco');
    await page.getByLabel(/^Nome/).fill('Paolo');
    await page.getByRole('button', { name: 'Registra la persona' }).click();
    await page.getByRole('heading', { level: 1, name: 'Greco Paolo' }).waitFor();

    await page.getByRole('link', { name: 'Nuova segnalazione' }).click();
    await page.getByLabel('Canale').selectOption('court');
    await page.getByLabel('Chi invia').fill('Tribunale per i Minorenni di Palermo');
    await page.getByRole('textbox', { name: 'Richiesta' }).fill(REQUEST);
    await page.getByLabel('Scegli i file').setInputFiles({
      name: 'richiesta-tribunale.pdf',
      mimeType: 'application/pdf',
      buffer: DECREE,
    });
    await checkScreen(page, 'giornata-1-sportello-segnalazione');
    await page.getByRole('button', { name: 'Registra la segnalazione' }).click();
    const heading = page.getByRole('heading', {
      level: 1,
      name: /^Segnalazione SEG-III-\d{4}-\d{6}$/,
    });
    await heading.waitFor();
    referralNumber = (await heading.textContent())!.replace('Segnalazione ', '');
    await page
      .getByText('1 documento allegato: li consultano gli assistenti sociali dell’unità.')
      .waitFor();
    await checkScreen(page, 'giornata-2-sportello-registrata');
    await signOut(page);
  });

  it('caseworker: finds the access sheet prefilled from the referral and opens the case on the adoption path', async () => {
    await page.goto('/');
    await signIn(page, 'anna.iii', PASSWORD);
    await page.getByRole('tab', { name: /Da prendere in carico/ }).click();
    const row = page.locator('tr[data-task]').filter({ hasText: referralNumber });
    await row.waitFor();
    expect(await row.textContent()).toContain('Greco Paolo');
    await checkScreen(page, 'giornata-3-attivita');
    await row.getByRole('link', { name: SHEET }).click();
    await page.getByRole('heading', { level: 1, name: SHEET }).waitFor();
    await page.locator('.fjs-form').waitFor();
    // What the sportello registered, not typed again.
    expect(await page.getByLabel('Cognome').inputValue()).toBe('Greco');
    expect(await page.getByLabel('Domanda espressa').inputValue()).toBe(REQUEST);
    expect(await page.getByLabel('Ente o persona che invia (nome e recapito)').inputValue()).toBe(
      'Tribunale per i Minorenni di Palermo',
    );
    await page.getByRole('button', { name: 'Prendi in carico' }).click();
    await choose('Area di utenza (ISTAT)', 'Famiglia e minori');
    await page.getByLabel('Giudiziaria', { exact: true }).check();
    await page
      .getByLabel("Invio all'assistente sociale per presa in carico", { exact: true })
      .check();
    await choose('Percorso da aprire', 'Adozione: indagine psico-sociale');
    await checkScreen(page, 'giornata-4-scheda-di-accesso');
    await page.getByRole('button', { name: 'Completa' }).click();
    await page.getByText(`Attività completata: ${SHEET}.`).waitFor();

    const opened = await until('the case opened by the access sheet', async () => {
      const referral = (await api('anna.iii', 'GET', '/referrals')).body.items?.find(
        (r: { referralNumber: string }) => r.referralNumber === referralNumber,
      );
      return referral?.caseNumber ? referral : null;
    });
    caseNumber = opened.caseNumber;
    caseId = opened.caseId;
    await signOut(page);
  });

  it('coordinator: assigns the case manager from the unit’s board, then extends the inquiry’s 120 days and sees its history', async () => {
    await page.goto('/');
    await signIn(page, 'coord.iii', PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Bacheca dell’unità' }).waitFor();
    await checkScreen(page, 'giornata-5-unita');
    await menu('Attività');
    await page.getByRole('tab', { name: /Da prendere in carico/ }).click();
    const row = page.locator('tr[data-task]').filter({ hasText: caseNumber });
    await row.getByRole('link', { name: ASSIGN }).click();
    await page.getByRole('heading', { level: 1, name: ASSIGN }).waitFor();
    await page.getByRole('button', { name: 'Prendi in carico' }).click();
    await choose('Assistente sociale responsabile del caso', 'Anna Rinaldi');
    await page.getByRole('button', { name: 'Completa' }).click();
    await page.getByText(`Attività completata: ${ASSIGN}.`).waitFor();

    // The case manager registers the court's application: the 120 days of the inquiry start.
    await complete('anna.iii', 'Registrare la domanda e il tipo di adozione', {
      adoptionType: 'national',
      docketNumber: '55/2026 A.N.',
      applicationDate: today(),
      tmRequestDate: today(),
      applicants: 'Greco Paolo e Ferri Giulia, via Libertà 10, Palermo',
    });
    await until(
      'the inquiry’s deadline',
      async () => (await api('coord.iii', 'GET', `/cases/${caseId}/deadlines`)).body?.length === 1,
    );

    // A proroga re-arms the inquiry's timer on a new task: the caseworker then does the new one.
    inquiryBeforeProroga = (await findTask('anna.iii', INQUIRY)).id;
    await menu('Scadenze');
    // 120 days away, so not yet at risk: the running ones.
    await page.getByLabel('Stato').selectOption({ label: 'In corso' });
    await page.getByRole('button', { name: 'Filtra' }).click();
    const deadline = page.locator('tr[data-deadline]').filter({ hasText: caseNumber });
    await deadline.waitFor();
    expect(await deadline.textContent()).toContain(INQUIRY_DEADLINE);
    await deadline.getByRole('button', { name: /^Proroga/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Proroga della scadenza' });
    await dialog.getByText('La legge consente una sola proroga per questa scadenza.').waitFor();
    await dialog.getByLabel('Quanti').fill('60');
    await dialog.getByLabel('Unità di misura').selectOption({ label: 'giorni di calendario' });
    await dialog
      .getByLabel('Motivo')
      .fill('Visita domiciliare rinviata su richiesta della coppia.');
    await dialog.getByLabel('Concessa da').fill('Tribunale per i Minorenni');
    await dialog.getByRole('button', { name: 'Registra la proroga' }).click();
    const history = dialog.locator('tr[data-extension]');
    await history.waitFor();
    expect(await history.textContent()).toContain(
      'Visita domiciliare rinviata su richiesta della coppia.',
    );
    expect(await history.textContent()).toContain('Carla Coordinatrice');
    await checkScreen(page, 'giornata-6-proroga');
    await dialog.getByRole('button', { name: 'Chiudi' }).first().click();
    await signOut(page);
  });

  it('caseworker: writes in the diary, uploads and downloads a document, records the court’s decree, and the path moves on', async () => {
    // The inquiry is done and the report sent: the path waits for the court.
    await complete(
      'anna.iii',
      INQUIRY,
      {
        homeVisitDate: today(),
        personalAndEconomicSituation:
          'Entrambi impiegati a tempo indeterminato; casa di proprietà.',
        health: 'Nessuna patologia rilevante.',
        familyEnvironment: 'Famiglie di origine presenti e favorevoli.',
        motivation: 'Desiderio maturato dopo un percorso di infertilità elaborato.',
        fitnessToRaise: 'Buone capacità di cura e di ascolto.',
        serviceAssessment: 'favourable',
        reportDate: today(),
      },
      inquiryBeforeProroga,
    );
    await complete('coord.iii', 'Trasmettere la relazione al Tribunale per i Minorenni', {
      completedOn: today(),
    });

    await page.goto(`/casi/${caseNumber}`);
    await signIn(page, 'anna.iii', PASSWORD);
    const tab = (key: string) => page.locator(`[data-tab="${key}"]`);
    const open = async (name: RegExp | string, key: string) => {
      await page.getByRole('tab', { name }).click();
      await tab(key).waitFor();
    };
    await page.getByRole('region', { name: 'Sintesi della cartella' }).waitFor();
    await checkScreen(page, 'giornata-7-cartella');

    await open('Diario e cronologia', 'diario');
    await tab('diario').getByLabel('Tipo').selectOption({ label: 'Colloquio' });
    await tab('diario')
      .getByLabel('Testo')
      .fill('Primo colloquio con la coppia: disponibili e collaborativi.');
    await tab('diario').getByRole('button', { name: 'Registra nel diario' }).click();
    await tab('diario').getByText('Voce registrata nel diario: Colloquio.').waitFor();

    await open('Documenti', 'documenti');
    // The court's letter the sportello attached came with the case.
    await tab('documenti').getByRole('button', { name: 'richiesta-tribunale.pdf' }).waitFor();
    await tab('documenti').getByLabel('Scegli il file').setInputFiles({
      name: 'decreto-affidamento.pdf',
      mimeType: 'application/pdf',
      buffer: DECREE,
    });
    await tab('documenti').getByRole('button', { name: 'Carica' }).click();
    await tab('documenti').getByText('Caricato: decreto-affidamento.pdf.').waitFor();
    const download = page.waitForEvent('download');
    await tab('documenti').getByRole('button', { name: 'decreto-affidamento.pdf' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('decreto-affidamento.pdf');
    const saved = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of saved) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(DECREE)).toBe(true);
    await checkScreen(page, 'giornata-8-documenti');

    await open(/Decisioni esterne/, 'decisioni');
    const decision = 'Affidamento preadottivo disposto dal Tribunale per i Minorenni';
    await tab('decisioni')
      .getByRole('button', { name: `Registra: ${decision}` })
      .click();
    const form = tab('decisioni').getByRole('form', { name: `Registra: ${decision}` });
    await form.getByLabel(/^Data di inizio dell.affidamento/).fill(inDays(3));
    const attached = form.getByLabel('Documento allegato (facoltativo)');
    await attached.selectOption(
      (await attached
        .locator('option', { hasText: 'decreto-affidamento.pdf' })
        .getAttribute('value'))!,
    );
    await checkScreen(page, 'giornata-9-decreto');
    await form.getByRole('button', { name: 'Registra la decisione' }).click();
    await tab('decisioni')
      .getByText(/^Decisione registrata: /)
      .waitFor();
    // The path moves on: a year of pre-adoptive placement, monitored by the case manager.
    await page
      .getByRole('region', { name: 'Sintesi della cartella' })
      .getByText(/Vigilanza sull'affidamento preadottivo/)
      .waitFor();
    await menu('Attività');
    await page
      .locator('tr[data-task]')
      .filter({ hasText: caseNumber })
      .getByRole('link', { name: "Vigilanza sull'affidamento preadottivo e relazione" })
      .waitFor();
    await checkScreen(page, 'giornata-10-attivita');
    await signOut(page);
  });

  it('administrator: edits a candidate group and a timer in the properties panel, publishes, sees the new version run and retries an incident', async () => {
    expect(
      (
        await api('admin', 'POST', '/forms', {
          name: 'colloquio.form',
          schema: PROVA_FORM,
        })
      ).status,
    ).toBe(201);
    expect(
      (await api('admin', 'POST', '/models', { name: 'prova.bpmn', xml: provaModel() })).status,
    ).toBe(201);

    await page.goto('/');
    await signIn(page, 'admin', TEST_ADMIN_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Modelli dei percorsi' }).waitFor();
    await page
      .locator(`tr[data-model="${PROVA_ID}"]`)
      .getByRole('link', { name: PROVA_NAME })
      .click();
    await page.getByRole('link', { name: 'Apri l’ultima versione' }).click();
    const canvas = page.locator('.modeler-canvas');
    const element = (id: string) => canvas.locator(`.djs-element[data-element-id="${id}"]`);
    const group = (id: string) => page.locator(`.modeler-panel [data-group-id="group-${id}"]`);
    const openGroup = async (id: string) => {
      const header = group(id).locator('.bio-properties-panel-group-header');
      if (!((await header.getAttribute('class')) ?? '').includes('open')) await header.click();
    };
    await element('colloquio').click();
    await openGroup('assignmentDefinition');
    await page.getByLabel('Gruppi candidati').fill('coordinator');
    await element('attesa').click();
    await openGroup('timer');
    await group('timer').getByLabel('Valore').fill('PT72H');
    await checkScreen(page, 'giornata-11-modeler');
    await page.getByRole('button', { name: 'Pubblica' }).click();
    await page.getByText(`Pubblicata la versione 2 di «${PROVA_NAME}».`).waitFor();

    // A case starts on the new version: the coordinators now hold its interview.
    const started = await api('admin', 'POST', '/process-instances', {
      bpmnProcessId: PROVA_ID,
      businessKey: caseNumber,
    });
    expect(started.status).toBe(201);
    const key = started.body.processInstanceKey as string;
    await menu('Istanze');
    await page.getByLabel('Percorso').selectOption({ label: PROVA_NAME });
    await page.getByRole('button', { name: 'Filtra' }).click();
    const instance = page.locator(`tr[data-instance="${key}"]`);
    await instance.waitFor();
    expect(await instance.textContent()).toContain('versione 2');
    const interview = await until('the interview for the coordinators', async () => {
      const tasks = await api(
        'coord.iii',
        'GET',
        `/tasks?view=unit-unassigned&caseNumber=${caseNumber}`,
      );
      return (tasks.body.items ?? []).find(
        (t: { name: string; candidateGroups: string[] }) =>
          t.name === 'Colloquio con la persona' && t.candidateGroups.includes('coordinator'),
      );
    });
    expect(interview.dueDate).toBeNull();
    // Done; the office's worker cannot send it: its job fails to no retries, an incident.
    expect((await api('coord.iii', 'POST', `/tasks/${interview.id}/claim`)).status).toBe(200);
    expect(
      (
        await api('coord.iii', 'POST', `/tasks/${interview.id}/complete`, {
          variables: { esito: 'held' },
        })
      ).status,
    ).toBe(204);
    /** The office's worker takes this instance's sending job, once the engine offers it. */
    const sendingJob = (what: string) =>
      until(what, async () => {
        const jobs = (
          await api('worker', 'POST', '/jobs/activate', {
            type: 'adm-invio',
            maxJobs: 5,
            timeoutMs: 60_000,
            worker: 'ufficio',
          })
        ).body.jobs as Array<{ key: string; processInstanceKey: string }>;
        return jobs.find((j) => j.processInstanceKey === key);
      });
    const job = await sendingJob('the sending job');
    expect(
      (
        await api('worker', 'POST', `/jobs/${job.key}/fail`, {
          retries: 0,
          errorMessage: 'Ufficio protocollo non raggiungibile',
        })
      ).status,
    ).toBe(204);

    await menu('Incidenti');
    const incident = page.locator('tr[data-incident]').filter({ hasText: caseNumber });
    await incident.waitFor();
    expect(await incident.textContent()).toContain('Ufficio protocollo non raggiungibile');
    await incident.getByRole('link', { name: caseNumber }).click();
    await page.locator('.diagram .djs-element.incident[data-element-id="invio"]').waitFor();
    await checkScreen(page, 'giornata-12-incidente');
    await page
      .getByRole('button', { name: /^Riprova/ })
      .first()
      .click();
    await page.getByText(/^Incidente risolto/).waitFor();
    const again = await sendingJob('the job offered again');
    expect((await api('worker', 'POST', `/jobs/${again.key}/complete`, {})).status).toBe(204);
    await page.reload();
    await page.getByTestId('stato-istanza').filter({ hasText: 'Conclusa' }).waitFor();
    await signOut(page);
  });
});
