import { AppConfig } from './app-config';
import { validateEnvironment } from './environment';

describe('configuration from the environment', () => {
  it('has the embedded defaults', () => {
    const config = AppConfig.fromEnvironment({});
    expect(config).toMatchObject({
      port: 3000,
      logLevel: 'info',
      production: false,
      engine: 'embedded',
    });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('switches to Zeebe when ZEEBE_ADDRESS is set', () => {
    expect(AppConfig.fromEnvironment({ ZEEBE_ADDRESS: 'zeebe:26500' }).engine).toBe('zeebe');
  });

  it('treats empty values as unset', () => {
    expect(AppConfig.fromEnvironment({ DATABASE_URL: '', PORT: '' }).port).toBe(3000);
  });

  it.each([
    [
      { PORT: 'abc' },
      'Invalid configuration: PORT must be an integer between 0 and 65535 (got "abc")',
    ],
    [
      { PORT: '70000' },
      'Invalid configuration: PORT must be an integer between 0 and 65535 (got "70000")',
    ],
    [
      { NODE_ENV: 'staging' },
      'Invalid configuration: NODE_ENV must be one of development, production, test (got "staging")',
    ],
    [
      { ZEEBE_ADDRESS: 'not an address' },
      'Invalid configuration: ZEEBE_ADDRESS must be host:port of a Zeebe gateway (e.g. zeebe:26500) (got "not an address")',
    ],
    [
      { ZEEBE_GATEWAY_PORT: '26500', ZEEBE_ADDRESS: 'zeebe:26500' },
      'Invalid configuration: ZEEBE_GATEWAY_PORT serves the embedded engine, so it cannot be set with ZEEBE_ADDRESS',
    ],
    [
      { ZEEBE_CLIENT_ID: 'percorsi' },
      'Invalid configuration: ZEEBE_CLIENT_SECRET must be set when ZEEBE_CLIENT_ID is set',
    ],
    [
      { ZEEBE_CLIENT_ID: 'percorsi', ZEEBE_CLIENT_SECRET: 'a-secret' },
      'Invalid configuration: CAMUNDA_OAUTH_URL must be the http(s):// token endpoint when ZEEBE_CLIENT_ID is set',
    ],
    [
      { ZEEBE_EXPORTER_REDIS_URL: 'redis://redis:6379' },
      "Invalid configuration: ZEEBE_EXPORTER_REDIS_URL reads a Zeebe cluster's records, so it needs ZEEBE_ADDRESS",
    ],
    [
      { ZEEBE_ADDRESS: 'zeebe:26500', ZEEBE_EXPORTER_REDIS_URL: 'redis:6379' },
      'Invalid configuration: ZEEBE_EXPORTER_REDIS_URL must be a redis:// or rediss:// URL',
    ],
    [
      { ACCESS_TOKEN_TTL_SECONDS: '5' },
      'Invalid configuration: ACCESS_TOKEN_TTL_SECONDS must be at least 60 seconds (got "5")',
    ],
  ])('refuses %j with one line naming the setting', (env, message) => {
    expect(() => validateEnvironment(env)).toThrow(message);
  });

  it('never repeats a secret in its error', () => {
    expect(() => validateEnvironment({ JWT_SECRET: 'abc' })).toThrow(
      /^Invalid configuration: JWT_SECRET must be at least 32 characters long$/,
    );
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://user:pw@x/y' })).toThrow(
      /must be a postgres:\/\/ connection URL$/,
    );
  });

  it('never enables demo accounts in production', () => {
    expect(
      AppConfig.fromEnvironment({ NODE_ENV: 'production', DEMO_ACCOUNTS: 'true' }).demoAccounts,
    ).toBe(false);
  });
});
