import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher';
import { buildPersonTaxCode } from '../../src/cases/tax-code/__tests__/build-person-tax-code';
import { startTestApp, TestApp } from '../support/test-app';
import { pdf as pdfDocument } from '../support/documents';

const PASSWORD = 'una-password-di-prova';
const YEAR = new Date().getFullYear();

/** Persons, cases, diary, documents and referrals over real HTTP, with the unit and role rules. */
describe('cases and people', () => {
  let server: TestApp;
  let db: DataSource;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const as = (who: string) => ({ token: tokens[who] });
  const auditCount = async () =>
    (await db.query(`SELECT count(*)::int AS n FROM access_log`))[0].n as number;
  const person = (letters: string, birthDate: string, sex: 'F' | 'M') => ({
    taxCode: buildPersonTaxCode({ letters, birthDate, sex, placeCode: 'G273' }),
    birthDate,
    sex,
  });

  beforeAll(async () => {
    server = await startTestApp();
    db = server.app.get(DataSource);
    const accounts: Array<[string, string, string, string | null]> = [
      ['coord.iii', 'Carmela Russo', 'coordinator', 'III'],
      ['anna.iii', 'Anna Bianchi', 'caseworker', 'III'],
      ['bruno.iii', 'Bruno Neri', 'caseworker', 'III'],
      ['carla.v', 'Carla Greco', 'caseworker', 'V'],
      ['front.iii', 'Franco Sportello', 'front-office', 'III'],
      ['front.v', 'Fabio Sportello', 'front-office', 'V'],
      ['boss', 'Dirigente', 'manager', null],
    ];
    const hash = await hashPassword(PASSWORD);
    for (const [username, displayName, role, unit] of accounts) {
      const [row] = await db.query(
        `INSERT INTO account (username, display_name, role, unit_code, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [username, displayName, role, unit, hash],
      );
      ids[username] = row.id;
      tokens[username] = await server.login(username, PASSWORD);
    }
  });
  afterAll(() => server.drop());

  let rossi: { id: string; taxCode: string };
  let caseId: string;

  it('the front office registers a person with a checked tax code, once', async () => {
    const data = { surname: 'Rossi', name: 'Maria', ...person('RSSMRA', '1984-03-12', 'F') };
    const created = await server.request('POST', '/api/persons', {
      ...as('front.iii'),
      body: data,
    });
    expect(created.status).toBe(201);
    rossi = created.body;
    const again = await server.request('POST', '/api/persons', { ...as('front.iii'), body: data });
    expect(again.status).toBe(409);
    expect(again.body.details).toEqual({ personId: rossi.id });
    const wrongCode = `${data.taxCode.slice(0, 15)}${data.taxCode[15] === 'A' ? 'B' : 'A'}`;
    const wrong = await server.request('POST', '/api/persons', {
      ...as('front.iii'),
      body: { ...data, taxCode: wrongCode },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('taxCode');
    // The tax code is checked as on registration: as typed at the desk, or refused with the reason.
    const spaced = `${data.taxCode.slice(0, 6)} ${data.taxCode.slice(6)}`.toLowerCase();
    const found = await server.request(
      'GET',
      `/api/persons?taxCode=${encodeURIComponent(spaced)}`,
      as('front.iii'),
    );
    expect(found.body.map((p: { id: string }) => p.id)).toEqual([rossi.id]);
    const badCode = await server.request(
      'GET',
      `/api/persons?taxCode=${wrongCode}`,
      as('front.iii'),
    );
    expect(badCode.status).toBe(400);
    expect(badCode.body.details).toEqual([
      { field: 'taxCode', messages: [expect.stringMatching(/carattere di controllo/i)] },
    ]);
    // A partial name, in any case and order, surname or name first.
    for (const name of ['ross mar', 'ROSSI', 'maria rossi', 'Mar']) {
      const byName = await server.request(
        'GET',
        `/api/persons?name=${encodeURIComponent(name)}`,
        as('front.iii'),
      );
      expect({ name, ids: byName.body.map((p: { id: string }) => p.id) }).toEqual({
        name,
        ids: [rossi.id],
      });
    }
    const tooShort = await server.request('GET', '/api/persons?name=r', as('front.iii'));
    expect(tooShort.body).toEqual([]);
  });

  it('the front office reads no case file; a coordinator opens one with a numbered, gapless case number', async () => {
    expect((await server.request('GET', '/api/cases', as('front.iii'))).status).toBe(403);
    const opened = await server.request('POST', '/api/cases', {
      ...as('coord.iii'),
      body: { personId: rossi.id, caseManagerId: ids['anna.iii'] },
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      caseNumber: `SSC-III-${YEAR}-000001`,
      unitCode: 'III',
      status: 'open',
      caseManager: { id: ids['anna.iii'], displayName: 'Anna Bianchi' },
      pathNames: [],
    });
    caseId = opened.body.id;
    const twice = await server.request('POST', '/api/cases', {
      ...as('coord.iii'),
      body: { personId: rossi.id },
    });
    expect(twice.status).toBe(409);

    // Ten cases opened at once take the next ten numbers, none lost and none twice.
    const people = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        server.request('POST', '/api/persons', {
          ...as('front.iii'),
          body: { surname: `Bianchi${'abcdefghij'[i]}`, name: 'Luca' },
        }),
      ),
    );
    const cases = await Promise.all(
      people.map((p) =>
        server.request('POST', '/api/cases', { ...as('coord.iii'), body: { personId: p.body.id } }),
      ),
    );
    expect(cases.map((c) => c.status)).toEqual(Array(10).fill(201));
    expect(cases.map((c) => c.body.caseNumber).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `SSC-III-${YEAR}-${String(i + 2).padStart(6, '0')}`),
    );
  });

  it('a case is readable by its case manager and the coordinator, by nobody else — and each read is logged once', async () => {
    const before = await auditCount();
    expect((await server.request('GET', `/api/cases/${caseId}`, as('anna.iii'))).status).toBe(200);
    expect(await auditCount()).toBe(before + 1);
    const read = await server.request('GET', `/api/cases/${caseId}`, as('coord.iii'));
    expect(read.status).toBe(200);
    expect(read.body.person).toMatchObject({ id: rossi.id, surname: 'Rossi' });
    for (const outsider of ['bruno.iii', 'carla.v']) {
      expect((await server.request('GET', `/api/cases/${caseId}`, as(outsider))).status).toBe(404);
    }
    // A manager reads a case only when granted (test/security): without a grant it does not exist.
    expect((await server.request('GET', `/api/cases/${caseId}`, as('boss'))).status).toBe(404);
    expect(
      (
        await server.request(
          'GET',
          `/api/cases/00000000-0000-4000-8000-000000000000`,
          as('coord.iii'),
        )
      ).status,
    ).toBe(404);
    const [log] = await db.query(
      `SELECT username, action, entity, person_ids FROM access_log
        WHERE case_id = $1 AND action = 'read' AND username = 'anna.iii'`,
      [caseId],
    );
    expect(log).toEqual({
      username: 'anna.iii',
      action: 'read',
      entity: 'case',
      person_ids: [rossi.id],
    });
    await expect(db.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
  });

  it('searches by tax code, name and case number, within what the caller may see', async () => {
    const byTaxCode = await server.request(
      'GET',
      `/api/cases?taxCode=${rossi.taxCode}`,
      as('coord.iii'),
    );
    expect(byTaxCode.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
    const byName = await server.request('GET', '/api/cases?name=bianchid', as('coord.iii'));
    expect(byName.body.total).toBe(1);
    const mine = await server.request('GET', '/api/cases', as('anna.iii'));
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
    const others = await server.request(
      'GET',
      `/api/cases?caseNumber=SSC-III-${YEAR}-000001`,
      as('carla.v'),
    );
    expect(others.body).toMatchObject({ items: [], total: 0 });
    const paged = await server.request('GET', '/api/cases?limit=3&offset=3', as('coord.iii'));
    expect(paged.body).toMatchObject({ total: 11, limit: 3, offset: 3 });
    expect(paged.body.items).toHaveLength(3);
  });

  it('keeps the social diary: entries are never changed, a correction points to what it corrects', async () => {
    const write = (who: string, body: Record<string, unknown>) =>
      server.request('POST', `/api/cases/${caseId}/diary`, { ...as(who), body });
    const note = await write('anna.iii', {
      kind: 'home-visit',
      occurredAt: '2026-11-20T10:00:00Z',
      text: 'Visita domiciliare: nucleo presente.',
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      type: 'diary',
      title: 'Visita domiciliare',
      author: 'Anna Bianchi',
      correctsEntryId: null,
      correctedByEntryId: null,
    });
    const correction = await write('coord.iii', {
      kind: 'correction',
      occurredAt: '2026-11-21T09:00:00Z',
      text: 'Era presente solo la madre.',
      correctsEntryId: note.body.id,
    });
    expect(correction.status).toBe(201);
    expect(correction.body).toMatchObject({
      correctsEntryId: note.body.id,
      author: 'Carmela Russo',
    });

    // A correction says what it corrects, and only a correction does.
    const refusals = [
      { kind: 'note', text: 'x', correctsEntryId: note.body.id },
      { kind: 'correction', text: 'x' },
    ];
    for (const body of refusals) {
      const bad = await write('anna.iii', { occurredAt: '2026-11-21T09:00:00Z', ...body });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('correctsEntryId');
    }
    // An entry already corrected is corrected through its correction: history stays a line.
    const again = await write('anna.iii', {
      kind: 'correction',
      occurredAt: '2026-11-22T09:00:00Z',
      text: 'Erano presenti la madre e la nonna.',
      correctsEntryId: note.body.id,
    });
    expect(again.status).toBe(400);
    expect(again.body.message).toMatch(/già stata corretta/);
    const ofCorrection = await write('anna.iii', {
      kind: 'correction',
      occurredAt: '2026-11-22T09:00:00Z',
      text: 'Erano presenti la madre e la nonna.',
      correctsEntryId: correction.body.id,
    });
    expect(ofCorrection.status).toBe(201);
    // Two corrections of the same entry at once: one is written, the other sent back.
    const concurrent = await Promise.all(
      ['anna.iii', 'coord.iii'].map((who) =>
        write(who, {
          kind: 'correction',
          occurredAt: '2026-11-23T09:00:00Z',
          text: `Precisazione di ${who}.`,
          correctsEntryId: ofCorrection.body.id,
        }),
      ),
    );
    expect(concurrent.map((r) => r.status).sort()).toEqual([201, 400]);
    const latest = concurrent.find((r) => r.status === 201)!;
    // Nor can a correction point into another case.
    const elsewhere = await server.request('GET', '/api/cases?name=bianchia', as('coord.iii'));
    const foreign = await server.request('POST', `/api/cases/${elsewhere.body.items[0].id}/diary`, {
      ...as('coord.iii'),
      body: {
        kind: 'correction',
        occurredAt: '2026-11-22T09:00:00Z',
        text: 'x',
        correctsEntryId: note.body.id,
      },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toBe('La voce da correggere non è di questa cartella.');

    await expect(db.query(`UPDATE diary_entry SET text = 'riscritto'`)).rejects.toThrow(
      /append-only/,
    );
    const timeline = await server.request('GET', `/api/cases/${caseId}/timeline`, as('coord.iii'));
    const diary = timeline.body.filter((item: { type: string }) => item.type === 'diary');
    expect(diary).toEqual([
      expect.objectContaining({
        id: note.body.id,
        title: 'Visita domiciliare (corretta)',
        text: 'Visita domiciliare: nucleo presente.',
        correctedByEntryId: correction.body.id,
        author: 'Anna Bianchi',
      }),
      expect.objectContaining({
        id: correction.body.id,
        title: 'Correzione (corretta)',
        correctsEntryId: note.body.id,
        correctedByEntryId: ofCorrection.body.id,
      }),
      expect.objectContaining({
        id: ofCorrection.body.id,
        title: 'Correzione (corretta)',
        correctsEntryId: correction.body.id,
        correctedByEntryId: latest.body.id,
      }),
      expect.objectContaining({
        id: latest.body.id,
        title: 'Correzione',
        correctedByEntryId: null,
      }),
    ]);
    expect(
      (await server.request('GET', `/api/cases/${caseId}/timeline`, as('carla.v'))).status,
    ).toBe(404);
  });

  it('takes documents checked by content, and gives them back only to who may read the case', async () => {
    const pdf = pdfDocument('Relazione');
    const upload = (who: string, content: Buffer, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(content)]), name);
      form.append('description', 'Decreto del Tribunale per i Minorenni');
      return fetch(`${server.baseUrl}/api/cases/${caseId}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[who]}` },
        body: form,
      });
    };
    const ok = await upload('anna.iii', pdf, 'decreto.pdf');
    expect(ok.status).toBe(201);
    const document = (await ok.json()) as { id: string };
    expect(document).toMatchObject({
      fileName: 'decreto.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      uploadedBy: 'Anna Bianchi',
    });
    const listed = await server.request('GET', `/api/cases/${caseId}/documents`, as('coord.iii'));
    expect(listed.body).toEqual([
      expect.objectContaining({ id: document.id, uploadedBy: 'Anna Bianchi' }),
    ]);
    const disguised = await upload(
      'anna.iii',
      Buffer.from('<html><script>alert(1)</script></html>'),
      'relazione.pdf',
    );
    expect(disguised.status).toBe(400);
    expect((await upload('carla.v', pdf, 'x.pdf')).status).toBe(404);

    const download = await fetch(`${server.baseUrl}/api/cases/${caseId}/documents/${document.id}`, {
      headers: { authorization: `Bearer ${tokens['coord.iii']}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    const stolen = await server.request(
      'GET',
      `/api/cases/${caseId}/documents/${document.id}`,
      as('carla.v'),
    );
    expect(stolen.status).toBe(404);
    const [logged] = await db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'download' AND entity_id = $1`,
      [document.id],
    );
    expect(logged.n).toBe(1);
    // An accented name, as the browser sends it (UTF-8), comes back as it was (issue 10, finding 9).
    const accented = (await (await upload('anna.iii', pdf, 'relazione_àèé.pdf')).json()) as {
      id: string;
      fileName: string;
    };
    expect(accented.fileName).toBe('relazione_àèé.pdf');
    const named = await fetch(`${server.baseUrl}/api/cases/${caseId}/documents/${accented.id}`, {
      headers: { authorization: `Bearer ${tokens['anna.iii']}` },
    });
    expect(named.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('relazione_àèé.pdf')}`,
    );
  });

  it('registers a household and shows its members in the case file', async () => {
    const child = await server.request('POST', '/api/persons', {
      ...as('front.iii'),
      body: { surname: 'Rossi', name: 'Luca', ...person('RSSLCU', '2016-09-01', 'M') },
    });
    const household = await server.request('POST', '/api/households', {
      ...as('front.iii'),
      body: {
        address: 'Via Maqueda 100, Palermo',
        members: [
          { personId: rossi.id, relationship: 'intestatario' },
          { personId: child.body.id, relationship: 'figlio/a' },
        ],
      },
    });
    expect(household.status).toBe(201);
    expect(household.body.unitCode).toBe('III');
    const twice = await server.request('POST', '/api/households', {
      ...as('front.iii'),
      body: {
        address: 'Via Roma 1',
        members: [
          { personId: rossi.id, relationship: 'x' },
          { personId: rossi.id, relationship: 'y' },
        ],
      },
    });
    expect(twice.status).toBe(400);
    const other = await server.request('POST', '/api/persons', {
      ...as('front.iii'),
      body: { surname: 'Neri', name: 'Ada' },
    });
    const opened = await server.request('POST', '/api/cases', {
      ...as('coord.iii'),
      body: { personId: other.body.id, householdId: household.body.id },
    });
    expect(opened.status).toBe(201);
    expect(
      opened.body.household.members.map((m: { relationship: string; person: { name: string } }) => [
        m.relationship,
        m.person.name,
      ]),
    ).toEqual([
      ['intestatario', 'Maria'],
      ['figlio/a', 'Luca'],
    ]);

    // The sportello reads the household and adds a member; another unit does not see it at all.
    const path = `/api/households/${household.body.id}`;
    const read = await server.request('GET', path, as('front.iii'));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ address: 'Via Maqueda 100, Palermo', unitCode: 'III' });
    const added = await server.request('POST', `${path}/members`, {
      ...as('front.iii'),
      body: { personId: other.body.id, relationship: 'convivente' },
    });
    expect(added.status).toBe(201);
    expect(
      added.body.members.map((m: { relationship: string; person: { name: string } }) => [
        m.relationship,
        m.person.name,
      ]),
    ).toEqual([
      ['intestatario', 'Maria'],
      ['figlio/a', 'Luca'],
      ['convivente', 'Ada'],
    ]);
    const member = await server.request('POST', `${path}/members`, {
      ...as('coord.iii'),
      body: { personId: other.body.id, relationship: 'convivente' },
    });
    expect(member.status).toBe(409);
    expect(member.body.message).toBe('La persona fa già parte del nucleo familiare.');
    const nobody = await server.request('POST', `${path}/members`, {
      ...as('front.iii'),
      body: { personId: '00000000-0000-4000-8000-000000000000', relationship: 'altro' },
    });
    expect(nobody.status).toBe(400);
    expect(nobody.body.details).toEqual([
      { field: 'personId', messages: ['persona non registrata'] },
    ]);
    for (const outsider of ['front.v', 'carla.v']) {
      const seen = await server.request('GET', path, as(outsider));
      expect(seen.status).toBe(404);
      expect(JSON.stringify(seen.body)).not.toMatch(/Maqueda|Rossi/);
      const joined = await server.request('POST', `${path}/members`, {
        ...as(outsider),
        body: { personId: other.body.id, relationship: 'altro' },
      });
      expect(joined.status).toBe(404);
    }
    // Nor through a case: a case of unit V cannot take unit III's household.
    const inV = await server.request('POST', '/api/cases', {
      ...as('carla.v'),
      body: { personId: child.body.id, householdId: household.body.id },
    });
    expect(inV.status).toBe(400);
    expect(inV.body.details).toEqual([
      { field: 'householdId', messages: ["nucleo non registrato nell'unità"] },
    ]);
    // A household the desk placed in unit V is unit V's: not shown back to unit III.
    const placed = await server.request('POST', '/api/households', {
      ...as('front.iii'),
      body: {
        address: 'Via Sferracavallo 3, Palermo',
        unitCode: 'V',
        members: [{ personId: child.body.id, relationship: 'altro' }],
      },
    });
    expect(placed.status).toBe(201);
    expect(
      (await server.request('GET', `/api/households/${placed.body.id}`, as('front.iii'))).status,
    ).toBe(404);
    expect(
      (await server.request('GET', `/api/households/${placed.body.id}`, as('front.v'))).status,
    ).toBe(200);

    // The person: their households in the caller's unit, and the cases the caller may open.
    const readPerson = (who: string) =>
      server.request('GET', `/api/persons/${other.body.id}`, as(who));
    const before = await auditCount();
    const atDesk = await readPerson('front.iii');
    expect(atDesk.status).toBe(200);
    expect(await auditCount()).toBe(before + 1);
    expect(atDesk.body).toMatchObject({
      surname: 'Neri',
      name: 'Ada',
      households: [
        {
          id: household.body.id,
          address: 'Via Maqueda 100, Palermo',
          unitCode: 'III',
          relationship: 'convivente',
        },
      ],
      cases: [],
    });
    expect((await readPerson('coord.iii')).body.cases).toEqual([
      { id: opened.body.id, caseNumber: opened.body.caseNumber, unitCode: 'III', status: 'open' },
    ]);
    expect((await readPerson('bruno.iii')).body.cases).toEqual([]);
    const fromV = await readPerson('carla.v');
    expect(fromV.body).toMatchObject({ households: [], cases: [] });
    expect((await readPerson('boss')).status).toBe(403);
    expect(
      (
        await server.request(
          'GET',
          '/api/persons/00000000-0000-4000-8000-000000000000',
          as('front.iii'),
        )
      ).status,
    ).toBe(404);
  });

  it('registers a referral with its own gapless number in the caller’s unit', async () => {
    const response = await server.request('POST', '/api/referrals', {
      ...as('front.iii'),
      body: {
        channel: 'line-114',
        urgency: 'urgent',
        senderName: 'Servizio 114',
        personId: rossi.id,
        requestText: 'Segnalazione di minore solo in casa.',
      },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      referralNumber: `SEG-III-${YEAR}-000001`,
      unitCode: 'III',
      status: 'received',
    });
    const invalid = await server.request('POST', '/api/referrals', {
      ...as('front.iii'),
      body: { channel: 'fax', urgency: 'urgent', requestText: '' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'channel',
      'requestText',
    ]);
    expect(
      (
        await server.request('POST', '/api/referrals', {
          ...as('boss'),
          body: { channel: 'police', urgency: 'urgent', requestText: 'x' },
        })
      ).status,
    ).toBe(403);
  });
});
