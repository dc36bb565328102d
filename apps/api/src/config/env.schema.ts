import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsIP,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { parseDurationSeconds } from './duration.js';

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? (({ true: true, '1': true, false: false, '0': false } as Record<string, boolean>)[value.toLowerCase()] ?? value)
    : value;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);

/**
 * Which peers' X-Forwarded-For the API believes (Fastify's `trustProxy`): `false` (none: the
 * client address is the connection's), a hop count (the number of proxies in front of the API: the
 * address is the entry the last of them wrote), or the proxies' addresses and CIDRs.
 */
export type TrustProxy = false | number | string[];

const MAX_PROXY_HOPS = 10;
/** proxy-addr's names for the loopback, link-local and private (RFC 1918, fc00::/7) ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

/** `false`/`0`, a hop count or a comma-separated list of addresses/CIDRs; anything else (`true` too) is left as given, to be refused. */
const toTrustProxy = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  if (text === 'false' || /^0+$/.test(text)) return false;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.every(isProxyAddress) ? entries : value;
};

const isTrustProxy = (value: unknown): boolean =>
  value === false || (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_PROXY_HOPS) || Array.isArray(value);

const trustProxyProblem = (args?: ValidationArguments): string =>
  String(args?.value).trim().toLowerCase() === 'true'
    ? 'true would believe every X-Forwarded-For entry, which any client can write; set the number of proxies in front of the API (e.g. 1) or their addresses/CIDRs'
    : `must be false, the number of proxies in front of the API (1-${MAX_PROXY_HOPS}), or a comma-separated list of their addresses/CIDRs (or loopback, linklocal, uniquelocal)`;

/** Words of the placeholders that example files put where a secret belongs (normalised: lower-case letters and digits only). */
const PLACEHOLDER_WORDS = ['changeme', 'changethis', 'replaceme', 'yoursecret', 'yourjwt', 'placeholder', 'example', 'dummy', 'insecure'];
const MIN_DISTINCT_SECRET_CHARACTERS = 8;

/** A secret copied from an example (`change-me-…`, `CHANGE_ME-…`, `your-secret-…`) or made of a few characters repeated. */
export function isPlaceholderSecret(secret: string): boolean {
  const normalised = secret.toLowerCase().replace(/[^a-z0-9]/g, '');
  return PLACEHOLDER_WORDS.some((word) => normalised.includes(word)) || new Set(secret).size < MIN_DISTINCT_SECRET_CHARACTERS;
}

/** 32 bytes in base64 (with or without its `=`) or base64url. */
const TICKET_KEY = /^[A-Za-z0-9+/_-]{42}[AEIMQUYcgkosw048]=?$/;
const TICKET_KEY_MESSAGE =
  'must be a 32-byte Ed25519 private key in base64, such as the output of `openssl genpkey -algorithm ed25519 -outform DER | tail -c 32 | base64`';

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The process environment as the API reads it. Every variable is documented in `.env.example`. */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^(sqlite:.+|mysql:\/\/.+)$/, { message: 'must be sqlite:PATH or mysql://user:pass@host:port/db' })
  DATABASE_URL = 'sqlite:./data/marquee.sqlite';

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Matches(/^[\w:.-]{1,64}$/, { message: 'must be 1–64 letters, digits, or _ : . -' })
  REDIS_PREFIX = 'marquee:';

  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  /** The Ed25519 key that signs ticket codes: its 32-byte private key (seed), base64 or base64url. */
  @IsOptional()
  @Matches(TICKET_KEY, { message: TICKET_KEY_MESSAGE })
  TICKET_SIGNING_KEY?: string;

  @Matches(/^\d+\s*[smhd]?$/, { message: 'must be a duration such as 900, 15m, 12h or 7d' })
  JWT_ACCESS_TTL = '15m';

  @Matches(/^\d+\s*[smhd]?$/, { message: 'must be a duration such as 900, 15m, 12h or 7d' })
  JWT_REFRESH_TTL = '7d';

  @IsString()
  CORS_ORIGINS = 'http://localhost:4200';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** The address to listen on; unset: 0.0.0.0 in production (containers), 127.0.0.1 otherwise. */
  @IsOptional()
  @IsIP(undefined, { message: 'must be an IP address to listen on, such as 0.0.0.0, 127.0.0.1 or ::' })
  HOST?: string;

  @IsEmail()
  ADMIN_EMAIL = 'admin@marquee.local';

  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SEED_DEMO_DATA?: boolean;

  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_COST = 12;

  /** bcrypt hashes and checks running at once (default: the CPU cores less one, at least 1). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  BCRYPT_CONCURRENCY?: number;

  /** bcrypt requests waiting for a turn; beyond them a request is refused with 503 and Retry-After. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  BCRYPT_QUEUE_LIMIT = 100;

  @IsString()
  VENUE_TIMEZONE = 'UTC';

  /** Sessions are made, and sold, this many days ahead. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  SESSION_HORIZON_DAYS = 90;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_ACCOUNT_ADDRESS = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_ACCOUNT = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_ACCOUNT_WINDOW_SECONDS = 3600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_ADDRESS = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_WINDOW_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTER = 120;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REFRESH = 120;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_GLOBAL?: number;

  /** Requests per minute made with one API key, on every route (its own bucket, whatever the address). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_API_KEY = 600;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  CATALOGUE_CACHE_SECONDS = 0;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  AUDIT_RETENTION_DAYS = 365;

  @Transform(toTrustProxy)
  @ValidateBy({ name: 'isTrustProxy', validator: { validate: isTrustProxy, defaultMessage: trustProxyProblem } })
  TRUST_PROXY: TrustProxy = false;

  /** Unset: on outside production, off in production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SWAGGER_ENABLED?: boolean;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  METRICS_ENABLED?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  @IsOptional()
  @IsString()
  WEB_DIST?: string;

  /** smtp:// or smtps:// URL of the mail server; required in production. Unset elsewhere: .eml files under MAIL_DIR. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587' })
  SMTP_URL?: string;

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Marquee <no-reply@marquee.local>';

  @IsString()
  MAIL_DIR = './data/mail';

  @Matches(/^https?:\/\/[^\s]+[^/\s]$/, { message: 'must be an http(s) URL without a trailing slash, such as https://tickets.example.com' })
  PUBLIC_URL = 'http://localhost:4200';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  MAIL_MAX_ATTEMPTS = 8;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  MAIL_RETRY_BASE_MS = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(50)
  MAIL_POLL_INTERVAL_MS = 5_000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  MAIL_SEND_TIMEOUT_MS = 30_000;

  /** How often each process queues the reminders of bookings whose session starts within 24 hours. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  REMINDER_POLL_INTERVAL_MS = 300_000;
  /** Webhook deliveries to loopback, private and link-local addresses; off: refused at delivery (SSRF guard). */
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_TARGETS = false;

  /** The longest one webhook attempt may take (connect, send, answer) before it counts as failed. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** How often each process looks for due webhook deliveries (it also wakes at once after a commit that queued one). */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  WEBHOOK_POLL_INTERVAL_MS = 5_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ACCOUNT_MAIL = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ACCOUNT_MAIL_WINDOW_SECONDS = 3600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PASSWORD_RESET = 20;

  /** Where uploaded pictures are kept when no S3 bucket is configured. */
  @IsString()
  MEDIA_DIR = './data/media';

  /** The base of pictures' URLs: default /media (served by the API) or, with S3, the bucket's endpoint and name. */
  @IsOptional()
  @Matches(/^(https?:\/\/[^\s]+|\/[^\s]*)$/, { message: 'must be an http(s) URL or a path starting with /' })
  MEDIA_PUBLIC_URL?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  MEDIA_S3_ENDPOINT?: string;

  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name (3-63 lower-case letters, digits, . or -)' })
  MEDIA_S3_BUCKET?: string;

  @IsOptional()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'must be a region name such as us-east-1' })
  MEDIA_S3_REGION?: string;

  @IsOptional()
  @IsString()
  MEDIA_S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  MEDIA_S3_SECRET_ACCESS_KEY?: string;
}

const MEDIA_S3_SETTINGS = ['MEDIA_S3_ENDPOINT', 'MEDIA_S3_REGION', 'MEDIA_S3_ACCESS_KEY_ID', 'MEDIA_S3_SECRET_ACCESS_KEY'] as const;

/** Pictures go to an S3 bucket when MEDIA_S3_BUCKET is set: the other MEDIA_S3_ settings mean nothing without it, and keys come in pairs. */
function mediaProblems(env: EnvironmentVariables): string[] {
  const problems: string[] = [];
  if (!env.MEDIA_S3_BUCKET) {
    const stray = MEDIA_S3_SETTINGS.filter((name) => env[name] !== undefined);
    if (stray.length > 0) problems.push(`MEDIA_S3_BUCKET: required when ${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set`);
  }
  if ((env.MEDIA_S3_ACCESS_KEY_ID === undefined) !== (env.MEDIA_S3_SECRET_ACCESS_KEY === undefined)) {
    problems.push('MEDIA_S3_SECRET_ACCESS_KEY: MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY are set together or not at all');
  }
  return problems;
}

/**
 * Validates the environment at boot. A bad value stops the process with a message that names
 * the variable; in production a JWT secret is required, and a placeholder one is refused everywhere.
 */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const env = plainToInstance(EnvironmentVariables, present, { exposeDefaultValues: true });
  const problems = validateSync(env, { skipMissingProperties: false }).map(
    (error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`,
  );
  if (!isValidTimeZone(env.VENUE_TIMEZONE)) problems.push('VENUE_TIMEZONE: must be an IANA time zone such as UTC or Europe/Paris');
  for (const name of ['JWT_ACCESS_TTL', 'JWT_REFRESH_TTL'] as const) {
    if (!(parseDurationSeconds(env[name]) > 0)) problems.push(`${name}: must be a positive duration`);
  }
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    problems.push('JWT_SECRET: required (at least 32 characters) when NODE_ENV=production');
  }
  if (env.NODE_ENV === 'production' && !env.TICKET_SIGNING_KEY) {
    problems.push(`TICKET_SIGNING_KEY: required when NODE_ENV=production (${TICKET_KEY_MESSAGE.replace('must be ', '')})`);
  }
  if (env.TICKET_SIGNING_KEY && isPlaceholderSecret(env.TICKET_SIGNING_KEY)) {
    problems.push('TICKET_SIGNING_KEY: is a placeholder, not a key');
  }
  problems.push(...mediaProblems(env));
  if (env.NODE_ENV === 'production' && !env.SMTP_URL) {
    problems.push('SMTP_URL: required when NODE_ENV=production (messages must reach a mail server)');
  }
  if (env.JWT_SECRET && isPlaceholderSecret(env.JWT_SECRET)) {
    problems.push('JWT_SECRET: is a placeholder, not a secret; generate one with `openssl rand -base64 48`');
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return env;
}
