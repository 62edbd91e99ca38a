import { Page } from 'playwright-core';
import { buildPersonTaxCode } from '../../src/cases/tax-code/__tests__/build-person-tax-code';
import { startTestApp, TestApp } from '../support/test-app';
import { addAccounts, PASSWORD } from './accounts';
import { Browser, checkScreen, describeInBrowser, openBrowser, signIn } from './browser';
import { pdf } from '../support/documents';

/** Maria Esposito, born 14/03/1985 in Palermo (G273): a fictitious person's code. */
const MARIA = buildPersonTaxCode({
  letters: 'SPSMRA',
  birthDate: '1985-03-14',
  sex: 'F',
  placeCode: 'G273',
});
/** Her son Luca, born 02/09/2014. */
const LUCA = buildPersonTaxCode({
  letters: 'SPSLCU',
  birthDate: '2014-09-02',
  sex: 'M',
  placeCode: 'G273',
});
const PDF = pdf('Segnalazione della scuola');

/**
 * The front office's day at the Sportello di Cittadinanza: find a person, register her (the tax
 * code checked as the API checks it), her household, and a referral with a document; its
 * register number and status are there, in the unit's list too.
 */
describeInBrowser('web client: front office (sportello)', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestApp();
    await addAccounts(server);
    const token = await server.login('sportello.iii', PASSWORD);
    const luca = await server.request('POST', '/api/persons', {
      token,
      body: { taxCode: LUCA, surname: 'Esposito', name: 'Luca', birthDate: '2014-09-02' },
    });
    expect(luca.status).toBe(201);
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
    await signIn(page, 'sportello.iii', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });
  afterEach(() => expect(browser.problems).toEqual([]));

  it('starts at the desk: search, the three registrations, the unit’s latest referrals', async () => {
    await page.getByRole('heading', { level: 1, name: 'Sportello di Cittadinanza' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sportello');
    await page.getByText('Nessuna segnalazione registrata.').waitFor();
    await checkScreen(page, 'sportello');
    await page.getByLabel('Codice fiscale oppure cognome e nome').fill('Esposito Maria');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await page.getByText('Nessuna persona trovata: si può registrarla.').waitFor();
  });

  it('checks the tax code as the API does, fills birth date and sex from it, registers her', async () => {
    await page.getByRole('link', { name: 'Registra una persona' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registra una persona' }).waitFor();
    await page.getByLabel('Cognome').fill('Esposito');
    await page.getByLabel(/^Nome/).fill('Maria');
    // One character changed: the check character no longer matches.
    await page
      .getByLabel('Codice fiscale')
      .fill(`${MARIA.slice(0, 15)}${MARIA[15] === 'A' ? 'B' : 'A'}`);
    await page.locator('#persona-taxCode-error').waitFor();
    expect(await page.locator('#persona-taxCode-error').textContent()).toMatch(
      /carattere di controllo/i,
    );
    await page.getByLabel('Codice fiscale').fill(MARIA.toLowerCase());
    await page.locator('#persona-taxCode-error').waitFor({ state: 'detached' });
    expect(await page.getByLabel('Data di nascita').inputValue()).toBe('1985-03-14');
    expect(await page.getByLabel('Sesso').inputValue()).toBe('F');
    await checkScreen(page, 'sportello-persona-nuova');
    await page.getByRole('button', { name: 'Registra la persona' }).click();
    await page.getByRole('heading', { level: 1, name: 'Esposito Maria' }).waitFor();
    await page.getByText('Persona registrata: Esposito Maria.').waitFor();
    await checkScreen(page, 'sportello-persona');
  });

  it('refuses her a second time, linking to the person already registered', async () => {
    await page.goto('/sportello/persone/nuova');
    await page.getByLabel('Cognome').fill('Esposito');
    await page.getByLabel(/^Nome/).fill('Maria');
    await page.getByLabel('Codice fiscale').fill(MARIA);
    await page.getByRole('button', { name: 'Registra la persona' }).click();
    await page.getByText('Persona già registrata con questo codice fiscale.').waitFor();
    await page.getByRole('link', { name: 'Apri la scheda della persona già registrata' }).click();
    await page.getByRole('heading', { level: 1, name: 'Esposito Maria' }).waitFor();
  });

  it('registers her household with her son', async () => {
    await page.getByRole('link', { name: 'Nuovo nucleo familiare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registra un nucleo familiare' }).waitFor();
    await page.getByLabel('Indirizzo').fill('Via Oreto 120, Palermo');
    await page
      .getByLabel('Aggiungi un componente: codice fiscale oppure cognome e nome')
      .fill(LUCA);
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await page.getByRole('button', { name: 'Aggiungi' }).click();
    await page.getByLabel('Relazione di Esposito Luca').selectOption('figlio/a');
    await checkScreen(page, 'sportello-nucleo-nuovo');
    await page.getByRole('button', { name: 'Registra il nucleo' }).click();
    await page.getByText('Nucleo familiare registrato: Via Oreto 120, Palermo.').waitFor();
    await page.getByText('Via Oreto 120, Palermo · Unità III · intestatario').waitFor();
  });

  it('registers a referral for her with a document: number, status, in the unit’s list', async () => {
    await page.getByRole('link', { name: 'Nuova segnalazione' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registra una segnalazione' }).waitFor();
    await page.locator('[data-testid="persona-scelta"]').getByText('Esposito Maria').waitFor();
    await page.getByLabel('Canale').selectOption('school');
    await page.getByRole('button', { name: 'Registra la segnalazione' }).click();
    // The browser's own checks: the sender and the request are missing.
    const summary = page.locator('[data-testid="error-summary"]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Chi invia');
    expect(await summary.textContent()).toContain('Richiesta');
    await page.getByLabel('Chi invia').fill('Istituto comprensivo Oreto');
    await page.getByLabel('Urgenza').selectOption('urgent');
    await page
      .getByRole('textbox', { name: 'Richiesta' })
      .fill('La scuola segnala assenze ripetute di Luca e una situazione economica difficile.');
    await page
      .getByLabel('Scegli i file')
      .setInputFiles({ name: 'relazione-scuola.pdf', mimeType: 'application/pdf', buffer: PDF });
    await checkScreen(page, 'sportello-segnalazione-nuova');
    await page.getByRole('button', { name: 'Registra la segnalazione' }).click();
    const heading = page.getByRole('heading', {
      level: 1,
      name: /^Segnalazione SEG-III-\d{4}-\d{6}$/,
    });
    await heading.waitFor();
    const number = (await heading.textContent())!.replace('Segnalazione ', '');
    await page.getByText(`Segnalazione registrata con il numero ${number}.`).waitFor();
    await page
      .getByText('1 documento allegato: li consultano gli assistenti sociali dell’unità.')
      .waitFor();
    await checkScreen(page, 'sportello-segnalazione');
    await page.getByRole('link', { name: 'Segnalazioni', exact: true }).first().click();
    const row = page.locator(`tr[data-referral="${number}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Esposito Maria');
    expect(await row.textContent()).toContain('Urgente');
    await checkScreen(page, 'sportello-segnalazioni');
  });
});
