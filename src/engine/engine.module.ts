import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { EmbeddedEngine } from './embedded/embedded-engine';
import { ZeebeExportConsumer } from './zeebe/export/export-consumer';
import { ZeebeEngine } from './zeebe/zeebe-engine';
import { Clock } from './embedded/types';
import { ENGINE_CLOCK } from './engine-clock';
import { ProcessEngine } from './engine.port';
import { MessageOutbox } from './message-outbox';
import { EngineReadModel } from './read-model/engine-read-model';
import { JobWorkersModule } from './workers/job-workers.module';

export { ENGINE_CLOCK };

/** Starts the engine's background work once the app is up, and stops it before the database closes. */
@Injectable()
class EngineLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(ProcessEngine) private readonly engine: ProcessEngine) {}

  onApplicationBootstrap(): void {
    this.engine.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.engine.stop();
  }
}

export interface EngineModuleOptions {
  /** Tests move time by months through this. */
  clock?: Clock;
}

@Global()
@Module({})
export class EngineModule {
  static forRoot(options: EngineModuleOptions = {}): DynamicModule {
    return {
      module: EngineModule,
      imports: [JobWorkersModule],
      providers: [
        { provide: ENGINE_CLOCK, useValue: options.clock ?? (() => new Date()) },
        {
          provide: ProcessEngine,
          inject: [AppConfig, DataSource, ENGINE_CLOCK, EngineReadModel],
          useFactory: (
            config: AppConfig,
            dataSource: DataSource,
            clock: Clock,
            readModel: EngineReadModel,
          ): ProcessEngine => {
            if (config.zeebeAddress) {
              return new ZeebeEngine({
                address: config.zeebeAddress,
                ...config.zeebeClient,
                readVariables: (instance, element) => readModel.variablesAt(instance, element),
              });
            }
            return new EmbeddedEngine(dataSource, {
              clock,
              maxLiveInstances: config.engineMaxLiveInstances,
              liveIdleMs: config.engineLiveIdleSeconds * 1000,
              minTimerCycleMs: config.engineMinTimerCycleSeconds * 1000,
              maxLoopCardinality: config.engineMaxLoopCardinality,
              feelBudgetMs: config.engineFeelBudgetMs,
              maxStepsPerCommand: config.engineMaxStepsPerCommand,
              // Without DATABASE_URL the database is PGlite inside this process.
              soleWriter: !config.databaseUrl,
            });
          },
        },
        EngineLifecycle,
        ZeebeExportConsumer,
        MessageOutbox,
        EngineReadModel,
      ],
      exports: [ProcessEngine, ENGINE_CLOCK, MessageOutbox, EngineReadModel, ZeebeExportConsumer],
    };
  }
}
