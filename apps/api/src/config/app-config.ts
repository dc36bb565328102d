import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { parseDurationSeconds } from './duration.js';
import type { EnvironmentVariables, TrustProxy } from './env.schema.js';

export interface RateLimits {
  /** Failed logins on one account from one address per `loginWindowSeconds`. */
  loginPerAccountAddress: number;
  /** Failed logins from one address (any account) per `loginWindowSeconds`. */
  loginPerAddress: number;
  loginWindowSeconds: number;
  /** Failed logins on one account from every address together per `loginAccountWindowSeconds`. */
  loginPerAccount: number;
  loginAccountWindowSeconds: number;
  registerPerMinute: number;
  refreshPerMinute: number;
  /** Password-reset requests from one address per minute (every request counts). */
  passwordResetPerMinute: number;
  /** Verification and reset messages sent to one account per `accountMailWindowSeconds`. */
  accountMail: number;
  accountMailWindowSeconds: number;
  globalPerMinute?: number;
  /** Requests made with one API key per minute (every route together). */
  apiKeyPerMinute: number;
}

/** Where pictures are stored: a folder served by the API at /media, or an S3-compatible bucket. */
export interface MediaConfig {
  dir: string;
  /** The base of pictures' URLs, without a trailing slash. */
  publicUrl: string;
  s3?: {
    bucket: string;
    region: string;
    endpoint?: string;
    /** Unset: the SDK's own chain (instance roles, AWS_* variables). */
    credentials?: { accessKeyId: string; secretAccessKey: string };
  };
}

export interface MailSettings {
  smtpUrl?: string;
  from: string;
  /** Where messages are written as .eml files when there is no SMTP_URL. */
  dir: string;
  /** The web app's address, for links in messages. */
  publicUrl: string;
  maxAttempts: number;
  retryBaseMs: number;
  pollIntervalMs: number;
  sendTimeoutMs: number;
  /** How often reminders of sessions starting within 24 hours are queued. */
  reminderIntervalMs: number;
}

export interface WebhookSettings {
  /** Deliveries to loopback, private and link-local addresses are allowed (tests, local development). */
  allowPrivateTargets: boolean;
  timeoutMs: number;
  pollIntervalMs: number;
}

const DEV_SECRET_FILE = './data/jwt-secret';
const DEV_TICKET_KEY_FILE = './data/ticket-signing-key';

/** The validated configuration, typed. The one place the API reads its environment from. */
@Injectable()
export class AppConfig {
  readonly nodeEnv: EnvironmentVariables['NODE_ENV'];
  readonly isProduction: boolean;
  readonly databaseUrl: string;
  readonly redisUrl?: string;
  readonly redisPrefix: string;
  readonly jwtSecret: string;
  /** The Ed25519 private key (32-byte seed) that signs ticket codes. */
  readonly ticketSigningKey: Buffer;
  readonly accessTtlSeconds: number;
  readonly refreshTtlSeconds: number;
  readonly corsOrigins: string[];
  readonly port: number;
  /** The address the API listens on: HOST, or 0.0.0.0 in production (containers) and 127.0.0.1 otherwise. */
  readonly host: string;
  readonly adminEmail: string;
  readonly adminPassword?: string;
  readonly seedDemoData: boolean;
  readonly bcryptCost: number;
  readonly bcryptConcurrency: number;
  readonly bcryptQueueLimit: number;
  readonly venueTimeZone: string;
  /** Sessions are made, and sold, this many days ahead (SESSION_HORIZON_DAYS). */
  readonly sessionHorizonDays: number;
  readonly logLevel: string;
  readonly rateLimits: RateLimits;
  readonly catalogueCacheSeconds: number;
  /** Audit-log entries older than this many days are deleted. */
  readonly auditRetentionDays: number;
  readonly trustProxy: TrustProxy;
  /** Swagger UI at /docs and the document at /docs-json: SWAGGER_ENABLED, by default on outside production only. */
  readonly swaggerEnabled: boolean;
  readonly metricsEnabled: boolean;
  readonly metricsToken?: string;
  readonly webDist?: string;
  readonly media: MediaConfig;
  readonly mail: MailSettings;
  readonly webhooks: WebhookSettings;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    const get = <K extends keyof EnvironmentVariables>(key: K) => config.get(key, { infer: true });
    this.nodeEnv = get('NODE_ENV');
    this.isProduction = this.nodeEnv === 'production';
    this.databaseUrl = get('DATABASE_URL');
    this.redisUrl = get('REDIS_URL');
    this.redisPrefix = get('REDIS_PREFIX');
    this.jwtSecret = get('JWT_SECRET') ?? readOrCreateDevSecret(DEV_SECRET_FILE, 'JWT_SECRET', () => randomBytes(48).toString('base64url'));
    this.ticketSigningKey = Buffer.from(
      get('TICKET_SIGNING_KEY') ??
        readOrCreateDevSecret(DEV_TICKET_KEY_FILE, 'TICKET_SIGNING_KEY', () => randomBytes(32).toString('base64url')),
      'base64',
    );
    this.accessTtlSeconds = parseDurationSeconds(get('JWT_ACCESS_TTL'));
    this.refreshTtlSeconds = parseDurationSeconds(get('JWT_REFRESH_TTL'));
    this.corsOrigins = get('CORS_ORIGINS')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
    this.port = get('PORT');
    this.host = get('HOST') ?? (this.isProduction ? '0.0.0.0' : '127.0.0.1');
    this.adminEmail = get('ADMIN_EMAIL').toLowerCase();
    this.adminPassword = get('ADMIN_PASSWORD');
    this.seedDemoData = get('SEED_DEMO_DATA') ?? !this.isProduction;
    this.bcryptCost = get('BCRYPT_COST');
    this.bcryptConcurrency = get('BCRYPT_CONCURRENCY') ?? Math.max(1, availableParallelism() - 1);
    this.bcryptQueueLimit = get('BCRYPT_QUEUE_LIMIT');
    this.venueTimeZone = get('VENUE_TIMEZONE');
    this.sessionHorizonDays = get('SESSION_HORIZON_DAYS');
    this.logLevel = get('LOG_LEVEL');
    this.rateLimits = {
      loginPerAccountAddress: get('RATE_LIMIT_LOGIN_ACCOUNT_ADDRESS'),
      loginPerAddress: get('RATE_LIMIT_LOGIN_ADDRESS'),
      loginWindowSeconds: get('RATE_LIMIT_LOGIN_WINDOW_SECONDS'),
      loginPerAccount: get('RATE_LIMIT_LOGIN_ACCOUNT'),
      loginAccountWindowSeconds: get('RATE_LIMIT_LOGIN_ACCOUNT_WINDOW_SECONDS'),
      registerPerMinute: get('RATE_LIMIT_REGISTER'),
      refreshPerMinute: get('RATE_LIMIT_REFRESH'),
      passwordResetPerMinute: get('RATE_LIMIT_PASSWORD_RESET'),
      accountMail: get('RATE_LIMIT_ACCOUNT_MAIL'),
      accountMailWindowSeconds: get('RATE_LIMIT_ACCOUNT_MAIL_WINDOW_SECONDS'),
      globalPerMinute: get('RATE_LIMIT_GLOBAL'),
      apiKeyPerMinute: get('RATE_LIMIT_API_KEY'),
    };
    this.catalogueCacheSeconds = get('CATALOGUE_CACHE_SECONDS');
    this.auditRetentionDays = get('AUDIT_RETENTION_DAYS');
    this.trustProxy = get('TRUST_PROXY');
    this.swaggerEnabled = get('SWAGGER_ENABLED') ?? !this.isProduction;
    this.metricsEnabled = get('METRICS_ENABLED') ?? !this.isProduction;
    this.metricsToken = get('METRICS_TOKEN');
    this.webDist = get('WEB_DIST');
    this.media = mediaConfig(get);
    this.mail = {
      smtpUrl: get('SMTP_URL'),
      from: get('MAIL_FROM'),
      dir: get('MAIL_DIR'),
      publicUrl: get('PUBLIC_URL'),
      maxAttempts: get('MAIL_MAX_ATTEMPTS'),
      retryBaseMs: get('MAIL_RETRY_BASE_MS'),
      pollIntervalMs: get('MAIL_POLL_INTERVAL_MS'),
      sendTimeoutMs: get('MAIL_SEND_TIMEOUT_MS'),
      reminderIntervalMs: get('REMINDER_POLL_INTERVAL_MS'),
    };
    this.webhooks = {
      allowPrivateTargets: get('WEBHOOK_ALLOW_PRIVATE_TARGETS'),
      timeoutMs: get('WEBHOOK_TIMEOUT_MS'),
      pollIntervalMs: get('WEBHOOK_POLL_INTERVAL_MS'),
    };
  }
}

function mediaConfig(get: <K extends keyof EnvironmentVariables>(key: K) => EnvironmentVariables[K]): MediaConfig {
  const dir = resolve(get('MEDIA_DIR'));
  const bucket = get('MEDIA_S3_BUCKET');
  const publicUrl = get('MEDIA_PUBLIC_URL')?.replace(/\/+$/, '');
  if (!bucket) return { dir, publicUrl: publicUrl ?? '/media' };
  const region = get('MEDIA_S3_REGION') ?? 'us-east-1';
  const endpoint = get('MEDIA_S3_ENDPOINT')?.replace(/\/+$/, '');
  const accessKeyId = get('MEDIA_S3_ACCESS_KEY_ID');
  const secretAccessKey = get('MEDIA_S3_SECRET_ACCESS_KEY');
  return {
    dir,
    // Path-style URLs of the bucket: the endpoint's, or AWS's for the region.
    publicUrl: publicUrl ?? (endpoint ? `${endpoint}/${bucket}` : `https://s3.${region}.amazonaws.com/${bucket}`),
    s3: {
      bucket,
      region,
      endpoint,
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    },
  };
}

/**
 * Outside production a missing secret (JWT_SECRET, TICKET_SIGNING_KEY) is generated once and kept in
 * a file under ./data (owner-only, like its folder), so that it survives restarts.
 */
function readOrCreateDevSecret(path: string, variable: string, generate: () => string): string {
  const file = resolve(path);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = generate();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  new Logger('Config').warn(`${variable} is not set: generated one and kept it in ${path} (set ${variable} in production)`);
  return secret;
}
