import { status } from '@grpc/grpc-js';
import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { EngineNotFoundError, Key, Variables } from '../engine.port';
import { EngineReadRepository } from '../http/engine-read.repository';
import { GatewayError } from './gateway-errors';

/** The first look again after the start; it doubles up to the longest. */
const FIRST_PAUSE_MS = 20;
const LONGEST_PAUSE_MS = 500;

/**
 * Waits for an instance to end, for CreateProcessInstanceWithResult. The port announces no
 * ends, so the read side is asked again with a growing pause: a quick process answers within
 * milliseconds, a slow one costs a query every half second.
 */
@Injectable()
export class InstanceResults {
  constructor(private readonly read: EngineReadRepository) {}

  /** The variables of the completed instance; DEADLINE_EXCEEDED when it is still running after timeoutMs. */
  async completion(key: Key, timeoutMs: number, signal: AbortSignal): Promise<Variables> {
    const until = Date.now() + timeoutMs;
    for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
      const state = await this.read.instanceState(key);
      if (state === 'COMPLETED') {
        const detail = await this.read.instanceDetail(key);
        return detail?.instance.variables ?? {};
      }
      if (state === null) throw new EngineNotFoundError(`process instance ${key} not found`);
      if (state !== 'ACTIVE') {
        throw new GatewayError(
          status.FAILED_PRECONDITION,
          `process instance ${key} ended without completing (${state})`,
        );
      }
      const left = until - Date.now();
      if (left <= 0) {
        throw new GatewayError(
          status.DEADLINE_EXCEEDED,
          `process instance ${key} did not complete within ${timeoutMs} ms`,
        );
      }
      await sleep(Math.min(pause, left), undefined, { signal }).catch(() => undefined);
      if (signal.aborted) throw new GatewayError(status.CANCELLED, 'the call was cancelled');
    }
  }
}
