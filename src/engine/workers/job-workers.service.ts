import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { hostname } from 'node:os';
import { ProcessEngine } from '../engine.port';
import { JobHandlerFunction } from './job';
import { jobWorkerOptionsOf } from './job-worker.decorator';
import { JobPoller } from './job-poller';

/** Polling while idle: 250 ms after work, doubling to 5 s (the embedded engine also wakes the poller). */
const MIN_POLL_INTERVAL_MS = 250;
const MAX_POLL_INTERVAL_MS = 5_000;
/** Within the 10 s Docker and Compose give a stopping container. */
const SHUTDOWN_TIMEOUT_MS = 8_000;

/**
 * Finds every @JobWorker method of the app's providers at start, polls for
 * their jobs once the app is up, and stops polling (waiting for running
 * handlers) before the engine stops.
 */
@Injectable()
export class JobWorkers implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobWorkers.name);
  private readonly pollers = new Map<string, JobPoller>();
  private unsubscribe?: () => void;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Inject(ProcessEngine) private readonly engine: ProcessEngine,
  ) {}

  /** The job types served in this process. */
  get types(): string[] {
    return [...this.pollers.keys()];
  }

  onModuleInit(): void {
    const worker = `percorsi-${hostname()}-${process.pid}`;
    const seen = new Set<object>();
    const where = new Map<string, string>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method: unknown = (instance as Record<string, unknown>)[name];
        const options = jobWorkerOptionsOf(method);
        if (!options) continue;
        const id = `${instance.constructor.name}.${name}`;
        if (!wrapper.isDependencyTreeStatic()) {
          throw new Error(`@JobWorker ${id}: a job worker cannot be request-scoped or transient`);
        }
        if (where.has(options.type)) {
          throw new Error(
            `two @JobWorker methods serve job type ${options.type}: ${where.get(options.type)} and ${id}`,
          );
        }
        where.set(options.type, id);
        const handler = (method as JobHandlerFunction).bind(instance);
        this.pollers.set(
          options.type,
          new JobPoller(
            this.engine,
            handler,
            {
              ...options,
              worker,
              minPollIntervalMs: MIN_POLL_INTERVAL_MS,
              maxPollIntervalMs: MAX_POLL_INTERVAL_MS,
            },
            this.logger,
          ),
        );
      }
    }
  }

  onApplicationBootstrap(): void {
    if (this.pollers.size === 0) return;
    // '*': timed-out jobs went back to the pool, of any type.
    this.unsubscribe = this.engine.onJobsAvailable((type) => {
      if (type === '*') this.pollers.forEach((poller) => poller.wake());
      else this.pollers.get(type)?.wake();
    });
    this.pollers.forEach((poller) => poller.start());
    this.logger.log(`polling for job types: ${this.types.join(', ')}`);
  }

  /**
   * Runs before the engine stops: Nest calls beforeApplicationShutdown module
   * by module, global modules (EngineModule) last, and this module is not
   * global. So running handlers can still complete their jobs.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await Promise.all([...this.pollers.values()].map((poller) => poller.stop(SHUTDOWN_TIMEOUT_MS)));
  }

  /** Handlers running now, of the given type or all. */
  activeJobs(type?: string): number {
    const pollers = type ? [this.pollers.get(type)] : [...this.pollers.values()];
    return pollers.reduce((sum, poller) => sum + (poller?.activeJobs ?? 0), 0);
  }

  /**
   * Polls now for the given type (or all) and resolves once the jobs are
   * activated: after an operator resolved an incident, or a test moved the clock.
   */
  async pollNow(type?: string): Promise<void> {
    const pollers = type ? [this.pollers.get(type)] : [...this.pollers.values()];
    await Promise.all(pollers.map((poller) => poller?.pollNow()));
  }
}
