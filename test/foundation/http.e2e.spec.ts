import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';

describe('the HTTP service', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.drop());

  it('answers liveness and readiness without a token', async () => {
    const live = await server.request('GET', '/api/health');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
    const ready = await server.request('GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.database.status).toBe('up');
    expect(ready.body.info.engine.status).toBe('up');
  });

  it('publishes the OpenAPI document', async () => {
    const docs = await server.request('GET', '/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/health', '/api/health/ready']),
    );
  });

  it('refuses every other route without a valid token, in the common error shape', async () => {
    const missing = await server.request('GET', '/api/auth/me');
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Accesso richiesto: effettuare il login.',
      requestId: expect.any(String),
    });
    const forged = await server.request('GET', '/api/auth/me', {
      token: 'eyJhbGciOiJub25lIn0.e30.',
    });
    expect(forged.status).toBe(401);
  });

  it('logs in the admin with ADMIN_PASSWORD and identifies the caller', async () => {
    const token = await server.login('admin', TEST_ADMIN_PASSWORD);
    const me = await server.request('GET', '/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'admin', role: 'admin', unitCode: null });
  });

  it('answers a wrong password with 401 and the same message as an unknown account', async () => {
    const wrong = await server.request('POST', '/api/auth/login', {
      body: { username: 'admin', password: 'not-the-password' },
    });
    const unknown = await server.request('POST', '/api/auth/login', {
      body: { username: 'nobody', password: 'whatever' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('validates bodies: unknown fields and wrong types get 400 with per-field messages', async () => {
    const response = await server.request('POST', '/api/auth/login', {
      body: { username: 42, password: 'x', role: 'admin' },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('I dati inviati non sono validi.');
    expect(response.body.details).toEqual(
      expect.arrayContaining([
        { field: 'role', messages: ['campo non previsto'] },
        expect.objectContaining({ field: 'username' }),
      ]),
    );
  });

  it('answers malformed JSON and oversized bodies with 4xx in the common shape, and keeps serving', async () => {
    const malformed = await server.request('POST', '/api/auth/login', {
      rawBody: '{"username": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe('Bad Request');
    const huge = await server.request('POST', '/api/auth/login', {
      rawBody: JSON.stringify({ username: 'a'.repeat(2_000_000), password: 'x' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.message).toBe('Richiesta troppo grande.');
    expect((await server.request('GET', '/api/health')).status).toBe(200);
  });

  it('answers unknown routes with 404 without echoing the path', async () => {
    const response = await server.request('GET', '/api/does-not-exist?taxCode=RSSMRA80A01G273X');
    expect(response.status).toBe(404);
    expect(JSON.stringify(response.body)).not.toContain('RSSMRA');
  });

  it('propagates a sane request id and replaces a hostile one', async () => {
    const given = await server.request('GET', '/api/nope', {
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(given.body.requestId).toBe('abc-123');
    const hostile = await server.request('GET', '/api/nope', {
      headers: { 'x-request-id': 'x'.repeat(200) },
    });
    expect(hostile.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const response = await server.request('GET', '/api/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('lets no API answer stay in a browser’s or proxy’s cache: tokens, case reads, errors', async () => {
    const login = await server.request('POST', '/api/auth/login', {
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    const me = await server.request('GET', '/api/auth/me', { token: login.body.accessToken });
    const refused = await server.request('GET', '/api/cases');
    for (const answer of [login, me, refused])
      expect(answer.headers.get('cache-control')).toBe('no-store');
  });
});
