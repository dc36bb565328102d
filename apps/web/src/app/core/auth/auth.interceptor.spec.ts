import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

describe('authInterceptor', () => {
  let token: string | null;
  let refreshResult: boolean;
  let refreshCalls: number;
  let cleared: number;
  let http: HttpClient;
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    token = 'old-token';
    refreshResult = true;
    refreshCalls = 0;
    cleared = 0;
    const auth = {
      get accessToken() {
        return token;
      },
      refresh: async () => {
        refreshCalls++;
        if (refreshResult) token = 'new-token';
        return refreshResult;
      },
      clearSession: () => {
        cleared++;
        token = null;
      },
    };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: AuthService, useValue: auth },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => backend.verify());

  const flushMicrotasks = () => new Promise((resolve) => setTimeout(resolve));

  it('adds the bearer token to API calls only', async () => {
    const api = firstValueFrom(http.get('/api/bookings'));
    const apiRequest = backend.expectOne('/api/bookings');
    expect(apiRequest.request.headers.get('Authorization')).toBe('Bearer old-token');
    apiRequest.flush({});
    const other = firstValueFrom(http.get('/assets/x.json'));
    const otherRequest = backend.expectOne('/assets/x.json');
    expect(otherRequest.request.headers.has('Authorization')).toBe(false);
    otherRequest.flush({});
    await Promise.all([api, other]);
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    const result = firstValueFrom(http.get<{ ok: boolean }>('/api/auth/me'));
    backend.expectOne('/api/auth/me').flush({ status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await flushMicrotasks();
    const retry = backend.expectOne('/api/auth/me');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new-token');
    retry.flush({ ok: true });
    expect(await result).toEqual({ ok: true });
    expect(refreshCalls).toBe(1);
  });

  it('does not loop: a second 401 after the retry is passed on', async () => {
    const result = firstValueFrom(http.get('/api/auth/me')).catch((error: { status: number }) => error.status);
    backend.expectOne('/api/auth/me').flush({}, { status: 401, statusText: 'Unauthorized' });
    await flushMicrotasks();
    backend.expectOne('/api/auth/me').flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(await result).toBe(401);
    expect(refreshCalls).toBe(1);
  });

  it('ends the session and goes to login, keeping the return URL, when the refresh fails', async () => {
    refreshResult = false;
    Object.defineProperty(router, 'navigated', { value: true });
    Object.defineProperty(router, 'url', { value: '/bookings' });
    const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    const result = firstValueFrom(http.get('/api/bookings')).catch((error: { status: number }) => error.status);
    backend.expectOne('/api/bookings').flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(await result).toBe(401);
    expect(cleared).toBe(1);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/bookings' } });
  });

  it('never refreshes for a failed login', async () => {
    const result = firstValueFrom(http.post('/api/auth/login', {})).catch((error: { status: number }) => error.status);
    backend.expectOne('/api/auth/login').flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(await result).toBe(401);
    expect(refreshCalls).toBe(0);
  });
});
