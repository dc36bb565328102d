import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, UrlTree, type ActivatedRouteSnapshot, type RouterStateSnapshot } from '@angular/router';
import type { MeDto } from '@marquee/contracts/client';
import { AuthService } from './auth.service';
import { authGuard, guestGuard, permissionGuard } from './guards';

function fakeAuth(me: MeDto | null) {
  const permissions = new Set<string>(me?.permissions ?? []);
  return {
    isLoggedIn: () => me !== null,
    isStaff: () => permissions.size > 0,
    can: (permission: string) => permissions.has(permission),
  };
}

const customer: MeDto = {
  id: 2,
  name: 'Cus',
  email: 'c@x.test',
  role: 'customer',
  permissions: [],
  emailVerified: true,
  createdAt: '2026-01-01T00:00:00Z',
};
const manager: MeDto = { ...customer, id: 3, role: 'manager', permissions: ['services:write', 'stats:read'] };

function run(guard: ReturnType<typeof permissionGuard>, me: MeDto | null, url = '/admin/users') {
  TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: AuthService, useValue: fakeAuth(me) }] });
  return TestBed.runInInjectionContext(() => guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot));
}

function serialized(result: unknown): string {
  expect(result).toBeInstanceOf(UrlTree);
  return TestBed.inject(Router).serializeUrl(result as UrlTree);
}

describe('authGuard', () => {
  it('lets a signed-in user through', () => {
    expect(run(authGuard, customer, '/bookings')).toBe(true);
  });

  it('sends a guest to the login page with the return URL', () => {
    expect(serialized(run(authGuard, null, '/bookings'))).toBe('/login?returnUrl=%2Fbookings');
  });
});

describe('guestGuard', () => {
  it('sends a signed-in user away from the login page', () => {
    expect(serialized(run(guestGuard, customer, '/login'))).toBe('/');
  });

  it('lets a guest see the login page', () => {
    expect(run(guestGuard, null, '/login')).toBe(true);
  });
});

describe('permissionGuard', () => {
  it('turns a customer away from an admin URL', () => {
    expect(serialized(run(permissionGuard('users:read'), customer))).toBe('/forbidden');
  });

  it('turns away a staff member without that permission', () => {
    expect(serialized(run(permissionGuard('roles:manage'), manager, '/admin/roles'))).toBe('/forbidden');
  });

  it('lets a user with one of the permissions through', () => {
    expect(run(permissionGuard('users:read', 'services:write'), manager, '/admin/services')).toBe(true);
  });

  it('with no permission named, lets any staff member in', () => {
    expect(run(permissionGuard(), manager, '/admin')).toBe(true);
  });

  it('with no permission named, turns a customer away', () => {
    expect(serialized(run(permissionGuard(), customer, '/admin'))).toBe('/forbidden');
  });

  it('sends a guest to log in first', () => {
    expect(serialized(run(permissionGuard('users:read'), null))).toBe('/login?returnUrl=%2Fadmin%2Fusers');
  });
});
