import { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const SANE = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives every request its id before anything can fail (a body too large is
 * refused before the logger's middleware runs): the caller's X-Request-Id
 * when sane, a new UUID otherwise.
 */
export function assignRequestId(
  request: Request & { id?: string },
  _response: Response,
  next: NextFunction,
): void {
  const given = request.headers['x-request-id'];
  request.id = typeof given === 'string' && SANE.test(given) ? given : randomUUID();
  next();
}
