import type { Permission } from '@marquee/contracts';

/** The caller of an authenticated request, re-read from the database for every request. */
export interface AuthUser {
  id: number;
  name: string;
  email: string;
  role: string;
  permissions: ReadonlySet<Permission>;
  /** The refresh-token family (login session) the access token belongs to. */
  sessionId: string;
}

export const can = (user: AuthUser, permission: Permission) => user.permissions.has(permission);

/** The permissions among `wanted` that `user` does not hold (what they may neither grant nor assign). */
export const lacking = (user: AuthUser, wanted: Iterable<Permission>): Permission[] =>
  [...wanted].filter((permission) => !can(user, permission));
