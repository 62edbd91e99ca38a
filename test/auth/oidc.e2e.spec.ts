import { exportJWK, generateKeyPair } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { DataSource } from 'typeorm';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';

/** Who signs in at the provider next, as SPID/CIE would identify them. */
let identity = { sub: 'TINIT-RSSNNA80A41G273X', preferred_username: 'anna.iii' };

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

/** A real OpenID provider on loopback: its interaction signs in `identity` and consents at once. */
async function startProvider(redirectUri: string): Promise<{ issuer: string; server: Server }> {
  const server = createServer();
  const issuer = `http://127.0.0.1:${await listen(server)}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'percorsi',
        client_secret: 'percorsi-client-secret',
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    cookies: { keys: ['provider-cookie-key-for-tests'] },
    jwks: {
      keys: [await exportJWK((await generateKeyPair('RS256', { extractable: true })).privateKey)],
    },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    claims: { openid: ['sub'], profile: ['preferred_username'] },
    features: { devInteractions: { enabled: false } },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        preferred_username: id === identity.sub ? identity.preferred_username : undefined,
      }),
    }),
  });
  provider.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/interaction/')) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const grant = new provider.Grant({
      accountId: identity.sub,
      clientId: String(details.params.client_id),
    });
    grant.addOIDCScope('openid profile');
    const result = { login: { accountId: identity.sub }, consent: { grantId: await grant.save() } };
    ctx.redirect(
      await provider.interactionResult(ctx.req, ctx.res, result, {
        mergeWithLastSubmission: false,
      }),
    );
  });
  server.on('request', provider.callback());
  return { issuer, server };
}

describe('login through an OpenID Connect provider (SPID/CIE gateway)', () => {
  let server: TestApp;
  let provider: Server;
  let admin: string;
  let redirectUri: string;

  beforeAll(async () => {
    const probe = createServer();
    const port = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    redirectUri = `http://127.0.0.1:${port}/api/auth/oidc/callback`;
    const started = await startProvider(redirectUri);
    provider = started.server;
    server = await startTestApp({
      PORT: String(port),
      PUBLIC_URL: 'https://percorsi.comune.example.it',
      OIDC_ISSUER_URL: started.issuer,
      OIDC_CLIENT_ID: 'percorsi',
      OIDC_CLIENT_SECRET: 'percorsi-client-secret',
      OIDC_REDIRECT_URI: redirectUri,
    });
    admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    const created = await server.request('POST', '/api/accounts', {
      token: admin,
      body: {
        username: 'anna.iii',
        displayName: 'Anna Rossi',
        role: 'caseworker',
        unitCode: 'III',
        password: 'una-password-abbastanza-lunga',
      },
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await server.drop();
    await new Promise((resolve) => provider.close(resolve));
  });

  /** What a browser does: to the provider and back, keeping each side's cookies. */
  async function signInAtProvider(options: { sendStateCookie?: boolean } = {}): Promise<Response> {
    const start = await fetch(`${server.baseUrl}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const appCookies = start.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
    let location = start.headers.get('location')!;
    const authorize = new URL(location);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('state')).toBeTruthy();
    const jar = new Map<string, string>();
    for (let hop = 0; hop < 10 && !location.startsWith(redirectUri); hop++) {
      const response = await fetch(location, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
      });
      for (const cookie of response.headers.getSetCookie()) {
        const pair = cookie.split(';')[0];
        jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
      }
      location = new URL(response.headers.get('location')!, location).href;
    }
    expect(location.startsWith(redirectUri)).toBe(true);
    return fetch(location, {
      redirect: 'manual',
      headers: options.sendStateCookie === false ? {} : { cookie: appCookies },
    });
  }

  const exchange = (code: string) =>
    server.request('POST', '/api/auth/oidc/token', { body: { code } });

  it('signs in an account the administrator created, by its username claim, and links the identity', async () => {
    const callback = await signInAtProvider();
    expect(callback.status).toBe(302);
    const target = new URL(callback.headers.get('location')!);
    expect(target.origin).toBe('https://percorsi.comune.example.it');
    const code = target.searchParams.get('login_code')!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const tokens = await exchange(code);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ expiresIn: 900, refreshToken: expect.any(String) });
    const me = await server.request('GET', '/api/auth/me', { token: tokens.body.accessToken });
    expect(me.body).toMatchObject({ username: 'anna.iii', role: 'caseworker', unitCode: 'III' });
    const refreshed = await server.request('POST', '/api/auth/refresh', {
      body: { refreshToken: tokens.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);

    // The one-time code works once.
    const again = await exchange(code);
    expect(again.status).toBe(401);
    expect(again.body.message).toBe(
      "Codice di accesso scaduto o già usato: ripetere l'accesso con identità digitale.",
    );
    const accounts = await server.request('GET', '/api/accounts', { token: admin });
    expect(
      accounts.body.items.find((a: { username: string }) => a.username === 'anna.iii'),
    ).toMatchObject({ oidcLinked: true });
    const [login] = await server.app
      .get(DataSource)
      .query(`SELECT username, reason FROM access_log WHERE action = 'login' AND reason = 'oidc'`);
    expect(login).toEqual({ username: 'anna.iii', reason: 'oidc' });
  });

  it('recognises the linked identity later by its subject, whatever its username claim says', async () => {
    identity = { ...identity, preferred_username: 'admin' };
    const callback = await signInAtProvider();
    const code = new URL(callback.headers.get('location')!).searchParams.get('login_code')!;
    const tokens = await exchange(code);
    const me = await server.request('GET', '/api/auth/me', { token: tokens.body.accessToken });
    expect(me.body.username).toBe('anna.iii');
  });

  it('refuses an identity with no account with 403, and creates none', async () => {
    identity = { sub: 'TINIT-BNCMRA70A01G273Y', preferred_username: 'mario.bianchi' };
    const before = (await server.request('GET', '/api/accounts', { token: admin })).body.total;
    const callback = await signInAtProvider();
    expect(callback.status).toBe(403);
    const body = (await callback.json()) as { message: string };
    expect(body.message).toBe(
      "Questa identità digitale non è abilitata a Percorsi: chiedere all'amministratore di creare il proprio account.",
    );
    expect((await server.request('GET', '/api/accounts', { token: admin })).body.total).toBe(
      before,
    );
  });

  it('refuses a callback arriving in a browser that did not start the login', async () => {
    identity = { sub: 'TINIT-RSSNNA80A41G273X', preferred_username: 'anna.iii' };
    const callback = await signInAtProvider({ sendStateCookie: false });
    expect(callback.status).toBe(400);
  });

  it('keeps local accounts working alongside', async () => {
    expect(await server.login('admin', TEST_ADMIN_PASSWORD)).toEqual(expect.any(String));
  });
});

describe('without OIDC settings', () => {
  let server: TestApp;
  beforeAll(async () => (server = await startTestApp()));
  afterAll(() => server.drop());

  it('answers the OIDC routes with 404 and an Italian message', async () => {
    const response = await server.request('GET', '/api/auth/oidc/login');
    expect(response.status).toBe(404);
    expect(response.body.message).toBe('Accesso con identità digitale non configurato.');
  });
});
