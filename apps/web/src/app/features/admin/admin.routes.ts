import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';
import { permissionGuard } from '../../core/auth/guards';
import { AdminShell, ADMIN_SECTIONS } from './admin-shell';

/** The first admin section the user may open. */
function firstAllowedSection(): string {
  const auth = inject(AuthService);
  return ADMIN_SECTIONS.find((section) => auth.can(section.permission))?.path ?? '/forbidden';
}

export const adminRoutes: Routes = [
  {
    path: '',
    component: AdminShell,
    children: [
      { path: '', pathMatch: 'full', redirectTo: () => firstAllowedSection() },
      {
        path: 'dashboard',
        title: 'Dashboard · Marquee admin',
        canActivate: [permissionGuard('stats:read')],
        loadComponent: () => import('./dashboard/dashboard.page').then((m) => m.DashboardPage),
      },
      {
        path: 'services',
        title: 'Services · Marquee admin',
        canActivate: [permissionGuard('services:write')],
        loadComponent: () => import('./services/services-admin.page').then((m) => m.ServicesAdminPage),
      },
      {
        path: 'services/new',
        title: 'New service · Marquee admin',
        canActivate: [permissionGuard('services:write')],
        loadComponent: () => import('./services/service-form.page').then((m) => m.ServiceFormPage),
      },
      {
        path: 'services/:id',
        title: 'Edit service · Marquee admin',
        canActivate: [permissionGuard('services:write')],
        loadComponent: () => import('./services/service-form.page').then((m) => m.ServiceFormPage),
      },
      {
        path: 'services/:id/sessions',
        title: 'Tickets and sessions · Marquee admin',
        canActivate: [permissionGuard('services:write')],
        loadComponent: () => import('./sessions/service-sessions.page').then((m) => m.ServiceSessionsPage),
      },
      {
        path: 'sessions/:id/attendees',
        title: 'Attendees · Marquee admin',
        canActivate: [permissionGuard('bookings:read:any')],
        loadComponent: () => import('./sessions/attendees.page').then((m) => m.AttendeesPage),
      },
      {
        path: 'bookings',
        title: 'Bookings · Marquee admin',
        canActivate: [permissionGuard('bookings:read:any')],
        loadComponent: () => import('./bookings/bookings-admin.page').then((m) => m.BookingsAdminPage),
      },
      {
        path: 'check-in',
        title: 'Check-in · Marquee admin',
        canActivate: [permissionGuard('checkins:write')],
        loadComponent: () => import('./check-in/check-in.page').then((m) => m.CheckInPage),
      },
      {
        path: 'users',
        title: 'Users · Marquee admin',
        canActivate: [permissionGuard('users:read')],
        loadComponent: () => import('./users/users-admin.page').then((m) => m.UsersAdminPage),
      },
      {
        path: 'roles',
        title: 'Roles · Marquee admin',
        canActivate: [permissionGuard('roles:manage')],
        loadComponent: () => import('./roles/roles-admin.page').then((m) => m.RolesAdminPage),
      },
      {
        path: 'audit',
        title: 'Audit log · Marquee admin',
        canActivate: [permissionGuard('audit:read')],
        loadComponent: () => import('./audit/audit-admin.page').then((m) => m.AuditAdminPage),
      },
      {
        path: 'webhooks',
        title: 'Webhooks · Marquee admin',
        canActivate: [permissionGuard('webhooks:manage')],
        loadComponent: () => import('./webhooks/webhooks-admin.page').then((m) => m.WebhooksAdminPage),
      },
    ],
  },
];
