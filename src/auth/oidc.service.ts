import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { changedRows } from '../database/changed-rows';
import { RequestOrigin } from './actor.decorator';
import { AuthService } from './auth.service';
import { SessionTokensDto } from './dto/login.dto';
import { Account } from './entities/account.entity';

/** Time a person has at the provider to sign in. */
const LOGIN_TTL_MS = 10 * 60 * 1000;
/** Time the browser has to trade the one-time code for tokens, right after the redirect. */
const HANDOFF_TTL_MS = 60 * 1000;

type OidcSettings = NonNullable<AppConfig['oidc']>;

export interface OidcStart {
  /** Where to send the browser: the provider's authorization endpoint. */
  url: string;
  /** Also set as a cookie, so the callback is accepted only in the browser that started. */
  state: string;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Login through an OpenID Connect provider (the city's SPID/CIE gateway):
 * authorization code with PKCE, state and nonce. The identity must match an
 * active account the administrator created (by its linked subject, or at the
 * first login by the username claim): nobody is created here. The tokens are
 * handed over by a one-time code the browser trades with POST, so they never
 * travel in a URL (history, proxies' logs, Referer).
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private discovered?: Promise<client.Configuration>;

  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  /** Whether the state cookie must be Secure: when the service is reached over https. */
  get secureCookies(): boolean {
    return this.settings().redirectUri.startsWith('https:');
  }

  async begin(): Promise<OidcStart> {
    const settings = this.settings();
    const configuration = await this.provider();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const verifier = client.randomPKCECodeVerifier();
    const now = Date.now();
    await this.accounts.manager.query(`DELETE FROM oidc_login WHERE expires_at < $1`, [
      new Date(now),
    ]);
    await this.accounts.manager.query(
      `INSERT INTO oidc_login (state, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, $4)`,
      [state, nonce, verifier, new Date(now + LOGIN_TTL_MS)],
    );
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri,
      scope: 'openid profile',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state };
  }

  /**
   * The provider sent the browser back: checks state (against the cookie),
   * trades the code, matches the identity to an account, and answers where to
   * send the browser with a one-time code.
   */
  async complete(
    query: string,
    cookieState: string | undefined,
    origin: RequestOrigin,
  ): Promise<string> {
    const settings = this.settings();
    const callbackUrl = new URL(settings.redirectUri);
    callbackUrl.search = query;
    const state = callbackUrl.searchParams.get('state');
    if (!state || state !== cookieState) {
      throw new BadRequestException(
        "Accesso non riuscito: la richiesta è scaduta o non è partita da questo browser. Ripetere l'accesso.",
      );
    }
    const now = new Date();
    // Claimed once: expiring it now makes a replayed callback find nothing.
    const [pending] = await changedRows<{ nonce: string; code_verifier: string }>(
      this.accounts.manager,
      `UPDATE oidc_login SET expires_at = $2
       WHERE state = $1 AND expires_at > $2 AND handoff_hash IS NULL RETURNING nonce, code_verifier`,
      [state, now],
    );
    if (!pending) {
      throw new BadRequestException(
        "Accesso non riuscito: la richiesta è scaduta o è già stata usata. Ripetere l'accesso.",
      );
    }
    const configuration = await this.provider();
    let subject: string;
    let username: unknown;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      subject = claims.sub;
      username = claims[settings.usernameClaim];
      // Many providers put profile claims only in the userinfo answer.
      if (username === undefined) {
        const info = await client.fetchUserInfo(configuration, tokens.access_token, subject);
        username = info[settings.usernameClaim];
      }
    } catch (error) {
      this.logger.warn(`OpenID Connect login refused: ${(error as Error).message}`);
      throw new UnauthorizedException(
        "Il fornitore di identità non ha confermato l'accesso: riprovare.",
      );
    }
    const account = await this.match(subject, typeof username === 'string' ? username : null);
    if (!account) {
      await this.audit.record(
        {
          accountId: null,
          username: (typeof username === 'string' ? username : subject).slice(0, 64),
          role: 'anonymous',
          unitCode: null,
          ...origin,
        },
        { action: 'login-failed', entity: 'account', reason: 'oidc: nessun account attivo' },
      );
      throw new ForbiddenException(
        "Questa identità digitale non è abilitata a Percorsi: chiedere all'amministratore di creare il proprio account.",
      );
    }
    const handoff = randomBytes(32).toString('base64url');
    await this.accounts.manager.query(
      `UPDATE oidc_login SET handoff_hash = $2, account_id = $3, expires_at = $4 WHERE state = $1`,
      [state, sha256(handoff), account.id, new Date(now.getTime() + HANDOFF_TTL_MS)],
    );
    return `${this.config.publicUrl ?? ''}/?login_code=${handoff}`;
  }

  /** Trades the one-time code of the redirect for the session's tokens. */
  async exchange(code: string, origin: RequestOrigin): Promise<SessionTokensDto> {
    this.settings();
    const [handed] = await changedRows<{ account_id: string }>(
      this.accounts.manager,
      `DELETE FROM oidc_login WHERE handoff_hash = $1 AND expires_at > $2 RETURNING account_id`,
      [sha256(code), new Date()],
    );
    const account = handed ? await this.accounts.findOneBy({ id: handed.account_id }) : null;
    if (!account?.active) {
      throw new UnauthorizedException(
        "Codice di accesso scaduto o già usato: ripetere l'accesso con identità digitale.",
      );
    }
    return this.auth.startSession(account, 'oidc', origin);
  }

  /** By the subject linked before; else, once, by the username claim (then linked). */
  private async match(subject: string, username: string | null): Promise<Account | null> {
    const linked = await this.accounts.findOneBy({ oidcSubject: subject });
    if (linked) return linked.active ? linked : null;
    if (!username) return null;
    const account = await this.accounts
      .createQueryBuilder('account')
      .where('lower(account.username) = lower(:username)', { username })
      .andWhere('account.oidc_subject IS NULL')
      .getOne();
    if (!account?.active) return null;
    await this.accounts.update(account.id, { oidcSubject: subject });
    return { ...account, oidcSubject: subject };
  }

  private settings(): OidcSettings {
    if (!this.config.oidc) {
      throw new NotFoundException('Accesso con identità digitale non configurato.');
    }
    return this.config.oidc;
  }

  /** Discovery once (retried after a failure), so a provider down at start does not stop the service. */
  private provider(): Promise<client.Configuration> {
    const settings = this.settings();
    this.discovered ??= client
      .discovery(new URL(settings.issuerUrl), settings.clientId, settings.clientSecret, undefined, {
        timeout: 10,
        // Plain http is accepted by the configuration only on loopback (tests, a local provider).
        execute: settings.issuerUrl.startsWith('http:') ? [client.allowInsecureRequests] : [],
      })
      .catch((error: Error) => {
        this.discovered = undefined;
        this.logger.warn(`OpenID provider unreachable: ${error.message}`);
        throw new ServiceUnavailableException(
          'Il fornitore di identità digitale non risponde: riprovare più tardi o accedere con nome utente e password.',
        );
      });
    return this.discovered;
  }
}
