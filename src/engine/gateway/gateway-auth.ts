import { Metadata, status } from '@grpc/grpc-js';
import { Injectable, Logger } from '@nestjs/common';
import { AccessTokens } from '../../auth/access-tokens';
import { Principal } from '../../auth/principal';
import { Role } from '../../auth/role';
import { GatewayError } from './gateway-errors';

/** Deploying changes what every case runs: the administrator's, as over HTTP. */
const ADMIN_ONLY: ReadonlySet<string> = new Set(['DeployResource']);
const ALLOWED: ReadonlySet<Role> = new Set([Role.Worker, Role.Admin]);

/**
 * Who calls the gateway: the bearer token of an account (a worker's client credentials or a
 * login's access token), checked as the HTTP guard checks it, then the role the call needs.
 */
@Injectable()
export class GatewayAuth {
  private readonly logger = new Logger('ZeebeGateway');

  constructor(private readonly tokens: AccessTokens) {}

  async callerOf(rpc: string, metadata: Metadata): Promise<Principal> {
    const [header] = metadata.get('authorization');
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    const principal = token ? await this.tokens.principalOf(token) : null;
    if (!principal) {
      throw new GatewayError(status.UNAUTHENTICATED, 'a valid bearer token is required');
    }
    if (!ALLOWED.has(principal.role) || (ADMIN_ONLY.has(rpc) && principal.role !== Role.Admin)) {
      this.logger.warn({
        rpc,
        username: principal.username,
        msg: `${principal.username} (${principal.role}) may not call ${rpc}`,
      });
      throw new GatewayError(status.PERMISSION_DENIED, `the account may not call ${rpc}`);
    }
    return principal;
  }
}
