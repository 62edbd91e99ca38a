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
  /** How the Zeebe adapter reaches its gateway (only with zeebeAddress). */
  readonly zeebeClient: {
    clientId?: string;
    clientSecret?: string;
    oauthUrl?: string;
    audience: string;
    secure: boolean;
  };
  /** Where the Zeebe exporter's records are read (only with zeebeAddress); undefined: not read. */
  readonly zeebeExporter?: { redisUrl: string; streamPrefix: string };
  /** The embedded engine's Zeebe gateway; undefined: off. */
  readonly zeebeGateway?: { port: number; host: string };
  readonly logLevel: LogLevel;
  readonly adminPassword?: string;
  readonly jwtSecret?: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly loginThrottle: {
    maxPerAccount: number;
    maxPerAddress: number;
    windowSeconds: number;
  };
  /** Express `trust proxy` value; undefined: the TCP peer is the client. */
  readonly trustProxy?: boolean | number | string;
  /** Set only when OIDC_ISSUER_URL is. */
  readonly oidc?: {
    issuerUrl: string;
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    usernameClaim: string;
  };
  readonly demoAccounts: boolean;
  readonly engineMaxLiveInstances: number;
  readonly engineLiveIdleSeconds: number;
  readonly jsonMaxDepth: number;
  readonly engineMinTimerCycleSeconds: number;
  readonly engineMaxLoopCardinality: number;
  readonly engineFeelBudgetMs: number;
  readonly engineMaxStepsPerCommand: number;
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
    this.zeebeClient = {
      clientId: environment.ZEEBE_CLIENT_ID,
      clientSecret: environment.ZEEBE_CLIENT_SECRET,
      oauthUrl: environment.CAMUNDA_OAUTH_URL,
      audience: environment.CAMUNDA_ZEEBE_OAUTH_AUDIENCE,
      secure: environment.CAMUNDA_SECURE_CONNECTION === 'true',
    };
    if (environment.ZEEBE_EXPORTER_REDIS_URL)
      this.zeebeExporter = {
        redisUrl: environment.ZEEBE_EXPORTER_REDIS_URL,
        streamPrefix: environment.ZEEBE_EXPORTER_STREAM_PREFIX,
      };
    if (environment.ZEEBE_GATEWAY_PORT !== undefined)
      this.zeebeGateway = {
        port: environment.ZEEBE_GATEWAY_PORT,
        host: environment.ZEEBE_GATEWAY_HOST,
      };
    this.logLevel = environment.LOG_LEVEL;
    this.adminPassword = environment.ADMIN_PASSWORD;
    this.jwtSecret = environment.JWT_SECRET;
    this.accessTokenTtlSeconds = environment.ACCESS_TOKEN_TTL_SECONDS;
    this.refreshTokenTtlSeconds = environment.REFRESH_TOKEN_TTL_SECONDS;
    this.loginThrottle = {
      maxPerAccount: environment.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxPerAddress: environment.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: environment.LOGIN_FAILURE_WINDOW_SECONDS,
    };
    this.trustProxy = parseTrustProxy(environment.TRUST_PROXY);
    if (environment.OIDC_ISSUER_URL) {
      this.oidc = {
        issuerUrl: environment.OIDC_ISSUER_URL,
        clientId: environment.OIDC_CLIENT_ID!,
        clientSecret: environment.OIDC_CLIENT_SECRET!,
        redirectUri: environment.OIDC_REDIRECT_URI!,
        usernameClaim: environment.OIDC_USERNAME_CLAIM,
      };
    }
    this.demoAccounts = !this.production && environment.DEMO_ACCOUNTS !== 'false';
    this.engineMaxLiveInstances = environment.ENGINE_MAX_LIVE_INSTANCES;
    this.engineLiveIdleSeconds = environment.ENGINE_LIVE_IDLE_SECONDS;
    this.jsonMaxDepth = environment.JSON_MAX_DEPTH;
    this.engineMinTimerCycleSeconds = environment.ENGINE_MIN_TIMER_CYCLE_SECONDS;
    this.engineMaxLoopCardinality = environment.ENGINE_MAX_LOOP_CARDINALITY;
    this.engineFeelBudgetMs = environment.ENGINE_FEEL_BUDGET_MS;
    this.engineMaxStepsPerCommand = environment.ENGINE_MAX_STEPS_PER_COMMAND;
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

function parseTrustProxy(value: string | undefined): boolean | number | string | undefined {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
