import { UnsupportedMediaTypeException } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';

const ACCEPTED = /^(application\/([a-z0-9.+-]+\+)?json|multipart\/form-data)\s*(;|$)/i;

/**
 * A request that carries a body must say it is JSON (or a multipart upload):
 * anything else would reach the handlers as an empty body, so it is refused
 * with 415 before any parser or handler runs.
 */
export function requireJsonBody(request: Request, _response: Response, next: NextFunction): void {
  // A form a route declared and its parser has read (the OAuth token endpoint, RFC 6749) passes:
  // Express 5 leaves request.body undefined until a parser runs.
  if (request.body !== undefined) return next();
  const hasBody =
    request.headers['transfer-encoding'] !== undefined ||
    Number(request.headers['content-length'] ?? 0) > 0;
  if (hasBody && !ACCEPTED.test(request.headers['content-type'] ?? '')) {
    next(
      new UnsupportedMediaTypeException(
        'Tipo di contenuto non supportato: inviare i dati come JSON (application/json).',
      ),
    );
    return;
  }
  next();
}
