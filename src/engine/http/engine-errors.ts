import {
  BadRequestException,
  ConflictException,
  HttpException,
  NotFoundException,
} from '@nestjs/common';
import { DeploymentRejectedError, EngineConflictError, EngineNotFoundError } from '../engine.port';

/** The answers a caller gives for the port's errors; the defaults are generic. */
export interface EngineErrorAnswers {
  notFound?: HttpException;
  conflict?: HttpException;
}

/**
 * Runs a port command and turns its errors into HTTP ones: not found → 404,
 * conflict → 409, a refused model → 400 with its problems as `details`.
 * The port's own messages are English and for logs; people read the answers'.
 */
export async function callEngine<T>(
  work: () => Promise<T>,
  answers: EngineErrorAnswers = {},
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof EngineNotFoundError) {
      throw answers.notFound ?? new NotFoundException('Risorsa non trovata.');
    }
    if (error instanceof EngineConflictError) {
      throw (
        answers.conflict ?? new ConflictException('Operazione non consentita nello stato attuale.')
      );
    }
    if (error instanceof DeploymentRejectedError) {
      throw new BadRequestException({
        message: error.message,
        details: error.problems.map(({ code, message, line, column, elementId, rule }) => ({
          code,
          message,
          line,
          column,
          elementId,
          rule,
        })),
      });
    }
    throw error;
  }
}
