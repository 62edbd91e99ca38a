import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { RetryLaterException } from './retry-later.exception';

/** The one shape of every 4xx and 5xx answer. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

const GENERIC: Record<number, string> = {
  400: 'Richiesta non valida.',
  401: 'Accesso richiesto: effettuare il login.',
  403: 'Operazione non consentita per il proprio ruolo.',
  404: 'Risorsa non trovata.',
  405: 'Metodo non consentito.',
  409: 'Conflitto con lo stato attuale.',
  413: 'Richiesta troppo grande.',
  415: 'Tipo di contenuto non supportato.',
  429: 'Troppe richieste: riprovare più tardi.',
  500: "Errore interno: riprovare; se persiste, avvisare l'amministratore.",
  503: 'Servizio non disponibile.',
};

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpException');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request & { id?: string }>();
    const response = context.getResponse<Response>();
    const status = statusOf(exception);
    const body: ErrorBody = {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      message: GENERIC[status] ?? GENERIC[status >= 500 ? 500 : 400],
      requestId: request.id,
    };
    if (exception instanceof HttpException && status < 500) {
      const payload = exception.getResponse();
      if (typeof payload === 'string') body.message = payload;
      else if (typeof payload === 'object' && payload !== null) {
        const { message, details } = payload as { message?: unknown; details?: unknown };
        // Nest's "Cannot GET /x" for unknown routes is English and echoes the path: use ours.
        if (typeof message === 'string' && !/^Cannot [A-Z]+ /.test(message)) body.message = message;
        if (details !== undefined) body.details = details;
      }
    }
    if (status >= 500) {
      // The stack only: request bodies and parameters may hold personal data.
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    if (exception instanceof RetryLaterException) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    response.status(status).json(body);
  }
}

function statusOf(exception: unknown): number {
  if (exception instanceof HttpException) return exception.getStatus();
  // body-parser errors (too large, bad JSON, bad encoding) carry their own 4xx status.
  const status = (exception as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 500
    ? status
    : HttpStatus.INTERNAL_SERVER_ERROR;
}
