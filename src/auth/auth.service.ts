import {
  BadRequestException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { Actor, RequestOrigin } from './actor.decorator';
import { AccountDto, toAccountDto } from './dto/account.dto';
import { SessionTokensDto } from './dto/login.dto';
import { Account } from './entities/account.entity';
import { LoginThrottle } from './login-throttle.service';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hasher';
import { assertPasswordAllowed } from './password-policy';
import { AccessTokenClaims, Principal } from './principal';
import { IssuedRefreshToken, SessionMethod, SessionService } from './session.service';

const WRONG_CREDENTIALS = 'Nome utente o password non corretti.';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  async login(
    username: string,
    password: string,
    origin: RequestOrigin,
  ): Promise<SessionTokensDto> {
    const attempt = await this.throttle.admit(username, origin.address);
    const account = await this.findByUsername(username);
    // Always verify against some hash, so a missing account answers as slowly as a wrong password.
    const valid = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !account.active || !account.passwordHash || !valid) {
      await this.throttle.failed();
      await this.audit.record(anonymous(username, origin), {
        action: 'login-failed',
        entity: 'account',
        entityId: account?.id ?? null,
      });
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }
    await this.throttle.succeeded(attempt);
    return this.startSession(account, 'password', origin);
  }

  /** Opens a session for an account already identified (password or OpenID Connect). */
  async startSession(
    account: Account,
    method: SessionMethod,
    origin: RequestOrigin,
  ): Promise<SessionTokensDto> {
    const issued = await this.sessions.start(account.id, method, origin.address);
    await this.audit.record(actorOf(account, origin), {
      action: 'login',
      entity: 'session',
      entityId: issued.sessionId,
      reason: method,
    });
    return this.tokens(account, issued);
  }

  async refresh(refreshToken: string, origin: RequestOrigin): Promise<SessionTokensDto> {
    const rotated = await this.sessions.rotate(refreshToken);
    if (rotated.outcome === 'reused') {
      const account = await this.accounts.findOneBy({ id: rotated.accountId });
      if (account) {
        await this.audit.record(actorOf(account, origin), {
          action: 'token-reuse',
          entity: 'session',
          entityId: rotated.sessionId,
        });
      }
      throw new UnauthorizedException(
        'Sessione chiusa per sicurezza: questo token di rinnovo era già stato usato. Effettuare di nuovo il login.',
      );
    }
    const account =
      rotated.outcome === 'rotated'
        ? await this.accounts.findOneBy({ id: rotated.accountId })
        : null;
    if (rotated.outcome === 'invalid' || !account?.active) {
      throw new UnauthorizedException(
        'Sessione scaduta o non valida: effettuare di nuovo il login.',
      );
    }
    return this.tokens(account, rotated);
  }

  async logout(actor: Actor): Promise<void> {
    await this.sessions.revoke(actor.sessionId, 'logout');
    await this.audit.record(actor, {
      action: 'logout',
      entity: 'session',
      entityId: actor.sessionId,
    });
  }

  /** The signed-in person changes their own password; their other sessions end. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    // A stolen access token must not become a way to guess the password: same limit as login.
    const attempt = await this.throttle.admit(actor.username, actor.address);
    const account = await this.accounts.findOneBy({ id: actor.accountId });
    if (!account) throw new NotFoundException('Account non trovato.');
    if (!account.passwordHash || !(await verifyPassword(currentPassword, account.passwordHash))) {
      await this.throttle.failed();
      throw new BadRequestException({
        message: 'I dati inviati non sono validi.',
        details: [{ field: 'currentPassword', messages: ['la password attuale non è corretta'] }],
      });
    }
    await this.throttle.succeeded(attempt);
    assertPasswordAllowed(newPassword, account.username, 'newPassword');
    if (newPassword === currentPassword) {
      throw new BadRequestException({
        message: 'La password scelta non rispetta le regole.',
        details: [{ field: 'newPassword', messages: ['deve essere diversa da quella attuale'] }],
      });
    }
    await this.accounts.update(account.id, {
      passwordHash: await hashPassword(newPassword),
      passwordChangedAt: new Date(),
    });
    await this.sessions.revokeAll(account.id, 'password', { except: actor.sessionId });
    await this.audit.record(actor, { action: 'password', entity: 'account', entityId: account.id });
  }

  async me(principal: Principal): Promise<AccountDto> {
    const account = await this.accounts.findOneBy({ id: principal.accountId });
    if (!account) throw new NotFoundException('Account non trovato.');
    return toAccountDto(account);
  }

  private findByUsername(username: string): Promise<Account | null> {
    return this.accounts
      .createQueryBuilder('account')
      .where('lower(account.username) = lower(:username)', { username })
      .getOne();
  }

  private async tokens(account: Account, issued: IssuedRefreshToken): Promise<SessionTokensDto> {
    const claims: AccessTokenClaims = {
      sub: account.id,
      username: account.username,
      role: account.role,
      unit: account.unitCode,
      sid: issued.sessionId,
    };
    const expiresIn = this.config.accessTokenTtlSeconds;
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn }),
      expiresIn,
      refreshToken: issued.refreshToken,
      refreshExpiresAt: issued.expiresAt,
    };
  }
}

function actorOf(account: Account, origin: RequestOrigin): AuditActor {
  return {
    accountId: account.id,
    username: account.username,
    role: account.role,
    unitCode: account.unitCode,
    ...origin,
  };
}

/** Whoever tried to sign in, by the name they typed: not yet anyone. */
function anonymous(username: string, origin: RequestOrigin): AuditActor {
  return {
    accountId: null,
    username: username.slice(0, 64),
    role: 'anonymous',
    unitCode: null,
    ...origin,
  };
}
