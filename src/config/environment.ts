import { plainToInstance, Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MinLength,
  Min,
  validateSync,
  ValidateIf,
  ValidationError,
} from 'class-validator';

export enum NodeEnv {
  Development = 'development',
  Production = 'production',
  Test = 'test',
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const ORIGIN = String.raw`https?:\/\/(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+(?::\d{1,5})?`;
const ORIGIN_LIST = new RegExp(`^${ORIGIN}(?:\\s*,\\s*${ORIGIN})*$`);

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * Every setting of the service, read from the environment once at start.
 * Names are the environment variables; defaults are the embedded mode's.
 */
export class Environment {
  @IsEnum(NodeEnv, { message: `must be one of ${Object.values(NodeEnv).join(', ')}` })
  NODE_ENV: NodeEnv = NodeEnv.Development;

  @Transform(toInt)
  // 0 picks a free port (tests, benchmarks); the ready line prints the one taken.
  @IsInt({ message: 'must be an integer between 0 and 65535' })
  @Min(0, { message: 'must be an integer between 0 and 65535' })
  @Max(65535, { message: 'must be an integer between 0 and 65535' })
  PORT = 3000;

  /** Loopback by default in the embedded mode; 0.0.0.0 in a container. */
  @IsString({ message: 'must be a host name or address' })
  HOST = '127.0.0.1';

  @IsString({ message: 'must be a folder path' })
  @MinLength(1, { message: 'must be a folder path' })
  DATA_DIR = './data';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^(grpcs?:\/\/)?[A-Za-z0-9.-]+:\d{1,5}$/, {
    message: 'must be host:port of a Zeebe gateway (e.g. zeebe:26500)',
  })
  ZEEBE_ADDRESS?: string;

  /** The Zeebe adapter's OAuth client (the SDK's client-credentials flow); unset: no authentication. */
  @ValidateIf((environment: Environment) => environment.ZEEBE_CLIENT_SECRET !== undefined)
  @Matches(/^\S{1,200}$/, { message: 'must be set when ZEEBE_CLIENT_SECRET is set' })
  ZEEBE_CLIENT_ID?: string;

  @ValidateIf((environment: Environment) => environment.ZEEBE_CLIENT_ID !== undefined)
  @IsString({ message: 'must be set when ZEEBE_CLIENT_ID is set' })
  @MinLength(1, { message: 'must be set when ZEEBE_CLIENT_ID is set' })
  ZEEBE_CLIENT_SECRET?: string;

  /** Token endpoint of that client (Camunda Identity / Keycloak, or a Percorsi's /api/auth/oauth/token). */
  @ValidateIf((environment: Environment) => environment.ZEEBE_CLIENT_ID !== undefined)
  @Matches(/^https?:\/\/\S+$/, {
    message: 'must be the http(s):// token endpoint when ZEEBE_CLIENT_ID is set',
  })
  CAMUNDA_OAUTH_URL?: string;

  /** Audience of the Zeebe token (Camunda's default `zeebe`). */
  @Matches(/^\S{1,200}$/, { message: 'must be an audience name' })
  CAMUNDA_ZEEBE_OAUTH_AUDIENCE = 'zeebe';

  /** TLS to the Zeebe gateway; self-managed clusters inside a compose network often run without. */
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  CAMUNDA_SECURE_CONNECTION: 'true' | 'false' = 'false';

  /** Serves Zeebe's gRPC gateway protocol over the embedded engine on this port; unset: off. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 65535' })
  @Min(1, { message: 'must be an integer between 1 and 65535' })
  @Max(65535, { message: 'must be an integer between 1 and 65535' })
  ZEEBE_GATEWAY_PORT?: number;

  /** Where that gateway listens: loopback unless other machines' workers must reach it. */
  @IsString({ message: 'must be a host name or address' })
  ZEEBE_GATEWAY_HOST = '127.0.0.1';

  /**
   * Redis that the community zeebe-redis-exporter writes a Zeebe cluster's records to (JSON
   * format); set with ZEEBE_ADDRESS, the service consumes them into the read side's tables.
   */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  ZEEBE_EXPORTER_REDIS_URL?: string;

  /** The exporter's stream prefix (its `name` setting). */
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be letters, digits, _ . or -' })
  ZEEBE_EXPORTER_STREAM_PREFIX = 'zeebe';

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** Sets the password of the initial `admin` account at every start. */
  @IsOptional()
  @MinLength(12, { message: 'must be at least 12 characters long' })
  ADMIN_PASSWORD?: string;

  /** Signing secret of access tokens; generated and kept in DATA_DIR when not set. */
  @IsOptional()
  @MinLength(32, { message: 'must be at least 32 characters long' })
  JWT_SECRET?: string;

  /** Process instances whose engine state stays in memory (~1.5 MB each); the rest are reloaded on demand. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 100000' })
  @Min(1, { message: 'must be an integer between 1 and 100000' })
  @Max(100000, { message: 'must be an integer between 1 and 100000' })
  ENGINE_MAX_LIVE_INSTANCES = 200;

  /** A process instance untouched this long leaves memory (it waits in the database, reloaded on demand). */
  @Transform(toInt)
  @IsInt({ message: 'must be a number of seconds between 1 and 86400' })
  @Min(1, { message: 'must be a number of seconds between 1 and 86400' })
  @Max(86400, { message: 'must be a number of seconds between 1 and 86400' })
  ENGINE_LIVE_IDLE_SECONDS = 60;

  /** How long one FEEL evaluation that can loop (for, ranges, some/every) may run; then an incident. */
  @Transform(toInt)
  @IsInt({ message: 'must be a number of milliseconds between 10 and 10000' })
  @Min(10, { message: 'must be a number of milliseconds between 10 and 10000' })
  @Max(10000, { message: 'must be a number of milliseconds between 10 and 10000' })
  ENGINE_FEEL_BUDGET_MS = 250;

  /** Elements one engine command may activate; past them, what is left holds behind an incident. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 10 and 100000' })
  @Min(10, { message: 'must be an integer between 10 and 100000' })
  @Max(100000, { message: 'must be an integer between 10 and 100000' })
  ENGINE_MAX_STEPS_PER_COMMAND = 200;

  /** Items a multi-instance activity may run over; more is an incident. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 100000' })
  @Min(1, { message: 'must be an integer between 1 and 100000' })
  @Max(100000, { message: 'must be an integer between 1 and 100000' })
  ENGINE_MAX_LOOP_CARDINALITY = 1000;

  /** The least interval of a timer cycle (R/PT…) a model may be deployed with. */
  @Transform(toInt)
  @IsInt({ message: 'must be a number of seconds between 1 and 86400' })
  @Min(1, { message: 'must be a number of seconds between 1 and 86400' })
  @Max(86400, { message: 'must be a number of seconds between 1 and 86400' })
  ENGINE_MIN_TIMER_CYCLE_SECONDS = 60;

  /** Nesting of a JSON body beyond which it is refused (400) before anything walks it. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 8 and 512' })
  @Min(8, { message: 'must be an integer between 8 and 512' })
  @Max(512, { message: 'must be an integer between 8 and 512' })
  JSON_MAX_DEPTH = 32;

  /** Demo accounts (one per role) at first start; never in production. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  DEMO_ACCOUNTS?: 'true' | 'false';

  @Transform(toInt)
  @IsInt({ message: 'must be a number of seconds' })
  @Min(60, { message: 'must be at least 60 seconds' })
  @Max(86400, { message: 'must be at most 86400 seconds' })
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** Lifetime of a session (its refresh tokens): one working day, then sign in again. */
  @Transform(toInt)
  @IsInt({ message: 'must be a number of seconds' })
  @Min(300, { message: 'must be at least 300 seconds' })
  @Max(2592000, { message: 'must be at most 2592000 seconds (30 days)' })
  REFRESH_TOKEN_TTL_SECONDS = 43200;

  /** Failed logins of one username, within the window, after which it is locked. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 1000' })
  @Min(1, { message: 'must be an integer between 1 and 1000' })
  @Max(1000, { message: 'must be an integer between 1 and 1000' })
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  /** Failed logins from one address, within the window, after which it is locked. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 10000' })
  @Min(1, { message: 'must be an integer between 1 and 10000' })
  @Max(10000, { message: 'must be an integer between 1 and 10000' })
  LOGIN_MAX_FAILURES_PER_ADDRESS = 20;

  @Transform(toInt)
  @IsInt({ message: 'must be a number of seconds' })
  @Min(60, { message: 'must be at least 60 seconds' })
  @Max(86400, { message: 'must be at most 86400 seconds' })
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  /**
   * Express's `trust proxy`: which proxies may name the client in X-Forwarded-For
   * (the address the login limit counts). Unset: the TCP peer is the client.
   */
  @IsOptional()
  @Matches(
    /^(?:true|\d{1,2}|(?:loopback|linklocal|uniquelocal|[0-9A-Fa-f.:/]+)(?:\s*,\s*(?:loopback|linklocal|uniquelocal|[0-9A-Fa-f.:/]+))*)$/,
    {
      message:
        'must be a number of proxy hops, true, or a comma-separated list of addresses, subnets, loopback, linklocal, uniquelocal',
    },
  )
  TRUST_PROXY?: string;

  /** OpenID Connect provider (e.g. the city's SPID/CIE gateway); unset: local accounts only. */
  @IsOptional()
  @Matches(
    /^(?:https:\/\/\S+|http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?(?:\/\S*)?)$/,
    {
      message: 'must be an https:// issuer address (http:// only on loopback, for tests)',
    },
  )
  OIDC_ISSUER_URL?: string;

  @ValidateIf((environment: Environment) => environment.OIDC_ISSUER_URL !== undefined)
  @IsString({ message: 'must be set when OIDC_ISSUER_URL is set' })
  @MinLength(1, { message: 'must be set when OIDC_ISSUER_URL is set' })
  OIDC_CLIENT_ID?: string;

  @ValidateIf((environment: Environment) => environment.OIDC_ISSUER_URL !== undefined)
  @IsString({ message: 'must be set when OIDC_ISSUER_URL is set' })
  @MinLength(1, { message: 'must be set when OIDC_ISSUER_URL is set' })
  OIDC_CLIENT_SECRET?: string;

  /** Where the provider sends the browser back: this service's /api/auth/oidc/callback. */
  @ValidateIf((environment: Environment) => environment.OIDC_ISSUER_URL !== undefined)
  @Matches(/^https?:\/\/\S+\/api\/auth\/oidc\/callback$/, {
    message:
      'must be set when OIDC_ISSUER_URL is set, to https://<this service>/api/auth/oidc/callback',
  })
  OIDC_REDIRECT_URI?: string;

  /** The claim matched (case-insensitively) to a Percorsi username on the first OIDC login. */
  @IsString({ message: 'must be the name of a claim' })
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'must be the name of a claim' })
  OIDC_USERNAME_CLAIM = 'preferred_username';

  /** Folder of the user task forms (`*.form`, form-js JSON), read at start. */
  @IsString({ message: 'must be a folder path' })
  @MinLength(1, { message: 'must be a folder path' })
  FORMS_DIR = './bpmn/forms';

  /** Outgoing mail server of notifications; without it notifications stay in the in-app inbox. */
  @IsOptional()
  @Matches(
    /^smtps?:\/\/(?:[^\s@/]+@)?(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?\/?(?:\?\S*)?$/,
    {
      message:
        'must be smtp://user:password@host:port or smtps://… (percent-encode special characters)',
    },
  )
  SMTP_URL?: string;

  /** Sender of notification e-mails. */
  @Matches(/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, {
    message:
      'must be an address, optionally with a name (e.g. Percorsi <noreply@comune.example.it>)',
  })
  MAIL_FROM = 'Percorsi <noreply@localhost>';

  /** Address at which users reach the service, for absolute links in e-mails. */
  @IsOptional()
  @Matches(/^https?:\/\/(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:\/[^\s?#]*)?$/, {
    message: 'must be an http:// or https:// address (e.g. https://percorsi.comune.example.it)',
  })
  PUBLIC_URL?: string;

  /** Origins (scheme://host[:port]) a browser UI served elsewhere may call the API from; none by default. */
  @IsOptional()
  @Matches(ORIGIN_LIST, {
    message: 'must be a comma-separated list of origins like https://percorsi.comune.example.it',
  })
  CORS_ORIGINS?: string;

  /** Working days before a legal deadline at which its case manager is reminded (once). */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 0 and 60' })
  @Min(0, { message: 'must be an integer between 0 and 60' })
  @Max(60, { message: 'must be an integer between 0 and 60' })
  DEADLINE_REMINDER_WORKING_DAYS = 5;
}

export class ConfigurationError extends Error {}

/** The names of every setting, read from the validation metadata so the list cannot drift. */
export function environmentVariableNames(): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(Environment, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

function describe(error: ValidationError): string {
  const reasons = Object.values(error.constraints ?? {});
  const shown = error.property.match(/PASSWORD|SECRET|URL/)
    ? ''
    : ` (got "${String(error.value)}")`;
  return `${error.property} ${reasons[0] ?? 'is invalid'}${shown}`;
}

/** Validates the raw environment; throws one readable line naming the first bad setting. */
export function validateEnvironment(raw: Record<string, string | undefined>): Environment {
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const environment = plainToInstance(Environment, present, { exposeDefaultValues: true });
  const errors = validateSync(environment, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigurationError(`Invalid configuration: ${describe(errors[0])}`);
  }
  if (environment.ZEEBE_GATEWAY_PORT !== undefined && environment.ZEEBE_ADDRESS) {
    throw new ConfigurationError(
      'Invalid configuration: ZEEBE_GATEWAY_PORT serves the embedded engine, so it cannot be set with ZEEBE_ADDRESS',
    );
  }
  if (environment.ZEEBE_EXPORTER_REDIS_URL && !environment.ZEEBE_ADDRESS) {
    throw new ConfigurationError(
      "Invalid configuration: ZEEBE_EXPORTER_REDIS_URL reads a Zeebe cluster's records, so it needs ZEEBE_ADDRESS",
    );
  }
  return environment;
}
