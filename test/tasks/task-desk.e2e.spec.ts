import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher';
import { buildPersonTaxCode } from '../../src/cases/tax-code/__tests__/build-person-tax-code';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'una-password-di-prova';
const ROSA = buildPersonTaxCode({
  letters: 'BNCRSO',
  birthDate: '1990-02-11',
  sex: 'F',
  placeCode: 'G273',
});

/**
 * What the tasklist gives a caseworker to decide and to work with, over HTTP: rows that name
 * the person, the case and the path; counts for the tabs; answers kept as a server-side draft
 * per person, surviving a claim and gone with the completion; the access sheet opening with
 * what the sportello registered; the sportello's list of referrals and where each stands.
 */
describe('tasklist for the desk: names, counts, drafts, prefilled access sheet, referrals', () => {
  let server: TestApp;
  let db: DataSource;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ token: tokens[who] });
  let referral: { id: string; referralNumber: string };
  let sheetId: string;

  beforeAll(async () => {
    server = await startTestApp();
    db = server.app.get(DataSource);
    const hash = await hashPassword(PASSWORD);
    for (const [username, role, unit] of [
      ['front.iii', 'front-office', 'III'],
      ['anna.iii', 'caseworker', 'III'],
      ['bruno.iii', 'caseworker', 'III'],
      ['coord.iii', 'coordinator', 'III'],
      ['front.v', 'front-office', 'V'],
    ]) {
      await db.query(
        `INSERT INTO account (username, display_name, role, unit_code, password_hash) VALUES ($1, $1, $2, $3, $4)`,
        [username, role, unit, hash],
      );
      tokens[username] = await server.login(username, PASSWORD);
    }
    const person = await server.request('POST', '/api/persons', {
      ...as('front.iii'),
      body: { taxCode: ROSA, surname: 'Bianchi', name: 'Rosa', birthDate: '1990-02-11' },
    });
    const created = await server.request('POST', '/api/referrals', {
      ...as('front.iii'),
      body: {
        channel: 'school',
        urgency: 'urgent',
        senderName: 'Istituto comprensivo Oreto',
        personId: person.body.id,
        requestText: 'La figlia di Rosa non frequenta da tre settimane.',
        receivedAt: '2026-03-02T08:30:00.000Z',
      },
    });
    expect(created.status).toBe(201);
    referral = created.body;
    sheetId = (await taskIn('anna.iii', 'unit-unassigned', referral.referralNumber)).id;
  }, 60_000);
  afterAll(() => server.drop());

  async function taskIn(who: string, view: string, number: string, name?: string) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const page = await server.request(
        'GET',
        `/api/tasks?view=${view}&caseNumber=${number}`,
        as(who),
      );
      const task = (page.body.items ?? []).find((t: { name: string }) => !name || t.name === name);
      if (task) return task;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no task for ${number} in ${who}'s ${view} view`);
  }

  it('names the person and the path on a referral’s access sheet, and logs the page', async () => {
    const task = await taskIn('anna.iii', 'unit-unassigned', referral.referralNumber);
    expect(task).toMatchObject({
      name: 'Compilare la scheda di accesso',
      personName: 'Bianchi Rosa',
      caseId: null,
      pathName: 'Segretariato sociale: accoglienza e orientamento',
      processName: 'Segretariato sociale: accoglienza e orientamento',
    });
    const [logged] = await db.query(
      `SELECT action, entity, person_ids FROM access_log WHERE username = 'anna.iii' AND entity = 'task' ORDER BY id DESC LIMIT 1`,
    );
    expect(logged).toMatchObject({ action: 'search', entity: 'task' });
    expect(logged.person_ids).toHaveLength(1);
  });

  it('counts the views for the tabs', async () => {
    expect((await server.request('GET', '/api/tasks/counts', as('anna.iii'))).body).toEqual({
      mine: 0,
      unitUnassigned: 1,
      unit: null,
      completed: 0,
      overdueMine: 0,
    });
    expect((await server.request('GET', '/api/tasks/counts', as('coord.iii'))).body).toMatchObject({
      unit: 1,
    });
    expect((await server.request('GET', '/api/tasks/counts', as('front.iii'))).status).toBe(403);
  });

  it('opens the access sheet with what the sportello registered', async () => {
    const variables = await server.request(
      'GET',
      `/api/tasks/${sheetId}/variables`,
      as('anna.iii'),
    );
    expect(variables.status).toBe(200);
    expect(variables.body).toMatchObject({
      accessDate: '2026-03-02',
      channel: 'referred',
      referrerType: 'school',
      referrerName: 'Istituto comprensivo Oreto',
      expressedRequest: 'La figlia di Rosa non frequenta da tre settimane.',
      personConcerned: {
        lastName: 'Bianchi',
        firstName: 'Rosa',
        taxCode: ROSA,
        birthDate: '1990-02-11',
      },
    });
    // The request's text stays in the referral: the process never held it.
    const [instance] = await db.query(
      `SELECT variables::text FROM process_instance WHERE business_key = $1`,
      [referral.referralNumber],
    );
    expect(instance.variables).not.toContain('non frequenta');
  });

  it('keeps a candidate’s draft through the claim, for that person only', async () => {
    const draft = { expressedRequest: 'Prima bozza', notes: 'da verificare con la scuola' };
    const saved = await server.request('PUT', `/api/tasks/${sheetId}/draft`, {
      ...as('anna.iii'),
      body: { data: draft },
    });
    expect(saved.status).toBe(200);
    expect(new Date(saved.body.savedAt).getTime()).not.toBeNaN();
    expect(
      (await server.request('POST', `/api/tasks/${sheetId}/claim`, as('anna.iii'))).status,
    ).toBe(200);
    const back = await server.request('GET', `/api/tasks/${sheetId}/draft`, as('anna.iii'));
    expect(back).toMatchObject({ status: 200, body: { data: draft } });
    // Bruno sees the task but it is Anna's now: no draft of his, and he may not write one.
    expect(
      (await server.request('GET', `/api/tasks/${sheetId}/draft`, as('bruno.iii'))).status,
    ).toBe(403);
    expect(
      (
        await server.request('PUT', `/api/tasks/${sheetId}/draft`, {
          ...as('bruno.iii'),
          body: { data: { notes: 'x' } },
        })
      ).status,
    ).toBe(403);
    // The coordinator may fill it too, but reads only a draft of their own.
    const coordinator = await server.request('GET', `/api/tasks/${sheetId}/draft`, as('coord.iii'));
    expect(coordinator).toMatchObject({
      status: 404,
      body: { message: 'Nessuna bozza salvata per questa attività.' },
    });
  });

  it('refuses a draft over 256 KB and anything but an object', async () => {
    const large = await server.request('PUT', `/api/tasks/${sheetId}/draft`, {
      ...as('anna.iii'),
      body: { data: { notes: 'x'.repeat(300 * 1024) } },
    });
    expect(large.status).toBe(413);
    expect(large.body.message).toMatch(/bozza supera/);
    const notObject = await server.request('PUT', `/api/tasks/${sheetId}/draft`, {
      ...as('anna.iii'),
      body: { data: 'testo' },
    });
    expect(notObject.status).toBe(400);
    expect(
      (await server.request('GET', `/api/tasks/${sheetId}/draft`, as('anna.iii'))).body.data,
    ).toMatchObject({ expressedRequest: 'Prima bozza' });
  });

  it('completes the prefilled sheet; the draft goes with the task', async () => {
    // What form-js submits: the form's own fields, here as the prefill left them.
    const { accessDate, channel, referrerType, referrerName, expressedRequest, personConcerned } = (
      await server.request('GET', `/api/tasks/${sheetId}/variables`, as('anna.iii'))
    ).body;
    const done = await server.request('POST', `/api/tasks/${sheetId}/complete`, {
      ...as('anna.iii'),
      body: {
        variables: {
          accessDate,
          channel,
          referrerType,
          referrerName,
          expressedRequest,
          personConcerned,
          userArea: 'familyAndMinors',
          reasons: ['family'],
          outcome: 'takeInCharge',
          pathToOpen: 'minors',
        },
      },
    });
    expect(done.status).toBe(204);
    const [{ drafts }] = await db.query(`SELECT count(*)::int AS drafts FROM task_draft`);
    expect(drafts).toBe(0);
    expect(
      (await server.request('GET', `/api/tasks/${sheetId}/draft`, as('anna.iii'))).status,
    ).toBe(409);
  });

  it('shows the sportello where its referral stands, in its unit only', async () => {
    let page = await server.request('GET', '/api/referrals', as('front.iii'));
    for (let i = 0; i < 100 && page.body.items[0].status !== 'case-opened'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      page = await server.request('GET', '/api/referrals', as('front.iii'));
    }
    expect(page.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(page.body.items[0]).toMatchObject({
      referralNumber: referral.referralNumber,
      status: 'case-opened',
      outcome: 'takeInCharge',
      personName: 'Bianchi Rosa',
      channel: 'school',
      senderName: 'Istituto comprensivo Oreto',
      urgency: 'urgent',
      documentsCount: 0,
      createdByName: 'front.iii',
    });
    expect(page.body.items[0].caseNumber).toMatch(/^SSC-III-\d{4}-\d{6}$/);
    const filtered = await server.request('GET', '/api/referrals?status=closed', as('front.iii'));
    expect(filtered.body).toMatchObject({ items: [], total: 0 });
    const detail = await server.request('GET', `/api/referrals/${referral.id}`, as('front.iii'));
    expect(detail.body).toMatchObject({
      requestText: 'La figlia di Rosa non frequenta da tre settimane.',
    });
    expect(
      (await server.request('GET', `/api/referrals/${referral.id}`, as('front.v'))).status,
    ).toBe(404);
    expect((await server.request('GET', '/api/referrals', as('front.v'))).body.total).toBe(0);
    expect(
      (await server.request('GET', '/api/referrals?status=lost', as('front.iii'))).status,
    ).toBe(400);
  });

  it('names the path a called process belongs to: the take-in-charge of the minors’ path', async () => {
    const caseNumber = (await server.request('GET', '/api/referrals', as('front.iii'))).body
      .items[0].caseNumber;
    const task = await taskIn('coord.iii', 'unit', caseNumber);
    expect(task.processName).toBe('Presa in carico: assegnazione del case manager');
    expect(task.pathName).not.toBe(task.processName);
    expect(task.pathName).toMatch(/minori/i);
    expect(task.personName).toBe('Bianchi Rosa');
    expect(task.caseId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
