import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { EmbeddedPostgresAddress } from './embedded-postgres';
import { migrations } from './migrations';

/**
 * One code path for both databases: a PostgreSQL server from DATABASE_URL,
 * or the embedded PGlite server, which holds a single session and so gets a
 * pool of exactly one connection.
 */
export function dataSourceOptions(
  target: { url: string } | EmbeddedPostgresAddress,
  entities: DataSourceOptions['entities'],
): DataSourceOptions {
  const embedded = !('url' in target);
  return {
    type: 'postgres',
    ...(embedded
      ? { host: target.host, port: target.port, username: 'postgres', database: 'postgres' }
      : { url: target.url }),
    entities,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    poolSize: embedded ? 1 : 10,
    extra: embedded ? { max: 1 } : { max: 10, connectionTimeoutMillis: 10000 },
    logging: false,
  };
}
