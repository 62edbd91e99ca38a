import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { LoggingModule } from './common/logging.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { EngineModule, EngineModuleOptions } from './engine/engine.module';
import { ZeebeGatewayModule } from './engine/gateway/zeebe-gateway.module';
import { EngineHttpModule } from './engine/http/engine-http.module';
import { HealthModule } from './health/health.module';
import { ModelsModule } from './models/models.module';
import { NotificationsModule } from './notifications/notifications.module';
import { StatsModule } from './stats/stats.module';
import { TasksModule } from './tasks/tasks.module';
import { UnitsModule } from './units/units.module';
import { WorkersModule } from './workers/workers.module';

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
        AccountsModule,
        AuditModule,
        CasesModule,
        ModelsModule,
        WorkersModule,
        HealthModule,
        EngineHttpModule,
        NotificationsModule,
        TasksModule,
        DeadlinesModule,
        StatsModule,
        UnitsModule,
        // The gateway serves the embedded engine; with Zeebe, Zeebe's own gateway does.
        ...(config.zeebeGateway && config.engine === 'embedded'
          ? [ZeebeGatewayModule.forRoot(config.zeebeGateway)]
          : []),
        ...(options.imports ?? []),
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}
