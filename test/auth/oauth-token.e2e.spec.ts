import { DataSource } from 'typeorm';
import { startTestApp, TEST_ADMIN_PASSWORD, TEST_WORKER, TestApp } from '../support/test-app';

/** OAuth 2.0 client credentials, as the Camunda SDKs ask for a Zeebe token. */
describe('POST /api/auth/oauth/token', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await startTestApp();
    await server.workerLogin(); // creates the worker account
  });
  afterAll(() => server.drop());

  const form = (fields: Record<string, string>) =>
    fetch(`${server.baseUrl}/api/auth/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  it('trades an account for a bearer token, from a form as the SDKs send it', async () => {
    const response = await form({
      audience: 'zeebe',
      client_id: TEST_WORKER.username,
      client_secret: TEST_WORKER.password,
      grant_type: 'client_credentials',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: server.config.accessTokenTtlSeconds,
    });
    const me = await server.request('GET', '/api/auth/me', {
      token: body.access_token as string,
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: TEST_WORKER.username, role: 'worker' });
  });

  it('takes the same request as JSON', async () => {
    const response = await server.request('POST', '/api/auth/oauth/token', {
      body: {
        grant_type: 'client_credentials',
        client_id: 'admin',
        client_secret: TEST_ADMIN_PASSWORD,
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.token_type).toBe('Bearer');
  });

  it('refuses a wrong secret as a failed login (audited, throttled), and other grants', async () => {
    const wrong = await form({
      client_id: TEST_WORKER.username,
      client_secret: 'not-the-password',
      grant_type: 'client_credentials',
    });
    expect(wrong.status).toBe(401);
    const password = await form({
      username: TEST_WORKER.username,
      password: TEST_WORKER.password,
      grant_type: 'password',
    });
    expect(password.status).toBe(400);
    const log = await server.app
      .get(DataSource)
      .query(`SELECT username FROM access_log WHERE action = 'login-failed'`);
    expect(log).toEqual([{ username: TEST_WORKER.username }]);
  });

  it('is the only route that takes a form', async () => {
    const response = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'admin', password: TEST_ADMIN_PASSWORD }).toString(),
    });
    expect(response.status).toBe(415);
  });
});
