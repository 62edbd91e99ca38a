import { resolve } from 'node:path';
import { Environment, LogLevel, NodeEnv, validateEnvironment } from './environment';

/** The validated settings, in the shape the modules use them. */
export class AppConfig {
  readonly production: boolean;
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl?: string;
  readonly zeebeAddress?: string;
  readonly logLevel: LogLevel;
  readonly adminPassword?: string;
  readonly jwtSecret?: string;
  readonly accessTokenTtlSeconds: number;
  readonly demoAccounts: boolean;
  readonly engineMaxLiveInstances: number;
  /** Absolute path of the user task forms folder. */
  readonly formsDir: string;
  readonly smtpUrl?: string;
  readonly mailFrom: string;
  /** Without a trailing slash. */
  readonly publicUrl?: string;
  /** Working days before a deadline at which the reminder goes out. */
  readonly deadlineReminderWorkingDays: number;
  /** Origins allowed to call the API from a browser; empty: CORS closed. */
  readonly corsOrigins: string[];

  constructor(environment: Environment) {
    this.production = environment.NODE_ENV === NodeEnv.Production;
    this.port = environment.PORT;
    this.host = environment.HOST;
    this.dataDir = resolve(environment.DATA_DIR);
    this.databaseUrl = environment.DATABASE_URL;
    this.zeebeAddress = environment.ZEEBE_ADDRESS;
    this.logLevel = environment.LOG_LEVEL;
    this.adminPassword = environment.ADMIN_PASSWORD;
    this.jwtSecret = environment.JWT_SECRET;
    this.accessTokenTtlSeconds = environment.ACCESS_TOKEN_TTL_SECONDS;
    this.demoAccounts = !this.production && environment.DEMO_ACCOUNTS !== 'false';
    this.engineMaxLiveInstances = environment.ENGINE_MAX_LIVE_INSTANCES;
    this.formsDir = resolve(environment.FORMS_DIR);
    this.smtpUrl = environment.SMTP_URL;
    this.mailFrom = environment.MAIL_FROM;
    this.publicUrl = environment.PUBLIC_URL?.replace(/\/+$/, '');
    this.deadlineReminderWorkingDays = environment.DEADLINE_REMINDER_WORKING_DAYS;
    this.corsOrigins = (environment.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
  }

  static fromEnvironment(raw: Record<string, string | undefined> = process.env): AppConfig {
    return new AppConfig(validateEnvironment(raw));
  }

  get engine(): 'embedded' | 'zeebe' {
    return this.zeebeAddress ? 'zeebe' : 'embedded';
  }
}
