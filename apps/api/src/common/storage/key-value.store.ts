/**
 * Short-lived shared state: the session denylist and rate-limit counters. In process memory
 * when `REDIS_URL` is unset (one instance only), in Redis when it is set (shared by every instance).
 */
export abstract class KeyValueStore {
  /** Adds one to a counter that expires `windowMs` after its first hit; answers the count and the time left. */
  abstract increment(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }>;
  /** Takes one back from a live counter (never below zero); no effect when it has expired. */
  abstract decrement(key: string): Promise<void>;
  /** The counter's value and time left, without counting. */
  abstract peek(key: string): Promise<{ count: number; ttlMs: number }>;
  abstract set(key: string, value: string, ttlMs: number): Promise<void>;
  abstract get(key: string): Promise<string | null>;
  abstract delete(key: string): Promise<void>;
  /** Throws when the store cannot be reached (readiness). */
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}
