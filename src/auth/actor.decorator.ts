import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedRequest } from './current-principal.decorator';
import { Principal } from './principal';

/** The caller and where the call came from: what the access log records. */
export interface Actor extends Principal {
  address: string | null;
  requestId: string | null;
}

export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { id?: string }>();
    return { ...request.principal, address: request.ip ?? null, requestId: request.id ?? null };
  },
);
