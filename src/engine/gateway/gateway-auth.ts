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
 * A worker makes a hundred calls a second with one token: its session is looked up in the
 * database once per this long, not on every call (one query less per job completed). A logout
 * or a revoked account reaches the gateway within this long instead of at once.
 */
const TRUSTED_FOR_MS = 5_000;
const MAX_TRUSTED = 1_000;

/**
 * Who calls the gateway: the bearer token of an account (a worker's client credentials or a
 * login's access token), checked as the HTTP guard checks it, then the role the call needs.
 */
@Injectable()
export class GatewayAuth {
  private readonly logger = new Logger('ZeebeGateway');

  private readonly trusted = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly tokens: AccessTokens) {}

  async callerOf(rpc: string, metadata: Metadata): Promise<Principal> {
    const [header] = metadata.get('authorization');
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    const principal = token ? await this.principalOf(token) : null;
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

  private async principalOf(token: string): Promise<Principal | null> {
    const now = performance.now();
    const known = this.trusted.get(token);
    if (known && known.until > now) return known.principal;
    this.trusted.delete(token);
    const principal = await this.tokens.principalOf(token);
    if (principal) {
      if (this.trusted.size >= MAX_TRUSTED) this.trusted.delete(this.trusted.keys().next().value!);
      this.trusted.set(token, { principal, until: now + TRUSTED_FOR_MS });
    }
    return principal;
  }
}
