import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { PROBLEM_KINDS, problemType, type ProblemKind, type ProblemType } from '@marquee/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, titleOf, type FieldError } from '../problem.js';

const KIND_BY_STATUS: Record<number, ProblemKind> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  503: 'unavailable',
};

interface ProblemBody {
  type: ProblemType;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Fastify's own errors (body parsing, size, content type) carry a status code and an FST_ code. */
interface FrameworkError {
  statusCode?: number;
  code?: string;
  message?: string;
}

function fromFrameworkError(error: FrameworkError): { kind: ProblemKind; detail: string } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { kind: 'payload-too-large', detail: 'The request body is larger than 100 kB' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { kind: 'unsupported-media-type', detail: 'Send the request body as application/json' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { kind: 'validation', detail: 'The request body is empty' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { kind: 'validation', detail: 'The request body is not valid JSON' };
  }
  const status = error.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const kind = KIND_BY_STATUS[status] ?? 'validation';
    return { kind, detail: kind === 'validation' ? 'The request is malformed' : titleOf(kind) };
  }
  return undefined;
}

/** Driver errors that mean "the database is not reachable right now" rather than a bug. */
const DATABASE_UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'POOL_CLOSED',
  'SQLITE_BUSY',
]);

function isDatabaseUnreachable(exception: unknown): boolean {
  const error = exception as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = error?.driverError?.code ?? error?.code;
  return typeof code === 'string' && DATABASE_UNREACHABLE.has(code);
}

/** Maps any failure to an RFC 9457 problem+json body. 5xx bodies never carry internals. */
export function toProblem(exception: unknown, instance: string): { body: ProblemBody; retryAfter?: number } {
  let kind: ProblemKind = 'internal';
  let detail = 'Something went wrong on our side; it has been logged';
  let errors: FieldError[] | undefined;
  let retryAfter: number | undefined;
  let extensions: Record<string, unknown> | undefined;

  if (exception instanceof ProblemException) {
    ({ kind, detail, errors, extensions } = exception);
    retryAfter = exception.retryAfterSeconds;
  } else if (exception instanceof HttpException) {
    const status = exception.getStatus();
    kind = KIND_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'validation');
    if (status < 500) {
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      detail = kind === 'not-found' && status === 404 ? 'No such route or resource' : typeof message === 'string' ? message : titleOf(kind);
    } else if (kind === 'unavailable') {
      detail = 'The service is not ready';
    }
  } else if (isDatabaseUnreachable(exception)) {
    kind = 'unavailable';
    detail = 'The database does not answer; try again shortly';
    retryAfter = 5;
  } else if (exception instanceof SyntaxError) {
    kind = 'validation';
    detail = 'The request body is not valid JSON';
  } else if (exception && typeof exception === 'object') {
    const mapped = fromFrameworkError(exception as FrameworkError);
    if (mapped) ({ kind, detail } = mapped);
  }

  const body: ProblemBody = {
    ...extensions,
    type: problemType(kind),
    title: titleOf(kind),
    status: PROBLEM_KINDS[kind],
    detail,
    instance,
  };
  if (errors?.length) body.errors = errors;
  return { body, retryAfter };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, exception: unknown, logger: Logger): void {
  const { body, retryAfter } = toProblem(exception, request.url.split('?')[0]);
  if (body.status === 503) {
    logger.warn({ reqId: request.id, detail: body.detail }, 'answered 503');
  } else if (body.status >= 500) {
    logger.error({ err: exception, reqId: request.id }, exception instanceof Error ? exception.message : 'unhandled error');
  }
  if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
  void reply.status(body.status).type('application/problem+json').send(body);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), exception, this.logger);
  }
}
