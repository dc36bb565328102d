import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import securityHeaders from 'helmet';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { sendProblem } from './common/filters/problem-details.filter.js';
import { MULTIPART_ROUTE } from './common/multipart/multipart-form.js';
import { ProblemException } from './common/problem.js';
import { AppConfig } from './config/app-config.js';
import { MetricsService } from './modules/metrics/metrics.service.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { validateEnvironment, type TrustProxy } from './config/env.schema.js';

export const API_PREFIX = 'api';
const BODY_LIMIT_BYTES = 100 * 1024;
/** Answers below this size go out uncompressed (the same as nginx's gzip_min_length). */
const COMPRESS_MIN_BYTES = 1024;
/** Bundles named with their content hash by the Angular build (`main-OZCOUEID.js`, `styles-4LKJEFCI.css`); nginx's rule too. */
const HASHED_FILE = /-[A-Za-z0-9]{8}\.(?:js|css|woff2?)$/;
const REQUEST_ID = /^[\w.:-]{1,128}$/;
/** Retry-After of a request refused while this instance shuts down: by then another instance, or this one restarted, answers. */
const DRAINING_RETRY_AFTER_SECONDS = 5;
/** helmet's default headers: set by an onRequest hook on every request, and on routing errors (which skip the hooks). */
const setSecurityHeaders = securityHeaders();

export interface CreateAppOptions {
  /** Overrides the process environment. */
  env?: Record<string, string>;
}

/** Builds the whole API (not yet listening): the same app for `main.ts`, the tests and the OpenAPI export. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const env = validateEnvironment({ ...process.env, ...options.env });
  const problemLogger = new NestLogger('Problem');
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // No route has a regex parameter (the ReDoS the default 100-character limit guards against): an
    // over-long id reaches ParseIdPipe (400), instead of a 404 on /services/{id}/availability.
    routerOptions: { maxParamLength: 16 * 1024 },
    // Routing errors (a malformed %-escape in the path) reach neither Nest's filter nor the hooks
    // that add helmet's headers: answer them as problems, with the same headers.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      setSecurityHeaders(request.raw, reply.raw, () => undefined);
      sendProblem(reply, request, error, problemLogger);
    },
    trustProxy: fastifyTrustProxy(env.TRUST_PROXY),
    // Fastify's own 503 while closing is a bare JSON body: logRequests answers a problem instead.
    return503OnClosing: false,
    requestIdHeader: false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options.env), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX, { exclude: ['metrics'] });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });

  const config = app.get(AppConfig);
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.removeContentTypeParser(['text/plain']);
  // The middleware built once above: @fastify/helmet would build helmet's anew for every request,
  // which cost ~10 µs of CPU per request (bench/README.md). The same headers, on every request.
  fastify.addHook('onRequest', (request, reply, done) => setSecurityHeaders(request.raw, reply.raw, () => done()));
  app.enableCors({ origin: config.corsOrigins, credentials: true, exposedHeaders: ['x-request-id', 'retry-after'] });
  logRequests(fastify, app.get(MetricsService), problemLogger);
  // Brotli or gzip, as the client accepts, for every route registered from here on (the API's,
  // /docs-json, the SPA's files when no precompressed sibling exists); streams as they go.
  // Request bodies are not decompressed: a compressed body stays a 415/400 as before.
  await app.register(
    fastifyCompress as never,
    { encodings: ['br', 'gzip'], threshold: COMPRESS_MIN_BYTES, globalDecompression: false } as never,
  );
  await acceptMultipartWhereDeclared(app, fastify);
  if (!config.media.s3) await serveMedia(app, config.media.dir);
  if (config.swaggerEnabled) SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  const webDist = config.webDist ?? resolve(import.meta.dirname, '../../web/dist/browser');
  if (existsSync(resolve(webDist, 'index.html'))) await serveWebApp(app, fastify, webDist);
  else if (config.webDist) app.get(Logger).warn(`WEB_DIST=${config.webDist} has no index.html: the web app is not served`);
  return app;
}

/**
 * TRUST_PROXY as Fastify's `trustProxy`. Fastify (since 5.12.1) trusts nobody for a number, so a
 * hop count N is given as a function: the connection's peer and the N - 1 entries nearest to it in
 * X-Forwarded-For are proxies, and the client address is the entry before them (the last one the
 * outermost proxy wrote; a client's own entries come earlier and are ignored).
 */
function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/**
 * One line per request (id, client address, method, route, status, duration) and its metrics. The id is echoed
 * as x-request-id; authenticated answers are marked `Cache-Control: no-store`.
 *
 * Graceful shutdown: once the server begins to close (on SIGTERM), it accepts no connection and
 * finishes the requests in flight; a request still arriving on an open connection is answered 503
 * `unavailable` with Retry-After, and its connection closed (Fastify adds `Connection: close` while
 * closing), so that the client retries elsewhere.
 */
function logRequests(fastify: FastifyInstance, metrics: MetricsService, problemLogger: NestLogger): void {
  const logger = PinoLogger.root.child({ context: 'HTTP' });
  let draining = false;
  fastify.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    // Nothing personal (an authenticated answer, or tokens from /api/auth) may be kept by a cache.
    if (request.headers.authorization || request.url.startsWith(`/${API_PREFIX}/auth/`)) void reply.header('cache-control', 'no-store');
    if (!draining) return done();
    const refusal = new ProblemException(
      'unavailable',
      'This instance is shutting down; try again',
      undefined,
      DRAINING_RETRY_AFTER_SECONDS,
    );
    sendProblem(reply, request, refusal, problemLogger);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    logger.info(
      {
        reqId: request.id,
        // The client address the rate limits count (TRUST_PROXY decides which X-Forwarded-For entry it is).
        ip: request.ip,
        method: request.method,
        route: request.routeOptions.url ?? null,
        url: request.url,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
    done();
  });
}

/**
 * multipart/form-data bodies (@fastify/multipart) for the routes that declare them (`MultipartForm`,
 * which reads the parts); every other route answers such a body 415, as it answers any body that is
 * not JSON. The JSON body limit (100 kB) stays; a form's limits are its route's.
 */
async function acceptMultipartWhereDeclared(app: NestFastifyApplication, fastify: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart as never, { throwFileSizeLimit: true } as never);
  const logger = new NestLogger('Problem');
  fastify.addHook('preValidation', (request, reply, done) => {
    if (!request.isMultipart() || request.routeOptions.config?.[MULTIPART_ROUTE as never] === true) return done();
    sendProblem(reply, request, new ProblemException('unsupported-media-type', 'Send the request body as application/json'), logger);
  });
}

/**
 * Pictures kept in MEDIA_DIR (when no S3 bucket is configured) at /media/<name>: their names are
 * new for each upload, so they are cached for a year as immutable; sent with their type and nosniff.
 */
async function serveMedia(app: NestFastifyApplication, dir: string): Promise<void> {
  await app.register(
    fastifyStatic as never,
    {
      root: dir,
      prefix: '/media/',
      decorateReply: false,
      index: false,
      list: false,
      dotfiles: 'deny',
      etag: true,
      lastModified: false,
      cacheControl: false,
      allowedPath: (path: string) => /^\/[A-Za-z0-9][A-Za-z0-9._-]*\.webp$/.test(path),
      setHeaders: (reply: FastifyReply) => {
        void reply.header('cache-control', 'public, max-age=31536000, immutable');
        void reply.header('x-content-type-options', 'nosniff');
      },
    } as never,
  );
}

/**
 * The built SPA (WEB_DIST, default apps/web/dist/browser when built) at `/`, with index.html for
 * client routes; `/api` and `/docs` stay the API's. The build writes `.br` and `.gz` siblings of
 * the text files (apps/web/scripts/precompress.mjs), served to clients that accept them.
 */
async function serveWebApp(app: NestFastifyApplication, fastify: FastifyInstance, webDist: string): Promise<void> {
  const root = resolve(webDist);
  await app.register(
    fastifyStatic as never,
    {
      root,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: setCacheControl,
    } as never,
  );
  const logger = new NestLogger('Problem');
  // Client routes (any other GET that wants HTML) get index.html; the API keeps its problem+json 404.
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    const isApi =
      path === `/${API_PREFIX}` ||
      path.startsWith(`/${API_PREFIX}/`) ||
      path === '/docs' ||
      path.startsWith('/docs/') ||
      path === '/docs-json';
    if (!isApi && (request.headers.accept ?? '').includes('text/html')) return reply.sendFile('index.html');
    sendProblem(reply, request, new ProblemException('not-found', 'No such route or resource'), logger);
    return reply;
  });
}

/**
 * Hashed files never change: a year, immutable. index.html is revalidated on every load so a deploy
 * is seen at once; other unhashed files (favicon.svg, 3rdpartylicenses.txt) are kept a day.
 */
function setCacheControl(reply: FastifyReply, path: string): void {
  const name = basename(path).replace(/\.(?:br|gz)$/, '');
  const value = HASHED_FILE.test(name)
    ? 'public, max-age=31536000, immutable'
    : name === 'index.html'
      ? 'no-cache'
      : 'public, max-age=86400';
  void reply.header('cache-control', value);
}
