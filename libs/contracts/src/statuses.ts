export const BOOKING_STATUSES = ['confirmed', 'cancelled', 'completed'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const AVAILABILITY_STATUSES = ['available', 'unavailable'] as const;
export type AvailabilityStatus = (typeof AVAILABILITY_STATUSES)[number];

export const SERVICE_CATEGORIES = ['movie', 'concert', 'theatre', 'comedy', 'sports', 'gaming', 'experience', 'other'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** Delivery states of an outbox message: waiting (or retrying), claimed by a dispatcher, delivered, given up. */
export const MESSAGE_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Problem types of the API's RFC 9457 error bodies (`type` is `/problems/<kind>`). */
export const PROBLEM_KINDS = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  'api-key-refused': 403,
  'not-found': 404,
  conflict: 409,
  'sold-out': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'invalid-token': 400,
  /** A ticket code that is malformed, or not signed by this installation's key. */
  'invalid-ticket': 400,
  /** The ticket was already checked in (the body says when and by whom). */
  'already-checked-in': 409,
  /** The ticket's booking is not confirmed (cancelled, or gone). */
  'not-valid': 409,
  /** The ticket is for another session than the one being checked in. */
  'wrong-session': 409,
  'rate-limited': 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ProblemKind = keyof typeof PROBLEM_KINDS;
/** A problem body's `type`: `/problems/<kind>`. */
export type ProblemType = `/problems/${ProblemKind}`;
export const problemType = (kind: ProblemKind): ProblemType => `/problems/${kind}`;
/** Every `type` the API answers, for the contract's enum. */
export const PROBLEM_TYPES: readonly ProblemType[] = (Object.keys(PROBLEM_KINDS) as ProblemKind[]).map(problemType);

/** Booking rules shared by the API and the booking form. */
export const BOOKING_LIMITS = {
  minQuantity: 1,
  maxQuantity: 10,
  maxDaysAhead: 365,
  maxAvailabilityDays: 92,
  defaultAvailabilityDays: 30,
} as const;
