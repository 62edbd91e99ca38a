import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher';
import { buildPersonTaxCode } from '../../src/cases/tax-code/__tests__/build-person-tax-code';
import { startTestApp, TestApp } from '../support/test-app';

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
    const accounts: Array<[string, string, string | null]> = [
      ['coord.iii', 'coordinator', 'III'],
      ['anna.iii', 'caseworker', 'III'],
      ['bruno.iii', 'caseworker', 'III'],
      ['carla.v', 'caseworker', 'V'],
      ['front.iii', 'front-office', 'III'],
      ['boss', 'manager', null],
    ];
    const hash = await hashPassword(PASSWORD);
    for (const [username, role, unit] of accounts) {
      const [row] = await db.query(
        `INSERT INTO account (username, display_name, role, unit_code, password_hash) VALUES ($1, $1, $2, $3, $4) RETURNING id`,
        [username, role, unit, hash],
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
    const wrong = await server.request('POST', '/api/persons', {
      ...as('front.iii'),
      body: {
        ...data,
        taxCode: `${data.taxCode.slice(0, 15)}${data.taxCode[15] === 'A' ? 'B' : 'A'}`,
      },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('taxCode');
    const found = await server.request(
      'GET',
      `/api/persons?taxCode=${data.taxCode.toLowerCase()}`,
      as('front.iii'),
    );
    expect(found.body.map((p: { id: string }) => p.id)).toEqual([rossi.id]);
    const byName = await server.request('GET', '/api/persons?name=ross mar', as('front.iii'));
    expect(byName.body.map((p: { id: string }) => p.id)).toEqual([rossi.id]);
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
      caseManager: 'anna.iii',
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
    const note = await server.request('POST', `/api/cases/${caseId}/diary`, {
      ...as('anna.iii'),
      body: {
        kind: 'home-visit',
        occurredAt: '2026-11-20T10:00:00Z',
        text: 'Visita domiciliare: nucleo presente.',
      },
    });
    expect(note.status).toBe(201);
    const correction = await server.request('POST', `/api/cases/${caseId}/diary`, {
      ...as('anna.iii'),
      body: {
        kind: 'correction',
        occurredAt: '2026-11-21T09:00:00Z',
        text: 'Era presente solo la madre.',
        correctsId: note.body.id,
      },
    });
    expect(correction.status).toBe(201);
    const bad = await server.request('POST', `/api/cases/${caseId}/diary`, {
      ...as('anna.iii'),
      body: {
        kind: 'note',
        occurredAt: '2026-11-21T09:00:00Z',
        text: 'x',
        correctsId: note.body.id,
      },
    });
    expect(bad.status).toBe(400);
    await expect(db.query(`UPDATE diary_entry SET text = 'riscritto'`)).rejects.toThrow(
      /append-only/,
    );
    const timeline = await server.request('GET', `/api/cases/${caseId}/timeline`, as('coord.iii'));
    const diary = timeline.body.filter((item: { type: string }) => item.type === 'diary');
    expect(
      diary.map((d: { title: string; correctsId: string | null }) => [d.title, d.correctsId]),
    ).toEqual([
      ['Visita domiciliare', null],
      ['Correzione', note.body.id],
    ]);
    expect(
      (await server.request('GET', `/api/cases/${caseId}/timeline`, as('carla.v'))).status,
    ).toBe(404);
  });

  it('takes documents checked by content, and gives them back only to who may read the case', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
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
    });
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
