import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import type { Permission } from '@marquee/contracts';
import { AuthService } from './auth.service';

/** Signed-in users only; others go to the login page and come back afterwards. */
export const authGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  return auth.isLoggedIn() || inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** Guests only (login, register): a signed-in user goes to the catalogue. */
export const guestGuard: CanActivateFn = () => !inject(AuthService).isLoggedIn() || inject(Router).createUrlTree(['/']);

/**
 * Users holding at least one of the permissions (any staff permission when none is named).
 * A guest is sent to log in; a signed-in user without it sees the "not allowed" page.
 */
export function permissionGuard(...anyOf: Permission[]): CanActivateFn {
  return (_route, state) => {
    const auth = inject(AuthService);
    const router = inject(Router);
    if (!auth.isLoggedIn()) return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
    const allowed = anyOf.length === 0 ? auth.isStaff() : anyOf.some((permission) => auth.can(permission));
    return allowed || router.createUrlTree(['/forbidden']);
  };
}
