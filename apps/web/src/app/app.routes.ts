import type { Routes } from '@angular/router';
import { authGuard, guestGuard, permissionGuard } from './core/auth/guards';
import { CataloguePage } from './features/catalogue/catalogue.page';
import { ServiceDetailPage } from './features/catalogue/service-detail.page';

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Catalogue · Marquee',
    // The pages most visits start on are in the initial bundle: their code loads in parallel with the
    // app's instead of after it, round trips earlier. Neither uses Material components, which stay out.
    component: CataloguePage,
  },
  {
    path: 'services/:id',
    title: 'Service · Marquee',
    component: ServiceDetailPage,
  },
  {
    path: 'login',
    title: 'Log in · Marquee',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/login.page').then((m) => m.LoginPage),
  },
  {
    path: 'register',
    title: 'Create an account · Marquee',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/register.page').then((m) => m.RegisterPage),
  },
  {
    path: 'forgot-password',
    title: 'Forgot your password · Marquee',
    loadComponent: () => import('./features/auth/forgot-password.page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'reset-password',
    title: 'Choose a new password · Marquee',
    loadComponent: () => import('./features/auth/reset-password.page').then((m) => m.ResetPasswordPage),
  },
  {
    path: 'verify-email',
    title: 'Verify your e-mail · Marquee',
    loadComponent: () => import('./features/auth/verify-email.page').then((m) => m.VerifyEmailPage),
  },
  {
    path: 'bookings',
    title: 'My bookings · Marquee',
    canActivate: [authGuard],
    loadComponent: () => import('./features/account/my-bookings.page').then((m) => m.MyBookingsPage),
  },
  {
    path: 'bookings/:id/confirmation',
    title: 'Booking confirmed · Marquee',
    canActivate: [authGuard],
    loadComponent: () => import('./features/account/booking-confirmation.page').then((m) => m.BookingConfirmationPage),
  },
  {
    path: 'profile',
    title: 'Profile · Marquee',
    canActivate: [authGuard],
    loadComponent: () => import('./features/account/profile.page').then((m) => m.ProfilePage),
  },
  {
    path: 'admin',
    canActivate: [permissionGuard()],
    loadChildren: () => import('./features/admin/admin.routes').then((m) => m.adminRoutes),
  },
  {
    path: 'forbidden',
    title: 'Not allowed · Marquee',
    loadComponent: () => import('./shared/status-pages').then((m) => m.ForbiddenPage),
  },
  {
    path: '**',
    title: 'Not found · Marquee',
    loadComponent: () => import('./shared/status-pages').then((m) => m.NotFoundPage),
  },
];
