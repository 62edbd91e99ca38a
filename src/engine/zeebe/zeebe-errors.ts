import { EngineConflictError, EngineNotFoundError, DeploymentRejectedError } from '../engine.port';

/** gRPC status codes Zeebe answers with (@grpc/grpc-js `status`). */
const INVALID_ARGUMENT = 3;
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const FAILED_PRECONDITION = 9;

/**
 * A gateway's rejection as the port's error, so callers answer Zeebe as they answer the
 * embedded engine. What is left (UNAVAILABLE after the SDK's retries, INTERNAL…) stays an error
 * the HTTP layer answers with 500 and logs.
 */
export function toPortError(error: unknown, deploying = false): unknown {
  const code = (error as { code?: unknown })?.code;
  const message = detailsOf(error);
  if (code === NOT_FOUND) return new EngineNotFoundError(message);
  if (code === INVALID_ARGUMENT && deploying)
    return new DeploymentRejectedError('Zeebe refused the model', [
      { code: 'ZEEBE_REJECTED', message },
    ]);
  if (code === FAILED_PRECONDITION || code === ALREADY_EXISTS || code === INVALID_ARGUMENT)
    return new EngineConflictError(message);
  return error;
}

function detailsOf(error: unknown): string {
  const details = (error as { details?: unknown })?.details;
  if (typeof details === 'string' && details) return details;
  return error instanceof Error ? error.message : String(error);
}
