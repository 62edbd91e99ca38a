import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';

const JWT_SECRET = 'sessions-test-secret-of-at-least-32-chars';

describe('sessions: access and refresh tokens, logout, forged and expired tokens', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await startTestApp({ JWT_SECRET });
  });
  afterAll(() => server.drop());

  const sql = <T>(text: string): Promise<T[]> => server.app.get(DataSource).query(text);

  const login = async () => {
    const response = await server.request('POST', '/api/auth/login', {
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    expect(response.status).toBe(200);
    return response.body as {
      accessToken: string;
      expiresIn: number;
      refreshToken: string;
      refreshExpiresAt: string;
    };
  };
  const me = (token: string) => server.request('GET', '/api/auth/me', { token });
  const refresh = (refreshToken: string) =>
    server.request('POST', '/api/auth/refresh', { body: { refreshToken } });

  it('gives a short-lived access token and a refresh token ending with the working day', async () => {
    const before = Date.now();
    const tokens = await login();
    expect(tokens.expiresIn).toBe(900);
    expect(tokens.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const sessionLength = Date.parse(tokens.refreshExpiresAt) - before;
    expect(sessionLength).toBeGreaterThan(12 * 3600 * 1000 - 60_000);
    expect(sessionLength).toBeLessThanOrEqual(12 * 3600 * 1000 + 60_000);
    // Only a hash of the refresh token is kept.
    const stored = await sql<{ token_hash: string }>(
      'SELECT token_hash FROM session_refresh_token',
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.map((row) => row.token_hash)).not.toContain(tokens.refreshToken);
  });

  it('rotates the refresh token: the new pair works, the old refresh token does not', async () => {
    const first = await login();
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.body.accessToken)).status).toBe(200);
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
    expect((await me(third.body.accessToken)).body.username).toBe('admin');
  });

  it('gives two tabs refreshing at once with one token the same new token (issue 10, finding 9)', async () => {
    const first = await login();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => refresh(first.refreshToken)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.body.refreshToken)).size).toBe(1);
    for (const answer of answers) expect((await me(answer.body.accessToken)).status).toBe(200);
    // The session goes on from that one token.
    expect((await refresh(answers[0].body.refreshToken)).status).toBe(200);
  });

  it('treats a refresh token used again after the grace as stolen and ends the whole session', async () => {
    const first = await login();
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    // Past the 30 s two tabs may take, a second use means two parties hold the token.
    await sql(
      `UPDATE session_refresh_token SET used_at = used_at - interval '1 minute' WHERE used_at IS NOT NULL`,
    );

    const replayed = await refresh(first.refreshToken);
    expect(replayed.status).toBe(401);
    expect(replayed.body.message).toBe(
      'Sessione chiusa per sicurezza: questo token di rinnovo era già stato usato. Effettuare di nuovo il login.',
    );
    // The legitimate holder's newer tokens are dead too: the thief's copy is worthless.
    expect((await me(second.body.accessToken)).status).toBe(401);
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    const log = await sql<{ action: string }>(
      `SELECT action FROM access_log WHERE action = 'token-reuse'`,
    );
    expect(log).toHaveLength(1);
  });

  it('answers an unknown refresh token with 401 and keeps serving', async () => {
    const unknown = await refresh('x'.repeat(43));
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe(
      'Sessione scaduta o non valida: effettuare di nuovo il login.',
    );
    expect((await me((await login()).accessToken)).status).toBe(200);
  });

  it('logout kills the access token at once, and the refresh token with it', async () => {
    const tokens = await login();
    const other = await login();
    expect((await me(tokens.accessToken)).status).toBe(200);
    const logout = await server.request('POST', '/api/auth/logout', { token: tokens.accessToken });
    expect(logout.status).toBe(204);
    const after = await me(tokens.accessToken);
    expect(after.status).toBe(401);
    expect(after.body.message).toBe('Sessione scaduta o non valida: effettuare di nuovo il login.');
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
    // Another session of the same person goes on.
    expect((await me(other.accessToken)).status).toBe(200);
    const log = await sql<{ action: string; username: string }>(
      `SELECT action, username FROM access_log WHERE action IN ('login', 'logout')`,
    );
    expect(log).toEqual(
      expect.arrayContaining([
        { action: 'logout', username: 'admin' },
        { action: 'login', username: 'admin' },
      ]),
    );
  });

  describe('tokens not to be trusted', () => {
    let genuine: string;
    let claims: Record<string, unknown>;
    const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

    beforeAll(async () => {
      genuine = (await login()).accessToken;
      claims = JSON.parse(Buffer.from(genuine.split('.')[1], 'base64url').toString());
    });

    it('refuses an expired token with 401 and the Italian message', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = await new JwtService({ secret: JWT_SECRET }).signAsync({
        ...claims,
        iat: now - 1000,
        exp: now - 100,
      });
      const response = await me(expired);
      expect(response.status).toBe(401);
      expect(response.body.message).toBe(
        'Sessione scaduta o non valida: effettuare di nuovo il login.',
      );
    });

    it.each([
      [
        'signed with another secret',
        async () =>
          new JwtService({ secret: 'another-secret-of-at-least-32-characters' }).signAsync(claims),
      ],
      [
        'with alg none',
        async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`,
      ],
      [
        'with a tampered payload',
        async () => {
          const [header, , signature] = genuine.split('.');
          return `${header}.${base64url({ ...claims, username: 'dirigente', role: 'manager' })}.${signature}`;
        },
      ],
      ['that is not a token at all', async () => 'garbage'],
    ])('refuses a token %s with 401', async (_name, forge) => {
      const response = await me(await forge());
      expect(response.status).toBe(401);
      expect(response.body.message).toBe(
        'Sessione scaduta o non valida: effettuare di nuovo il login.',
      );
    });

    it('refuses a well-signed token of a session that does not exist', async () => {
      const orphan = await new JwtService({ secret: JWT_SECRET }).signAsync({
        ...claims,
        sid: '00000000-0000-0000-0000-000000000000',
      });
      expect((await me(orphan)).status).toBe(401);
    });

    it('refuses a well-signed token whose session id is not an id, with 401 not 500', async () => {
      const malformed = await new JwtService({ secret: JWT_SECRET }).signAsync({
        ...claims,
        sid: "x' OR '1'='1",
      });
      const response = await me(malformed);
      expect(response.status).toBe(401);
      expect(response.body.message).toBe(
        'Sessione scaduta o non valida: effettuare di nuovo il login.',
      );
    });

    it('still serves the genuine token afterwards', async () => {
      expect((await me(genuine)).status).toBe(200);
    });
  });
});
