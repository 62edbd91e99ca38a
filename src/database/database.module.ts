import { Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { prepareDataDir } from './data-dir';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedPostgres } from './embedded-postgres';
import { entities } from './entities';

/**
 * Owns the embedded PostgreSQL server when DATABASE_URL is not set, and
 * closes it only after the data source that talks to it.
 */
@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  private embedded?: EmbeddedPostgres;

  constructor(
    private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  async options(): Promise<DataSourceOptions> {
    if (this.config.databaseUrl) {
      return dataSourceOptions({ url: this.config.databaseUrl }, entities);
    }
    prepareDataDir(this.config.dataDir);
    this.embedded = new EmbeddedPostgres(this.config.dataDir);
    return dataSourceOptions(await this.embedded.start(), entities);
  }

  async onApplicationShutdown(): Promise<void> {
    const dataSource = this.moduleRef.get(DataSource, { strict: false });
    if (dataSource.isInitialized) await dataSource.destroy();
    await this.embedded?.stop();
  }
}

@Module({ providers: [DatabaseLifecycle], exports: [DatabaseLifecycle] })
class DatabaseLifecycleModule {}

/** Which setting to look at, without its password: DATABASE_URL, or the embedded one in DATA_DIR. */
function whereFrom(options: unknown): string {
  const url = (options as { url?: string } | undefined)?.url;
  if (!url) return ' (the embedded database in DATA_DIR)';
  const shown = new URL(url);
  if (shown.password) shown.password = '***';
  return ` (check DATABASE_URL: ${shown.toString()})`;
}

@Global()
@Module({
  imports: [
    DatabaseLifecycleModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseLifecycleModule],
      inject: [DatabaseLifecycle],
      useFactory: async (lifecycle: DatabaseLifecycle) => ({
        ...(await lifecycle.options()),
        // An unreachable database is a configuration error: say so once, do not retry.
        toRetry: () => false,
      }),
      dataSourceFactory: async (options) =>
        new DataSource(options as DataSourceOptions).initialize().catch((error: Error) => {
          throw new Error(`the database cannot be opened: ${error.message}${whereFrom(options)}`);
        }),
    }),
  ],
})
export class DatabaseModule {}
