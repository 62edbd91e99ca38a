import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { BackgroundLoop } from '../common/background-loop';
import { ENGINE_CLOCK } from '../engine/engine.module';
import { JobStatus, TaskEngineLink } from './engine-link/task-engine-link';
import { Task } from './entities/task.entity';
import { TasksRepository } from './tasks.repository';

/**
 * A completion holds its reservation for the few milliseconds the engine
 * takes; one older than this was abandoned (the process died mid-way).
 */
export const RESERVATION_TIMEOUT_MS = 2 * 60 * 1000;
const BATCH = 500;
/** Rows checked per round: small units are swept every round, a big city over a few minutes. */
const ROWS_PER_ROUND = 2_000;
const ROUND_INTERVAL_MS = 2_000;

type Clock = () => Date;
type OpenRow = Pick<Task, 'jobKey' | 'version' | 'completingBy' | 'completingAt'>;

/**
 * Keeps open rows true to the engine: a job the engine ended (interrupting
 * boundary event, cancelled instance, a completion outside the tasklist, a
 * crash between "job completed" and "row updated") takes its row out of the
 * open views. Sweeps the open rows in key order, a slice per round; a
 * completion attempt checks its own row at once (TasksService.complete).
 * Every replica sweeps: each change is an update guarded by the row's state
 * (and version), so replicas closing the same row change it once.
 */
@Injectable()
export class TaskReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TaskReconciler.name);
  private readonly loop: BackgroundLoop;
  private cursor: string | null = null;
  private wholeSweep = false;

  constructor(
    private readonly link: TaskEngineLink,
    private readonly tasks: TasksRepository,
    @Inject(ENGINE_CLOCK) private readonly clock: Clock,
  ) {
    this.loop = new BackgroundLoop(
      () => this.round(),
      ROUND_INTERVAL_MS,
      (error) =>
        this.logger.error(
          `reconciling tasks failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** A whole sweep now (tests, after moving the clock past a boundary timer). */
  async reconcileNow(): Promise<void> {
    this.wholeSweep = true;
    await this.loop.runNow();
  }

  /**
   * Brings open rows in line with their jobs; returns the statuses read.
   * A row whose completion is under way (a fresh reservation) is left to it.
   */
  async reconcile(rows: readonly OpenRow[]): Promise<Map<string, JobStatus>> {
    const statuses = await this.link.statusOf(rows.map((row) => row.jobKey));
    const now = this.clock();
    for (const row of rows) {
      const status = statuses.get(row.jobKey);
      if (!status) continue;
      const reserved = row.completingBy !== null && row.completingAt !== null;
      const abandoned =
        reserved && now.getTime() - (row.completingAt as Date).getTime() > RESERVATION_TIMEOUT_MS;
      if (reserved && !abandoned) continue;
      switch (status.state) {
        case 'OPEN':
        case 'INCIDENT':
          if (abandoned && (await this.tasks.releaseCompletion(row.jobKey, row.version))) {
            this.logger.warn(
              `task ${row.jobKey}: abandoned completion by ${row.completingBy} released`,
            );
          }
          break;
        case 'COMPLETED':
          // Completed by the reservation's holder, who crashed before writing the row; or outside the tasklist.
          if (
            await this.tasks.markCompleted(
              row.jobKey,
              row.version,
              null,
              status.at ?? row.completingAt ?? now,
            )
          ) {
            this.logger.log(
              `task ${row.jobKey}: its job was completed ${row.completingBy ? `by ${row.completingBy}` : 'outside the tasklist'}`,
            );
          }
          break;
        case 'CANCELED':
          if (await this.tasks.markCanceled(row.jobKey, now)) {
            this.logger.log(`task ${row.jobKey}: its job was cancelled by the engine`);
          }
          break;
      }
    }
    return statuses;
  }

  /** One slice of the sweep (or all of it when asked); true while there is more right away. */
  private async round(): Promise<boolean> {
    const limit = this.wholeSweep ? Infinity : ROWS_PER_ROUND;
    if (this.wholeSweep) this.cursor = null;
    this.wholeSweep = false;
    let checked = 0;
    while (checked < limit) {
      const rows = await this.tasks.openAfter(this.cursor, BATCH);
      if (rows.length === 0) {
        this.cursor = null;
        return false;
      }
      await this.reconcile(rows);
      checked += rows.length;
      this.cursor = rows[rows.length - 1].jobKey;
    }
    return false;
  }
}
