import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AuthService } from './auth.service';

/** Endpoints whose 401 means "wrong credentials", not "token expired". */
const NO_REFRESH = ['/api/auth/login', '/api/auth/register', '/api/auth/refresh', '/api/auth/logout'];

function isApi(url: string): boolean {
  return url.startsWith('/api/') || new URL(url, 'http://x').pathname.startsWith('/api/');
}

function withToken(request: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/**
 * Adds the access token to API calls. On a 401 it refreshes the token pair once and retries;
 * when that fails the session ends and the user goes to the login page, the return URL kept.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApi(request.url)) return next(request);
  const auth = inject(AuthService);
  const router = inject(Router);
  const hadToken = auth.accessToken !== null;
  return next(withToken(request, auth.accessToken)).pipe(
    catchError((error: unknown) => {
      const path = new URL(request.url, 'http://x').pathname;
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || !hadToken || NO_REFRESH.includes(path)) {
        return throwError(() => error);
      }
      return from(auth.refresh()).pipe(
        switchMap((refreshed) => {
          if (refreshed) return next(withToken(request, auth.accessToken));
          auth.clearSession();
          // Before the first navigation (restoring the session at start-up) the route guards do this.
          if (router.navigated) {
            const returnUrl = router.url;
            void router.navigate(['/login'], { queryParams: returnUrl && !returnUrl.startsWith('/login') ? { returnUrl } : {} });
          }
          return throwError(() => error);
        }),
      );
    }),
  );
};
