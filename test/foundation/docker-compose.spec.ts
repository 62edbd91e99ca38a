import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { environmentVariableNames, validateEnvironment } from '../../src/config/environment';
import { READ_SIDE_VALUE_TYPES } from '../../src/engine/zeebe/export/exported-record';

interface ComposeService {
  image?: string;
  build?: string | { context: string; dockerfile_inline: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
}

// Docker cannot run on the test machines: check the file against the configuration module instead.
describe('docker-compose.yml (distributed mode)', () => {
  const compose = parse(readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8')) as {
    services: Record<string, ComposeService>;
  };
  const { app, postgres, zeebe, redis, 'db-roles': dbRoles } = compose.services;
  // Compose's ${VAR} and ${VAR:?message} placeholders stand for values the operator gives.
  const given = (name: string) => `given${name.replace(/_/g, '')}`.padEnd(40, '0');
  const resolved = (service: ComposeService) =>
    Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([name, value]) => [
        name,
        String(value).replace(/\$\{([A-Z_]+)(:\?[^}]*)?\}/g, (_match, variable: string) =>
          given(variable),
        ),
      ]),
    );
  const appEnv = resolved(app);
  const postgresEnv = resolved(postgres);

  it('builds the app and gives it only settings the configuration module knows, all valid', () => {
    expect(app.build).toBe('.');
    const known = new Set(environmentVariableNames());
    expect(Object.keys(appEnv).filter((name) => !known.has(name))).toEqual([]);
    expect(() => validateEnvironment(appEnv)).not.toThrow();
    expect(validateEnvironment(appEnv).NODE_ENV).toBe('production');
  });

  it('runs the service as its own role, made by db-roles as the tables’ owner before it starts', () => {
    const owner = new URL(resolved(dbRoles).DATABASE_URL);
    expect(dbRoles.build).toBe('.');
    expect(dbRoles.command).toEqual(['node', 'dist/db-roles.js']);
    expect(owner.hostname).toBe('postgres');
    expect(owner.username).toBe(postgresEnv.POSTGRES_USER);
    expect(owner.password).toBe(postgresEnv.POSTGRES_PASSWORD);
    expect(owner.pathname).toBe(`/${postgresEnv.POSTGRES_DB}`);
    expect(dbRoles.depends_on?.postgres.condition).toBe('service_healthy');
    expect(dbRoles.environment?.DATABASE_RUNTIME_PASSWORD).toMatch(
      /^\$\{DATABASE_RUNTIME_PASSWORD:\?/,
    );

    const runtime = new URL(appEnv.DATABASE_URL);
    expect(runtime.hostname).toBe('postgres');
    expect(runtime.port).toBe('5432');
    // db-roles' default role name (DATABASE_RUNTIME_ROLE), with the password it was given.
    expect(runtime.username).toBe('percorsi_app');
    expect(runtime.username).not.toBe(postgresEnv.POSTGRES_USER);
    expect(runtime.password).toBe(resolved(dbRoles).DATABASE_RUNTIME_PASSWORD);
    expect(runtime.pathname).toBe(owner.pathname);
    expect(app.depends_on?.['db-roles'].condition).toBe('service_completed_successfully');
  });

  it('wires ZEEBE_ADDRESS to the Zeebe gateway, pinned to Camunda 8.5.x', () => {
    const build = zeebe.build as { dockerfile_inline: string };
    expect(build.dockerfile_inline).toMatch(/^FROM camunda\/zeebe:8\.5\.\d+$/m);
    expect(appEnv.ZEEBE_ADDRESS).toBe(
      `zeebe:${zeebe.environment?.ZEEBE_BROKER_GATEWAY_NETWORK_PORT}`,
    );
    expect(app.depends_on?.zeebe.condition).toBe('service_healthy');
  });

  it('exports the broker’s records as JSON to the Redis the app reads, in the streams it reads', () => {
    const build = zeebe.build as { dockerfile_inline: string };
    // zeebe-redis-exporter 1.0.0 is the release built for Zeebe 8.5.
    expect(build.dockerfile_inline).toMatch(
      /zeebe-with-redis-exporter:8\.5\.\d+-1\.0\.0 AS exporter/,
    );
    const broker = zeebe.environment ?? {};
    expect(broker.ZEEBE_BROKER_EXPORTERS_REDIS_JARPATH).toBe(
      'exporters/zeebe-redis-exporter-jar-with-dependencies.jar',
    );
    expect(build.dockerfile_inline).toContain(
      `/usr/local/zeebe/${broker.ZEEBE_BROKER_EXPORTERS_REDIS_JARPATH}`.replace(/[^/]+$/, ''),
    );
    expect(broker.ZEEBE_REDIS_FORMAT).toBe('json');
    expect(broker.ZEEBE_REDIS_REMOTE_ADDRESS).toBe(appEnv.ZEEBE_EXPORTER_REDIS_URL);
    expect(new URL(appEnv.ZEEBE_EXPORTER_REDIS_URL).hostname).toBe('redis');
    expect(broker.ZEEBE_REDIS_ENABLED_VALUE_TYPES.split(',').sort()).toEqual(
      [...READ_SIDE_VALUE_TYPES].sort(),
    );
    expect(broker.ZEEBE_REDIS_DELETE_AFTER_ACKNOWLEDGE).toBe('true');
    expect(redis.image).toMatch(/^redis:7\.\d+-alpine$/);
    expect(zeebe.depends_on?.redis.condition).toBe('service_healthy');
  });

  it('publishes the port the app listens on, on all interfaces inside the container', () => {
    expect(app.ports).toEqual([`${appEnv.PORT}:${appEnv.PORT}`]);
    expect(appEnv.HOST).toBe('0.0.0.0');
  });

  it('requires the operator to set every password and the token secret: none is written here', () => {
    expect(app.environment?.ADMIN_PASSWORD).toMatch(/^\$\{ADMIN_PASSWORD:\?/);
    expect(app.environment?.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    expect(postgres.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });
});
