import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { AuthenticatedRequest } from './current-principal.decorator';
import { Principal } from './principal';

/** Where a call came from, signed in or not: what the access log and the login limit record. */
export interface RequestOrigin {
  address: string | null;
  requestId: string | null;
}

/** The caller and where the call came from: what the access log records. */
export interface Actor extends Principal, RequestOrigin {}

function originOf(request: Request & { id?: string }): RequestOrigin {
  return { address: request.ip ?? null, requestId: request.id ?? null };
}

export const CurrentOrigin = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestOrigin =>
    originOf(context.switchToHttp().getRequest<Request & { id?: string }>()),
);

export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { id?: string }>();
    return { ...request.principal, ...originOf(request) };
  },
);
