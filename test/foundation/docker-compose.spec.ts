import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { environmentVariableNames, validateEnvironment } from '../../src/config/environment';

interface ComposeService {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
}

// Docker cannot run on the test machines: check the file against the configuration module instead.
describe('docker-compose.yml (distributed mode)', () => {
  const compose = parse(readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8')) as {
    services: Record<string, ComposeService>;
  };
  const { app, postgres, zeebe } = compose.services;
  // Compose's ${VAR:?message} placeholders stand for values the operator must give.
  const appEnv = Object.fromEntries(
    Object.entries(app.environment ?? {}).map(([name, value]) => [
      name,
      String(value).replace(/\$\{[A-Z_]+:\?[^}]*\}/, 'x'.repeat(40)),
    ]),
  );

  it('builds the app and gives it only settings the configuration module knows, all valid', () => {
    expect(app.build).toBe('.');
    const known = new Set(environmentVariableNames());
    expect(Object.keys(appEnv).filter((name) => !known.has(name))).toEqual([]);
    expect(() => validateEnvironment(appEnv)).not.toThrow();
    expect(validateEnvironment(appEnv).NODE_ENV).toBe('production');
  });

  it('wires DATABASE_URL to the postgres service with its credentials', () => {
    const url = new URL(appEnv.DATABASE_URL);
    expect(url.hostname).toBe('postgres');
    expect(url.port).toBe('5432');
    expect(url.username).toBe(postgres.environment?.POSTGRES_USER);
    expect(url.password).toBe(postgres.environment?.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${postgres.environment?.POSTGRES_DB}`);
    expect(app.depends_on?.postgres.condition).toBe('service_healthy');
  });

  it('wires ZEEBE_ADDRESS to the Zeebe gateway, pinned to Camunda 8.5.x', () => {
    expect(zeebe.image).toMatch(/^camunda\/zeebe:8\.5\.\d+$/);
    expect(appEnv.ZEEBE_ADDRESS).toBe(
      `zeebe:${zeebe.environment?.ZEEBE_BROKER_GATEWAY_NETWORK_PORT}`,
    );
    expect(app.depends_on?.zeebe.condition).toBe('service_healthy');
  });

  it('publishes the port the app listens on, on all interfaces inside the container', () => {
    expect(app.ports).toEqual([`${appEnv.PORT}:${appEnv.PORT}`]);
    expect(appEnv.HOST).toBe('0.0.0.0');
  });

  it('requires the operator to set the admin password and the token secret', () => {
    expect(app.environment?.ADMIN_PASSWORD).toMatch(/^\$\{ADMIN_PASSWORD:\?/);
    expect(app.environment?.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
  });
});
