import { Metadata, StatusObject, status } from '@grpc/grpc-js';
import { Logger } from '@nestjs/common';
import { DeploymentRejectedError, EngineConflictError, EngineNotFoundError } from '../engine.port';

/** A refusal the gateway itself decides (bad input, no right, no such feature), with its code. */
export class GatewayError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
  }
}

export function invalidArgument(message: string): GatewayError {
  return new GatewayError(status.INVALID_ARGUMENT, message);
}

/**
 * The status a failed call ends with, as Zeebe's gateway answers: the port's not found and
 * conflict, a refused model with its problems in the details. Anything else is a fault of
 * ours: logged in full, answered with a generic INTERNAL that shows nothing of the internals.
 */
export function toStatus(error: unknown, rpc: string, logger: Logger): StatusObject {
  const answer = (code: status, details: string): StatusObject => ({
    code,
    details,
    metadata: new Metadata(),
  });
  if (error instanceof GatewayError) return answer(error.code, error.message);
  if (error instanceof EngineNotFoundError) return answer(status.NOT_FOUND, error.message);
  if (error instanceof EngineConflictError)
    return answer(status.FAILED_PRECONDITION, error.message);
  if (error instanceof DeploymentRejectedError) {
    const problems = error.problems.map(({ code, message, line, column, elementId }) => {
      const where = [
        elementId && `element '${elementId}'`,
        line !== undefined && `line ${line}${column !== undefined ? `, column ${column}` : ''}`,
      ].filter(Boolean);
      return `${code}: ${message}${where.length ? ` (${where.join(', ')})` : ''}`;
    });
    return answer(status.INVALID_ARGUMENT, [error.message, ...problems].join('\n'));
  }
  logger.error(`${rpc} failed: ${error instanceof Error ? error.stack : String(error)}`);
  return answer(status.INTERNAL, `${rpc} failed on the server`);
}
