import { PathDriver } from '../paths/path-driver';
import { pdf } from '../support/documents';

const PDF = pdf('Verbale di segnalazione');

/** Attachments of a referral: registered by the front office, read by the unit, then part of the case file. */
describe('referral attachments', () => {
  const driver = new PathDriver();
  let referralId: string;
  let documentId: string;

  const upload = (who: string, content: Buffer, name: string, id = referralId) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)]), name);
    form.append('description', 'Decreto del Tribunale per i Minorenni');
    return fetch(`${driver.server.baseUrl}/api/referrals/${id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${driver.tokens[who]}` },
      body: form,
    });
  };
  const list = (who: string, id = referralId) =>
    driver.server.request('GET', `/api/referrals/${id}/documents`, driver.as(who));

  beforeAll(async () => {
    await driver.start();
    const referral = await driver.server.request('POST', '/api/referrals', {
      ...driver.as('front.iii'),
      body: {
        channel: 'court',
        urgency: 'urgent',
        senderName: 'Tribunale per i Minorenni di Palermo',
        requestText: 'Decreto di affidamento al servizio sociale.',
      },
    });
    expect(referral.status).toBe(201);
    referralId = referral.body.id;
  });
  afterAll(() => driver.stop());

  it('the front office attaches a court order checked by content; a disguised file is refused', async () => {
    const ok = await upload('front.iii', PDF, 'decreto.pdf');
    expect(ok.status).toBe(201);
    const document = (await ok.json()) as { id: string };
    documentId = document.id;
    expect(document).toMatchObject({
      fileName: 'decreto.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      uploadedBy: 'front.iii',
    });
    const disguised = await upload('front.iii', Buffer.from('<script>alert(1)</script>'), 'x.pdf');
    expect(disguised.status).toBe(400);
    expect((await upload('carla.v', PDF, 'x.pdf')).status).toBe(404);
    const [{ n }] = await driver.db.query(
      `SELECT count(*)::int AS n FROM case_document WHERE referral_id = $1`,
      [referralId],
    );
    expect(n).toBe(1);
  });

  it('the unit’s social workers read it, the front office does not, another unit cannot tell it exists', async () => {
    const seen = await list('anna.iii');
    expect(seen.status).toBe(200);
    expect(seen.body.map((d: { id: string }) => d.id)).toEqual([documentId]);
    const download = await fetch(
      `${driver.server.baseUrl}/api/referrals/${referralId}/documents/${documentId}`,
      { headers: { authorization: `Bearer ${driver.tokens['anna.iii']}` } },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-security-policy')).toBe('sandbox');
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    expect((await list('front.iii')).status).toBe(403);
    expect((await list('carla.v')).status).toBe(404);
    expect((await list('anna.iii', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const [downloaded] = await driver.db.query(
      `SELECT username, entity, entity_id FROM access_log WHERE action = 'download'`,
    );
    expect(downloaded).toEqual({ username: 'anna.iii', entity: 'document', entity_id: documentId });
  });

  it('a case opened from the referral takes its attachments; afterwards they follow the case’s rules', async () => {
    const person = await driver.server.request('POST', '/api/persons', {
      ...driver.as('front.iii'),
      body: { surname: 'Bianchi', name: 'Luca' },
    });
    const opened = await driver.server.request('POST', '/api/cases', {
      ...driver.as('coord.iii'),
      body: { personId: person.body.id, referralId, caseManagerId: driver.ids['bruno.iii'] },
    });
    expect(opened.status).toBe(201);
    const caseDocuments = await driver.server.request(
      'GET',
      `/api/cases/${opened.body.id}/documents`,
      driver.as('bruno.iii'),
    );
    expect(caseDocuments.body.map((d: { id: string }) => d.id)).toEqual([documentId]);

    // anna is not on the case: the referral route no longer shows her its papers.
    expect((await list('anna.iii')).status).toBe(404);
    expect((await list('bruno.iii')).status).toBe(200);
    expect((await upload('front.iii', PDF, 'altro.pdf')).status).toBe(409);

    // A referral cannot open two cases.
    const other = await driver.server.request('POST', '/api/persons', {
      ...driver.as('front.iii'),
      body: { surname: 'Neri', name: 'Ada' },
    });
    const twice = await driver.server.request('POST', '/api/cases', {
      ...driver.as('coord.iii'),
      body: { personId: other.body.id, referralId },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.details).toEqual([
      { field: 'referralId', messages: ['segnalazione non utilizzabile'] },
    ]);
  });
});
