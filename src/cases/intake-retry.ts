import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { BackgroundLoop } from '../common/background-loop';
import { ReferralsService } from './referrals.service';

/** Every minute, starts the intakes of referrals that arrived while the engine could not take them. */
@Injectable()
export class IntakeRetry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IntakeRetry.name);
  private readonly loop = new BackgroundLoop(
    async () => {
      const started = await this.referrals.retryPendingIntakes();
      if (started > 0) this.logger.log(`${started} pending intakes started`);
    },
    60_000,
    (error) => this.logger.error(error instanceof Error ? error.message : String(error)),
  );

  constructor(private readonly referrals: ReferralsService) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
