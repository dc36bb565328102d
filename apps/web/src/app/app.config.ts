import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { type ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideApiConfiguration } from '@marquee/contracts/client';
import { routes } from './app.routes';
import { firstDataInterceptor, provideFirstData } from './core/api/first-data';
import { authInterceptor } from './core/auth/auth.interceptor';
import { AuthService } from './core/auth/auth.service';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    provideHttpClient(withInterceptors([firstDataInterceptor, authInterceptor])),
    provideFirstData(),
    // The API is on the same origin: under /api (the generated paths start with /api).
    provideApiConfiguration(''),
    provideAppInitializer(() => inject(AuthService).restore()),
  ],
};
