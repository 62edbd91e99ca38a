import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  Logger,
  NestInterceptor,
} from '@nestjs/common';
import { Request } from 'express';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { AuthenticatedRequest } from '../auth/current-principal.decorator';
import { AuditEntity } from './access-log.entity';
import { AuditService } from './audit.service';

/** The reads of case content by id, by the first segment after /api, and what they read. */
const GUARDED: Record<string, AuditEntity> = {
  cases: 'case',
  tasks: 'task',
  referrals: 'referral',
  persons: 'person',
  households: 'person',
};

/**
 * A refused read of case content (403, or the 404 that hides another unit's case) is written to
 * the access log too: probing ids is what an insider looking for a file does. Written after the
 * request's transaction has ended, never inside it.
 */
@Injectable()
export class RefusedReadsInterceptor implements NestInterceptor {
  private readonly logger = new Logger(RefusedReadsInterceptor.name);

  constructor(private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context
      .switchToHttp()
      .getRequest<AuthenticatedRequest & Request & { id?: string }>();
    const [, segment, id] = request.path.replace(/^\/api/, '').split('/');
    const entity = GUARDED[segment];
    if (request.method !== 'GET' || !entity || !id || !request.principal) return next.handle();
    return next.handle().pipe(
      catchError((error: unknown) => {
        const status = error instanceof HttpException ? error.getStatus() : 0;
        if (status !== 403 && status !== 404) return throwError(() => error);
        const logged = this.audit
          .record(
            { ...request.principal!, address: request.ip ?? null, requestId: request.id ?? null },
            {
              action: 'refused',
              entity,
              entityId: id.slice(0, 64),
              personIds: [],
              reason: `${status} ${request.path}`.slice(0, 300),
            },
          )
          .catch((failure: Error) =>
            this.logger.error(`refused read not logged: ${failure.message}`),
          );
        // The answer waits for the entry: whoever reads the log next finds it.
        return from(logged).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
