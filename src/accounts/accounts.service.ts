import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Account } from '../auth/entities/account.entity';
import { TerritorialUnit } from '../auth/entities/territorial-unit.entity';
import { LoginThrottle } from '../auth/login-throttle.service';
import { hashPassword } from '../auth/password-hasher';
import { assertPasswordAllowed } from '../auth/password-policy';
import { Role, UNIT_ROLES } from '../auth/role';
import { SessionService } from '../auth/session.service';
import { PageQueryDto } from '../common/page-query.dto';
import {
  CreateAccountDto,
  ManagedAccountDto,
  ManagedAccountPageDto,
  ResetPasswordDto,
  toManagedAccountDto,
  UpdateAccountDto,
} from './dto/managed-account.dto';

/** Administrators create, change, deactivate accounts and reset passwords; every change is audited. */
@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, page: PageQueryDto): Promise<ManagedAccountPageDto> {
    requireAdmin(actor);
    const [rows, total] = await this.accounts.findAndCount({
      order: { username: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: rows.map(toManagedAccountDto), total, limit: page.limit, offset: page.offset };
  }

  async get(actor: Actor, id: string): Promise<ManagedAccountDto> {
    requireAdmin(actor);
    return toManagedAccountDto(await this.find(id));
  }

  async create(actor: Actor, dto: CreateAccountDto): Promise<ManagedAccountDto> {
    requireAdmin(actor);
    const unitCode = dto.unitCode ?? null;
    await this.checkUnit(dto.role, unitCode);
    assertPasswordAllowed(dto.password, dto.username, 'password');
    const exists = await this.accounts
      .createQueryBuilder('account')
      .where('lower(account.username) = lower(:username)', { username: dto.username })
      .getExists();
    if (exists) throw new ConflictException('Esiste già un account con questo nome utente.');
    const passwordHash = await hashPassword(dto.password);
    return this.accounts.manager.transaction(async (manager) => {
      const account = await manager.getRepository(Account).save({
        username: dto.username,
        displayName: dto.displayName,
        role: dto.role,
        unitCode,
        email: dto.email ?? null,
        fte: dto.fte ?? 1,
        passwordHash,
        passwordChangedAt: new Date(),
      });
      await this.audit.record(
        actor,
        { action: 'create', entity: 'account', entityId: account.id, reason: describe(account) },
        manager,
      );
      return toManagedAccountDto(
        await manager.getRepository(Account).findOneByOrFail({ id: account.id }),
      );
    });
  }

  /** A change of role, unit or a deactivation ends the account's sessions: their tokens carry the old ones. */
  async update(actor: Actor, id: string, dto: UpdateAccountDto): Promise<ManagedAccountDto> {
    requireAdmin(actor);
    const account = await this.find(id);
    const role = dto.role ?? account.role;
    // Moving to a role without a unit drops the unit; moving into one needs it named.
    const unitCode =
      dto.unitCode !== undefined ? dto.unitCode : UNIT_ROLES.has(role) ? account.unitCode : null;
    await this.checkUnit(role, unitCode);
    if (account.id === actor.accountId && (dto.active === false || role !== Role.Admin)) {
      throw new ConflictException(
        'Non si può disattivare il proprio account né togliersi il ruolo di amministratore: chiederlo a un altro amministratore.',
      );
    }
    const changes: Partial<Account> = {
      displayName: dto.displayName ?? account.displayName,
      role,
      unitCode,
      email: dto.email !== undefined ? dto.email : account.email,
      active: dto.active ?? account.active,
      fte: dto.fte ?? account.fte,
    };
    const changed = (Object.keys(changes) as Array<keyof Account>).filter(
      (field) => changes[field] !== account[field],
    );
    if (changed.length === 0) return toManagedAccountDto(account);
    return this.accounts.manager.transaction(async (manager) => {
      await manager.getRepository(Account).update(id, changes);
      if (changed.some((field) => field === 'role' || field === 'unitCode' || field === 'active')) {
        await this.sessions.revokeAll(id, 'account-changed', { manager });
      }
      await this.audit.record(
        actor,
        {
          action: 'update',
          entity: 'account',
          entityId: id,
          reason: `modificati: ${changed.join(', ')}`,
        },
        manager,
      );
      return toManagedAccountDto(await this.findIn(manager, id));
    });
  }

  /** Sets a new password chosen by the administrator; the person's sessions end and a lock is lifted. */
  async resetPassword(actor: Actor, id: string, dto: ResetPasswordDto): Promise<void> {
    requireAdmin(actor);
    const account = await this.find(id);
    assertPasswordAllowed(dto.password, account.username, 'password');
    const passwordHash = await hashPassword(dto.password);
    await this.accounts.manager.transaction(async (manager) => {
      await manager
        .getRepository(Account)
        .update(id, { passwordHash, passwordChangedAt: new Date() });
      await this.sessions.revokeAll(id, 'password', { manager });
      await this.audit.record(
        actor,
        { action: 'password', entity: 'account', entityId: id },
        manager,
      );
    });
    await this.throttle.reset(account.username);
  }

  private async find(id: string): Promise<Account> {
    return this.findIn(this.accounts.manager, id);
  }

  private async findIn(manager: EntityManager, id: string): Promise<Account> {
    const account = await manager.getRepository(Account).findOneBy({ id });
    if (!account) throw new NotFoundException('Account non trovato.');
    return account;
  }

  private async checkUnit(role: Role, unitCode: string | null): Promise<void> {
    let problem: string | null = null;
    if (UNIT_ROLES.has(role) && !unitCode) {
      problem = 'obbligatoria per operatori di sportello, assistenti sociali e coordinatori';
    } else if (!UNIT_ROLES.has(role) && unitCode) {
      problem = 'non prevista per dirigenti e amministratori';
    } else if (
      unitCode &&
      !(await this.accounts.manager.getRepository(TerritorialUnit).existsBy({ code: unitCode }))
    ) {
      problem = 'unità territoriale inesistente';
    }
    if (problem) {
      throw new BadRequestException({
        message: 'I dati inviati non sono validi.',
        details: [{ field: 'unitCode', messages: [problem] }],
      });
    }
  }
}

function requireAdmin(actor: Actor): void {
  if (actor.role !== Role.Admin) {
    throw new ForbiddenException('Operazione riservata agli amministratori.');
  }
}

function describe(account: Account): string {
  return `ruolo ${account.role}${account.unitCode ? `, unità ${account.unitCode}` : ''}`;
}
