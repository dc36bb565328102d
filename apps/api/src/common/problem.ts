import { HttpException } from '@nestjs/common';
import { PROBLEM_KINDS, type ProblemKind } from '@marquee/contracts';

export interface FieldError {
  field: string;
  message: string;
}

const TITLES: Record<ProblemKind, string> = {
  validation: 'Validation failed',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  'api-key-refused': 'API key not accepted here',
  'not-found': 'Not found',
  conflict: 'Conflict',
  'sold-out': 'Sold out',
  'payload-too-large': 'Payload too large',
  'unsupported-media-type': 'Unsupported media type',
  'invalid-token': 'Invalid token',
  'invalid-ticket': 'Invalid ticket',
  'already-checked-in': 'Already checked in',
  'not-valid': 'Ticket not valid',
  'wrong-session': 'Wrong session',
  'rate-limited': 'Too many requests',
  internal: 'Internal server error',
  unavailable: 'Service unavailable',
};

/** An RFC 9457 problem: every error the API answers is one of these. */
export class ProblemException extends HttpException {
  readonly kind: ProblemKind;
  readonly detail: string;
  readonly errors?: FieldError[];
  readonly retryAfterSeconds?: number;
  /** Members the problem adds to its body (RFC 9457 §3.2), e.g. when and by whom a ticket was checked in. */
  readonly extensions?: Record<string, unknown>;

  constructor(kind: ProblemKind, detail: string, errors?: FieldError[], retryAfterSeconds?: number, extensions?: Record<string, unknown>) {
    const status = PROBLEM_KINDS[kind];
    // A 4xx problem is an answer to the client, not a fault: nothing logs its stack, and capturing
    // one was most of what a sold-out answer cost (bench/README.md). A 5xx problem keeps its stack.
    const stackTraceLimit = Error.stackTraceLimit;
    if (status < 500) Error.stackTraceLimit = 0;
    try {
      super(detail, status);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.kind = kind;
    this.detail = detail;
    this.errors = errors;
    this.retryAfterSeconds = retryAfterSeconds;
    this.extensions = extensions;
  }

  get title(): string {
    return TITLES[this.kind];
  }
}

export const titleOf = (kind: ProblemKind) => TITLES[kind];

export const validationProblem = (field: string, message: string) =>
  new ProblemException('validation', `${field}: ${message}`, [{ field, message }]);
export const notFound = (what: string) => new ProblemException('not-found', `${what} was not found`);
export const conflict = (detail: string) => new ProblemException('conflict', detail);
export const forbidden = (detail = 'You do not have permission to do this') => new ProblemException('forbidden', detail);
export const unauthorized = (detail = 'Authentication is required') => new ProblemException('unauthorized', detail);

/** A route that manages the account's credentials, refused to a caller using an API key. */
export const apiKeyRefused = () =>
  new ProblemException(
    'api-key-refused',
    'This route needs a password sign-in: an API key cannot refresh tokens, sign out, change the profile or password, reset a password or make API keys',
  );
