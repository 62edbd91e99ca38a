import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { BackgroundLoop } from '../common/background-loop';
import { DeadlinesService } from './deadlines.service';
import { TaskDueDates } from './task-due-dates';

const ROUND_INTERVAL_MS = 5 * 60 * 1000;

/**
 * The background loop of deadline (and task due date) reminders and breaches, every few minutes on the engine's
 * clock (tests move the clock and call runNow). Every replica runs it: each reminder or breach locks its row
 * (SKIP LOCKED) and marks it in the transaction that notifies and owes the message, so it happens once.
 */
@Injectable()
export class DeadlineEscalation implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeadlineEscalation.name);
  private readonly loop: BackgroundLoop;

  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly tasks: TaskDueDates,
  ) {
    this.loop = new BackgroundLoop(
      async () => {
        const { reminded, breached } = await this.deadlines.escalate();
        const tasks = await this.tasks.escalate();
        if (reminded + breached + tasks.reminded + tasks.overdue > 0) {
          this.logger.log(
            `deadlines: ${reminded} reminded, ${breached} breached; tasks: ${tasks.reminded} reminded, ${tasks.overdue} overdue`,
          );
        }
      },
      ROUND_INTERVAL_MS,
      (error) =>
        this.logger.error(
          `deadline escalation failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One pass now (tests, after moving the clock). */
  runNow(): Promise<void> {
    return this.loop.runNow();
  }
}
