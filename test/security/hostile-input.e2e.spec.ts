import { JwtService } from '@nestjs/jwt';
import { createHmac } from 'node:crypto';
import { AppConfig } from '../../src/config/app-config';
import { startTestApp, TestApp } from '../support/test-app';
import { SecurityFixture } from './security-fixture';

const SQL = "Robert'); DROP TABLE person;--";
const SCRIPT = '<script>alert("x")</script>';
const PAYLOADS = [SQL, SCRIPT, "' OR '1'='1", '${7*7} {{7*7}}'];

type Shape = 'shaped' | 'free';
interface BodyCase {
  path: (f: SecurityFixture) => string;
  who: 'front.iii' | 'anna.iii' | 'coord.iii' | 'admin';
  body: (f: SecurityFixture) => Record<string, unknown>;
  /** Every text field of the body: shaped ones must refuse a payload, free ones keep it verbatim. */
  fields: Record<string, Shape>;
  /** Where a free field is stored: SQL returning it for the created id. */
  stored?: (id: string, field: string) => [string, unknown[]];
}

const column = (table: string) => (id: string, field: string) =>
  [
    `SELECT ${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}::text AS value FROM ${table} WHERE id = $1`,
    [id],
  ] as [string, unknown[]];

/** Every POST/PATCH body of the case-data API with text fields. */
const BODIES: Record<string, BodyCase> = {
  person: {
    path: () => '/api/persons',
    who: 'front.iii',
    body: () => ({
      surname: 'Greco',
      name: 'Rita',
      birthDate: '1990-01-01',
      sex: 'F',
      birthPlace: 'Palermo',
      citizenship: 'italiana',
      phone: '091 123456',
      email: 'rita@example.it',
    }),
    // No tax code in the base body: each accepted person would be the same one (409).
    fields: {
      surname: 'shaped',
      name: 'shaped',
      taxCode: 'shaped',
      birthDate: 'shaped',
      sex: 'shaped',
      email: 'shaped',
      birthPlace: 'free',
      citizenship: 'free',
      phone: 'free',
    },
    stored: column('person'),
  },
  household: {
    path: () => '/api/households',
    who: 'front.iii',
    body: (f) => ({
      address: 'Via Roma 1',
      unitCode: 'III',
      members: [{ personId: f.main.personId, relationship: 'intestatario' }],
    }),
    fields: { address: 'free', unitCode: 'shaped' },
    stored: column('household'),
  },
  referral: {
    path: () => '/api/referrals',
    who: 'front.iii',
    body: () => ({
      channel: 'police',
      senderName: 'Questura di Palermo',
      urgency: 'urgent',
      subjectDescription: 'Donna con due figli',
      requestText: 'Richiesta di intervento.',
      receivedAt: '2026-03-02T08:00:00Z',
    }),
    fields: {
      channel: 'shaped',
      urgency: 'shaped',
      receivedAt: 'shaped',
      senderName: 'free',
      subjectDescription: 'free',
      requestText: 'free',
    },
    stored: column('referral'),
  },
  diary: {
    path: (f) => `/api/cases/${f.main.caseId}/diary`,
    who: 'anna.iii',
    body: () => ({ kind: 'note', occurredAt: '2026-03-02T10:00:00Z', text: 'Colloquio.' }),
    fields: { kind: 'shaped', occurredAt: 'shaped', text: 'free' },
    stored: column('diary_entry'),
  },
  extension: {
    path: (f) => `/api/cases/${f.main.caseId}/deadlines/${f.main.deadlineId}/extensions`,
    who: 'coord.iii',
    body: () => ({
      extraDays: 1,
      unit: 'calendarDays',
      reason: 'Rinvio concordato',
      grantedBy: 'Tribunale',
    }),
    fields: { unit: 'shaped', reason: 'free', grantedBy: 'free' },
  },
  grant: {
    path: (f) => `/api/cases/${f.grantCase.caseId}/grants`,
    who: 'coord.iii',
    body: (f) => ({
      managerId: f.ids.boss,
      reason: 'Verifica del caso',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    }),
    fields: { managerId: 'shaped', expiresAt: 'shaped', reason: 'free' },
    stored: column('case_grant'),
  },
  filter: {
    path: () => '/api/task-filters',
    who: 'anna.iii',
    body: () => ({ name: `Filtro ${Math.random()}`, query: { view: 'mine' } }),
    fields: { name: 'free' },
    stored: column('task_filter'),
  },
  purge: {
    path: () => '/api/audit/purge',
    who: 'admin',
    body: () => ({ before: '2020-01-01' }),
    fields: { before: 'shaped' },
  },
};

/** Acceptance 4 of issue #5: hostile input gets the right 4xx, nothing odd is stored, the service keeps serving. */
describe('hostile input', () => {
  const f = new SecurityFixture();
  beforeAll(() => f.start(), 120_000);
  afterAll(() => f.stop());

  const tables = async () =>
    (
      await f.db.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
      )
    ).map((r: { table_name: string }) => r.table_name);

  it('refuses oversized bodies with 413', async () => {
    const big = 'x'.repeat(1_100_000);
    const person = await f.call('front.iii', 'POST', '/api/persons', {
      path: '',
      body: { surname: 'Greco', name: 'Rita', birthPlace: big },
    });
    expect(person.status).toBe(413);
    const model = await f.call('admin', 'POST', '/api/models', {
      path: '',
      body: { name: 'big.bpmn', xml: 'x'.repeat(3_200_000) },
    });
    expect(model.status).toBe(413);
  });

  it('refuses bodies that are not JSON with 415, and broken JSON with 400', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await f.server.request('POST', '/api/persons', {
        token: f.tokens['front.iii'],
        headers: { 'content-type': type },
        rawBody: 'surname=Greco&name=Rita',
      });
      expect({ type, status: response.status }).toEqual({ type, status: 415 });
      expect(response.body.message).toMatch(/JSON/);
    }
    const broken = await f.server.request('POST', '/api/persons', {
      token: f.tokens['front.iii'],
      headers: { 'content-type': 'application/json' },
      rawBody: '{"surname": "Greco",',
    });
    expect(broken.status).toBe(400);
  });

  it('refuses SQL and script payloads in shaped fields with 400, and keeps them verbatim, as inert text, in free text', async () => {
    const before = await tables();
    const [{ persons }] = await f.db.query(`SELECT count(*)::int AS persons FROM person`);
    let personsCreated = 0;
    for (const [name, spec] of Object.entries(BODIES)) {
      for (const [field, shape] of Object.entries(spec.fields)) {
        for (const payload of PAYLOADS) {
          const body = { ...spec.body(f), [field]: payload };
          const response = await f.call(spec.who, 'POST', '', { path: spec.path(f), body });
          const label = `${name}.${field} = ${payload}`;
          if (shape === 'shaped') {
            expect({ label, status: response.status }).toEqual({ label, status: 400 });
            expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
            continue;
          }
          expect({ label, status: response.status }).toEqual({
            label,
            status: name === 'purge' ? 200 : 201,
          });
          expect(response.headers.get('content-type')).toMatch(/^application\/json/);
          if (name === 'person') personsCreated++;
          if (field in response.body) expect(response.body[field]).toBe(payload);
          if (spec.stored) {
            const [sql, params] = spec.stored(response.body.id, field);
            const [row] = await f.db.query(sql, params);
            expect({ label, value: row.value }).toEqual({ label, value: payload });
          }
        }
      }
    }
    // Nothing dropped, nothing extra: the tables are the same and only the accepted persons were added.
    expect(await tables()).toEqual(before);
    const [{ after }] = await f.db.query(`SELECT count(*)::int AS after FROM person`);
    expect(after).toBe(persons + personsCreated);
  });

  it('refuses person names that are not names, and accepts accents, apostrophes, hyphens and dots', async () => {
    for (const surname of ['R0ssi', 'Rossi;', '<b>Rossi</b>', '-Rossi']) {
      const response = await f.call('front.iii', 'POST', '/api/persons', {
        path: '',
        body: { surname, name: 'Maria' },
      });
      expect({ surname, status: response.status }).toEqual({ surname, status: 400 });
    }
    for (const surname of ["D'Alì", 'Lo Iacono-Sciortino', 'Sant’Angelo', 'Mc.Kenzie', 'Nguyễn']) {
      const response = await f.call('front.iii', 'POST', '/api/persons', {
        path: '',
        body: { surname, name: 'José' },
      });
      expect({ surname, status: response.status }).toEqual({ surname, status: 201 });
    }
  });

  it('refuses forged, tampered and expired tokens with 401', async () => {
    const claims = { sub: f.ids.admin, username: 'admin', role: 'admin', unit: null };
    const jwt = f.server.app.get(JwtService);
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const otherSecret = (() => {
      const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, exp: 9999999999 })}`;
      return `${head}.${createHmac('sha256', 'a-secret-that-is-not-the-service-secret').update(head).digest('base64url')}`;
    })();
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, exp: 9999999999 })}.`;
    const [head, , signature] = f.tokens['front.iii']!.split('.');
    const tampered = `${head}.${b64({ ...claims, exp: 9999999999 })}.${signature}`;
    const expired = await jwt.signAsync(claims, { expiresIn: -60 });
    for (const [kind, token] of Object.entries({
      otherSecret,
      none,
      tampered,
      expired,
      junk: 'abc.def.ghi',
    })) {
      const response = await f.server.request('GET', '/api/models', { token });
      expect({ kind, status: response.status }).toEqual({ kind, status: 401 });
    }
  });

  it('keeps CORS closed by default: no origin is allowed', async () => {
    const preflight = await fetch(`${f.server.baseUrl}/api/cases`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(`${f.server.baseUrl}/api/health`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('still answers /api/health/ready after all of it', async () => {
    const ready = await f.server.request('GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
  });
});

describe('CORS_ORIGINS', () => {
  let server: TestApp;
  afterAll(() => server?.drop());

  it('is validated: only a list of scheme://host[:port] origins', () => {
    for (const bad of ['*', 'evil.example', 'https://ui.example.it/path', 'javascript:alert(1)']) {
      expect(() => AppConfig.fromEnvironment({ CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS/);
    }
    expect(
      AppConfig.fromEnvironment({ CORS_ORIGINS: 'https://ui.example.it, http://localhost:5173' })
        .corsOrigins,
    ).toEqual(['https://ui.example.it', 'http://localhost:5173']);
  });

  it('opens the API to the listed origins only', async () => {
    server = await startTestApp({ CORS_ORIGINS: 'https://ui.example.it' });
    const allowed = await fetch(`${server.baseUrl}/api/health`, {
      headers: { origin: 'https://ui.example.it' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ui.example.it');
    const other = await fetch(`${server.baseUrl}/api/health`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
