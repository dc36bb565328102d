import type { Permission } from '@marquee/contracts';
import { apiKeyRefused } from './problem.js';

/** The caller of an authenticated request, re-read from the database for every request. */
export interface AuthUser {
  id: number;
  name: string;
  email: string;
  role: string;
  /** With an API key: the permissions that both the key and its owner's role hold now. */
  permissions: ReadonlySet<Permission>;
  /** The refresh-token family (login session) the access token belongs to; undefined for an API key. */
  sessionId?: string;
  /** The API key the request was made with; undefined for an access token. */
  apiKeyId?: number;
}

export const can = (user: AuthUser, permission: Permission) => user.permissions.has(permission);

/** The permissions among `wanted` that `user` does not hold (what they may neither grant nor assign). */
export const lacking = (user: AuthUser, wanted: Iterable<Permission>): Permission[] =>
  [...wanted].filter((permission) => !can(user, permission));

/** The login session of a caller signed in with a password; a caller using an API key has none (403 `api-key-refused`). */
export function sessionOf(user: AuthUser): string {
  if (user.sessionId === undefined) throw apiKeyRefused();
  return user.sessionId;
}
