import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from './auth/auth.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { LoggingModule } from './common/logging.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EngineModule, EngineModuleOptions } from './engine/engine.module';
import { EngineHttpModule } from './engine/http/engine-http.module';
import { HealthModule } from './health/health.module';

/** What tests may replace or add: the engine's clock, extra modules (e.g. test job workers). */
export interface AppOptions {
  engine?: EngineModuleOptions;
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        EngineModule.forRoot(options.engine),
        AuthModule,
        HealthModule,
        EngineHttpModule,
        ...(options.imports ?? []),
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}
