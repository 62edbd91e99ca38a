import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { BackgroundLoop } from '../common/background-loop';
import { CasePathsService } from './case-paths.service';
import { ReferralsService } from './referrals.service';

/**
 * Every minute, starts what the engine could not take when it was asked: the intakes of
 * referrals, and the paths of cases opened on one. Every replica runs it: each start is
 * claimed first (START_LEASE), so none is made twice.
 */
@Injectable()
export class IntakeRetry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IntakeRetry.name);
  private readonly loop = new BackgroundLoop(
    async () => {
      const started = await this.referrals.retryPendingIntakes();
      if (started > 0) this.logger.log(`${started} pending intakes started`);
      const paths = await this.paths.startRequested(undefined, 30_000);
      if (paths > 0) this.logger.log(`${paths} pending case paths started`);
    },
    60_000,
    (error) => this.logger.error(error instanceof Error ? error.message : String(error)),
  );

  constructor(
    private readonly referrals: ReferralsService,
    private readonly paths: CasePathsService,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
