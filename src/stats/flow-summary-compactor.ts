import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BackgroundLoop } from '../common/background-loop';

/**
 * Every few seconds, folds the counts each engine transaction appended (step_day_delta,
 * flow_day_delta) into the heatmap's days. Readers add what is not folded yet, so this only
 * keeps the appended rows few. Replicas may run it at once: a row is moved by one of them.
 */
@Injectable()
export class FlowSummaryCompactor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FlowSummaryCompactor.name);
  private readonly loop = new BackgroundLoop(
    () => this.dataSource.query(`SELECT compact_flow_summaries()`).then(() => undefined),
    5_000,
    (error) => this.logger.error(error instanceof Error ? error.message : String(error)),
  );

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Folds now (tests). */
  runNow(): Promise<void> {
    return this.loop.runNow();
  }
}
