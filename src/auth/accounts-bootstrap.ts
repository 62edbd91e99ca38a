import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ConfigurationError } from '../config/environment';
import { Account } from './entities/account.entity';
import { hashPassword, verifyPassword } from './password-hasher';
import { Role, ROLE_LABELS } from './role';

export const ADMIN_USERNAME = 'admin';

/** One demo account per role, for trying the embedded default; never created in production. */
export const DEMO_ACCOUNTS: ReadonlyArray<
  Pick<Account, 'username' | 'displayName' | 'role' | 'unitCode'>
> = [
  {
    username: 'sportello.iii',
    displayName: 'Sportello Circoscrizione III (demo)',
    role: Role.FrontOffice,
    unitCode: 'III',
  },
  {
    username: 'assistente.iii',
    displayName: 'Assistente sociale III (demo)',
    role: Role.Caseworker,
    unitCode: 'III',
  },
  {
    username: 'assistente.v',
    displayName: 'Assistente sociale V (demo)',
    role: Role.Caseworker,
    unitCode: 'V',
  },
  {
    username: 'coordinatore.iii',
    displayName: 'Coordinatore Circoscrizione III (demo)',
    role: Role.Coordinator,
    unitCode: 'III',
  },
  {
    username: 'dirigente',
    displayName: 'Dirigente del servizio (demo)',
    role: Role.Manager,
    unitCode: null,
  },
];

/**
 * Makes sure the `admin` account exists (ADMIN_PASSWORD sets its password at
 * every start) and, outside production, creates the demo accounts once.
 * Generated passwords are printed once, to the console only.
 */
@Injectable()
export class AccountsBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountsBootstrap.name);

  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const generated: Array<{ username: string; role: Role; password: string }> = [];
    const admin = await this.accounts.findOneBy({ username: ADMIN_USERNAME });
    const wanted = this.config.adminPassword;
    if (!admin) {
      if (!wanted && this.config.production) {
        throw new ConfigurationError(
          'Invalid configuration: ADMIN_PASSWORD must be set for the first start in production',
        );
      }
      const password = wanted ?? generatePassword();
      await this.create(
        {
          username: ADMIN_USERNAME,
          displayName: 'Amministratore',
          role: Role.Admin,
          unitCode: null,
        },
        password,
      );
      if (!wanted) generated.push({ username: ADMIN_USERNAME, role: Role.Admin, password });
    } else if (
      wanted &&
      !(admin.passwordHash && (await verifyPassword(wanted, admin.passwordHash)))
    ) {
      await this.accounts.update(admin.id, {
        passwordHash: await hashPassword(wanted),
        passwordChangedAt: new Date(),
      });
      this.logger.log('admin password set from ADMIN_PASSWORD');
    }

    if (this.config.demoAccounts) {
      for (const demo of DEMO_ACCOUNTS) {
        if (await this.accounts.existsBy({ username: demo.username })) continue;
        const password = generatePassword();
        await this.create(demo, password);
        generated.push({ username: demo.username, role: demo.role, password });
      }
    }
    if (generated.length > 0) printOnce(generated);
  }

  private async create(
    fields: Pick<Account, 'username' | 'displayName' | 'role' | 'unitCode'>,
    password: string,
  ): Promise<void> {
    await this.accounts.insert({
      ...fields,
      passwordHash: await hashPassword(password),
      passwordChangedAt: new Date(),
    });
  }
}

function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

// Straight to the terminal, not to the structured log: secrets must not reach log storage.
function printOnce(accounts: Array<{ username: string; role: Role; password: string }>): void {
  const lines = accounts.map(
    (a) => `  ${a.username.padEnd(18)} ${a.password}   ${ROLE_LABELS[a.role]}`,
  );
  process.stdout.write(
    [
      '',
      'Account creati al primo avvio (le password non verranno più mostrate):',
      ...lines,
      'Per reimpostare la password di admin: avviare con ADMIN_PASSWORD=...',
      '',
    ].join('\n') + '\n',
  );
}
