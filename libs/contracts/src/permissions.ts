/** Every permission a role can grant, with the text shown in the role editor. */
export const PERMISSIONS = {
  'users:read': 'List and read every user account',
  'users:write': 'Change, deactivate and delete user accounts and their roles',
  'roles:manage': 'Create, change and delete roles and their permissions',
  'services:write': 'Create, change and delete services in the catalogue',
  'bookings:read:any': "Read every customer's bookings",
  'bookings:write:any': "Cancel, complete and remove every customer's bookings",
  'stats:read': 'Read booking statistics for the dashboard',
  'audit:read': 'Read the audit log of staff actions',
  'messages:manage': 'See undeliverable e-mail messages and send them again',
  'checkins:write': "Check tickets in at the door and see a session's check-in count",
  'webhooks:manage': 'Register webhook endpoints, see their deliveries and send them again',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** Roles every installation has; their names cannot change and they cannot be deleted. */
export const BUILT_IN_ROLES = {
  admin: ALL_PERMISSIONS,
  manager: ['services:write', 'bookings:read:any', 'bookings:write:any', 'stats:read'],
  /** Door staff: scan tickets, and read bookings and attendee lists. */
  staff: ['checkins:write', 'bookings:read:any'],
  customer: [],
} as const satisfies Record<string, readonly Permission[]>;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

/** The role given to everyone who registers. */
export const DEFAULT_ROLE: BuiltInRole = 'customer';
