import 'reflect-metadata';
import { isPlaceholderSecret, validateEnvironment } from './env.schema.js';

const SECRET = 'a-secret-that-is-at-least-32-characters-long';
const SMTP_URL = 'smtp://mail.example.com:587';
/** 32 bytes in base64, as `openssl genpkey -algorithm ed25519 -outform DER | tail -c 32 | base64` prints them. */
const TICKET_SIGNING_KEY = 'patOZ98ov8Vgs8EX8Z8OSxfmjG5SkMguGmNy3jvmNQY=';

describe('validateEnvironment', () => {
  it('answers the defaults of the design for an empty environment', () => {
    const env = validateEnvironment({});
    expect(env).toEqual(
      expect.objectContaining({
        NODE_ENV: 'development',
        DATABASE_URL: 'sqlite:./data/marquee.sqlite',
        JWT_ACCESS_TTL: '15m',
        JWT_REFRESH_TTL: '7d',
        CORS_ORIGINS: 'http://localhost:4200',
        PORT: 3000,
        ADMIN_EMAIL: 'admin@marquee.local',
        BCRYPT_COST: 12,
        VENUE_TIMEZONE: 'UTC',
        BCRYPT_QUEUE_LIMIT: 100,
        RATE_LIMIT_LOGIN_ACCOUNT_ADDRESS: 10,
        RATE_LIMIT_LOGIN_ADDRESS: 100,
        RATE_LIMIT_LOGIN_WINDOW_SECONDS: 900,
        RATE_LIMIT_LOGIN_ACCOUNT: 100,
        RATE_LIMIT_LOGIN_ACCOUNT_WINDOW_SECONDS: 3600,
        RATE_LIMIT_REGISTER: 120,
        RATE_LIMIT_REFRESH: 120,
      }),
    );
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.JWT_SECRET).toBeUndefined();
    expect(env.RATE_LIMIT_GLOBAL).toBeUndefined();
    expect(env.BCRYPT_CONCURRENCY).toBeUndefined();
    // Decided by NODE_ENV when unset (AppConfig): HOST 127.0.0.1 / 0.0.0.0 in production, Swagger UI off in production.
    expect(env.HOST).toBeUndefined();
    expect(env.SWAGGER_ENABLED).toBeUndefined();
    expect(env.TRUST_PROXY).toBe(false);
  });

  it('keeps pictures in ./data/media unless an S3 bucket is named; S3 settings need the bucket, and keys come in pairs', () => {
    expect(validateEnvironment({}).MEDIA_DIR).toBe('./data/media');
    expect(validateEnvironment({ MEDIA_S3_BUCKET: 'pictures', MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000' }).MEDIA_S3_BUCKET).toBe(
      'pictures',
    );
    expect(() => validateEnvironment({ MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(
      /MEDIA_S3_BUCKET: required when MEDIA_S3_ENDPOINT is set/,
    );
    expect(() => validateEnvironment({ MEDIA_S3_BUCKET: 'pictures', MEDIA_S3_ACCESS_KEY_ID: 'key' })).toThrow(
      /MEDIA_S3_SECRET_ACCESS_KEY: MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY are set together/,
    );
    expect(() => validateEnvironment({ MEDIA_S3_BUCKET: 'Not A Bucket' })).toThrow(/MEDIA_S3_BUCKET: must be an S3 bucket name/);
    expect(() => validateEnvironment({ MEDIA_PUBLIC_URL: 'media' })).toThrow(/MEDIA_PUBLIC_URL: must be an http\(s\) URL or a path/);
  });

  it('converts numbers and booleans, and treats an empty value as unset', () => {
    const env = validateEnvironment({
      PORT: '8080',
      BCRYPT_COST: '4',
      SEED_DEMO_DATA: 'false',
      SWAGGER_ENABLED: '0',
      RATE_LIMIT_REGISTER: '',
    });
    expect(env.PORT).toBe(8080);
    expect(env.BCRYPT_COST).toBe(4);
    expect(env.SEED_DEMO_DATA).toBe(false);
    expect(env.SWAGGER_ENABLED).toBe(false);
    expect(env.RATE_LIMIT_REGISTER).toBe(120);
  });

  it.each([
    ['false', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.7', ['10.0.0.7']],
    [' 10.0.0.0/8, 192.168.1.0/24 ,fd00::/8,loopback ', ['10.0.0.0/8', '192.168.1.0/24', 'fd00::/8', 'loopback']],
  ])('reads TRUST_PROXY=%j as a hop count or a list of proxies (%j)', (value, expected) => {
    expect(validateEnvironment({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it('refuses TRUST_PROXY=true, saying why and what to set instead', () => {
    expect(() => validateEnvironment({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY: true would believe every X-Forwarded-For entry, which any client can write; set the number of proxies/,
    );
    expect(() => validateEnvironment({ TRUST_PROXY: 'TRUE' })).toThrow(/TRUST_PROXY: true would believe/);
  });

  it.each(['change-me-to-a-long-random-string-of-32-chars-or-more', 'CHANGE_ME-to-a-random-string-of-at-least-32-characters'])(
    'refuses the placeholder JWT_SECRET %j of the example files, in production and out of it',
    (secret) => {
      for (const NODE_ENV of ['production', 'development']) {
        expect(() => validateEnvironment({ NODE_ENV, JWT_SECRET: secret })).toThrow(/JWT_SECRET: is a placeholder/);
      }
    },
  );

  it.each([
    'your-jwt-secret-goes-here-32-characters',
    'replace-me-with-at-least-32-characters!!',
    'placeholder-placeholder-placeholder',
    'abababababababababababababababab',
    '00000000000000000000000000000000000',
  ])('takes %j for a placeholder secret', (secret) => {
    expect(isPlaceholderSecret(secret)).toBe(true);
  });

  it.each([
    SECRET,
    'test-secret-that-is-at-least-32-characters-long',
    'ci-production-smoke-secret-0123456789abcdef',
    'Wq3v4e9Yx0cZs1T8k2LrPb7NfHdUjQmA5gE6iOyR',
    '9f86d081884c7d659a2feaa0c55ad015',
  ])('takes %j for a real secret', (secret) => {
    expect(isPlaceholderSecret(secret)).toBe(false);
    expect(validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: secret, SMTP_URL, TICKET_SIGNING_KEY }).JWT_SECRET).toBe(secret);
  });

  it('accepts a production environment with a JWT secret', () => {
    const env = validateEnvironment({
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      SMTP_URL,
      TICKET_SIGNING_KEY,
      DATABASE_URL: 'mysql://marquee:pw@db:3306/marquee',
    });
    expect(env.NODE_ENV).toBe('production');
    expect(env.JWT_SECRET).toBe(SECRET);
  });

  it('refuses production without JWT_SECRET, naming it', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required/);
  });

  it('refuses production without TICKET_SIGNING_KEY, naming it, and takes it unset elsewhere (generated into ./data)', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: SECRET, SMTP_URL })).toThrow(/TICKET_SIGNING_KEY: required/);
    expect(validateEnvironment({ NODE_ENV: 'development' }).TICKET_SIGNING_KEY).toBeUndefined();
  });

  it.each([TICKET_SIGNING_KEY, TICKET_SIGNING_KEY.slice(0, -1), Buffer.from(TICKET_SIGNING_KEY, 'base64').toString('base64url')])(
    'takes the 32-byte key %j in base64 or base64url, padded or not',
    (key) => {
      expect(validateEnvironment({ TICKET_SIGNING_KEY: key }).TICKET_SIGNING_KEY).toBe(key);
    },
  );

  it.each([
    ['31 bytes', Buffer.alloc(31, 7).toString('base64')],
    ['33 bytes', Buffer.alloc(33, 7).toString('base64')],
    ['a PEM key', '-----BEGIN PRIVATE KEY-----'],
    ['unused bits set in the last character', `${TICKET_SIGNING_KEY.slice(0, 42)}R`],
  ])('refuses a TICKET_SIGNING_KEY of %s, naming it', (_what, key) => {
    expect(() => validateEnvironment({ TICKET_SIGNING_KEY: key })).toThrow(/TICKET_SIGNING_KEY: must be a 32-byte Ed25519 private key/);
  });

  it('refuses a placeholder TICKET_SIGNING_KEY', () => {
    expect(() => validateEnvironment({ TICKET_SIGNING_KEY: `CHANGE_ME${'a'.repeat(33)}A` })).toThrow(
      /TICKET_SIGNING_KEY: is a placeholder/,
    );
  });

  it('refuses production without SMTP_URL, naming it, and takes it unset elsewhere', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: SECRET, TICKET_SIGNING_KEY })).toThrow(/SMTP_URL: required/);
    expect(validateEnvironment({ NODE_ENV: 'development' }).SMTP_URL).toBeUndefined();
    expect(() => validateEnvironment({ SMTP_URL: 'mail.example.com:25' })).toThrow(/SMTP_URL: must be an smtp/);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'postgres://localhost/db'],
    ['REDIS_URL', 'localhost:6379'],
    ['JWT_SECRET', 'too-short'],
    ['JWT_ACCESS_TTL', '15 minutes'],
    ['JWT_REFRESH_TTL', '0'],
    ['BCRYPT_COST', '3'],
    ['BCRYPT_COST', '12.5'],
    ['NODE_ENV', 'staging'],
    ['ADMIN_EMAIL', 'not-an-email'],
    ['ADMIN_PASSWORD', 'short'],
    ['SEED_DEMO_DATA', 'maybe'],
    ['VENUE_TIMEZONE', 'Mars/Olympus_Mons'],
    ['LOG_LEVEL', 'loud'],
    ['BCRYPT_CONCURRENCY', '0'],
    ['BCRYPT_QUEUE_LIMIT', '-1'],
    ['RATE_LIMIT_LOGIN_ACCOUNT', '0'],
    ['RATE_LIMIT_LOGIN_ACCOUNT_ADDRESS', '0'],
    ['RATE_LIMIT_LOGIN_ACCOUNT_WINDOW_SECONDS', 'hour'],
    ['RATE_LIMIT_REGISTER', 'many'],
    ['RATE_LIMIT_GLOBAL', '-1'],
    ['HOST', 'localhost'],
    ['HOST', '0.0.0.0:3000'],
    ['TRUST_PROXY', 'yes'],
    ['TRUST_PROXY', '11'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '10.0.0'],
    ['TRUST_PROXY', 'ingress.example.com'],
    ['TRUST_PROXY', '10.0.0.1,'],
    ['SWAGGER_ENABLED', 'sometimes'],
  ])('refuses %s=%j, naming the variable', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(new RegExp(`Invalid configuration:[\\s\\S]*\\b${name}: `));
  });

  it('names every bad variable at once', () => {
    let message = '';
    try {
      validateEnvironment({ PORT: 'x', LOG_LEVEL: 'loud', NODE_ENV: 'production' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT: /);
    expect(message).toMatch(/LOG_LEVEL: /);
    expect(message).toMatch(/JWT_SECRET: /);
  });
});
