import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { AccessTokenDto } from './dto/login.dto';
import { AccountDto, toAccountDto } from './dto/account.dto';
import { Account } from './entities/account.entity';
import { DUMMY_HASH, verifyPassword } from './password-hasher';
import { AccessTokenClaims, Principal } from './principal';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<AccessTokenDto> {
    const account = await this.accounts
      .createQueryBuilder('account')
      .where('lower(account.username) = lower(:username)', { username })
      .getOne();
    // Always verify against some hash, so a missing account answers as slowly as a wrong password.
    const valid = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !account.active || !account.passwordHash || !valid) {
      throw new UnauthorizedException('Nome utente o password non corretti.');
    }
    const claims: AccessTokenClaims = {
      sub: account.id,
      username: account.username,
      role: account.role,
      unit: account.unitCode,
    };
    const expiresIn = this.config.accessTokenTtlSeconds;
    return { accessToken: await this.jwt.signAsync(claims, { expiresIn }), expiresIn };
  }

  async me(principal: Principal): Promise<AccountDto> {
    const account = await this.accounts.findOneBy({ id: principal.accountId });
    if (!account) throw new NotFoundException('Account non trovato.');
    return toAccountDto(account);
  }
}
