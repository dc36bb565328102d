import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { ApiKeyDto, CreatedApiKeyDto, MeDto } from '@marquee/contracts/client';
import { AuthService } from '../../core/auth/auth.service';
import { Confirmer } from '../../shared/confirm-dialog';
import { ApiKeys, endOfLocalDay } from './api-keys';

const manager: MeDto = {
  id: 4,
  name: 'Mia Manager',
  email: 'mia@x.test',
  role: 'manager',
  permissions: ['services:write', 'bookings:read:any', 'bookings:write:any', 'stats:read'],
  emailVerified: true,
  createdAt: '2026-01-01T00:00:00Z',
};

function key(overrides: Partial<ApiKeyDto> = {}): ApiKeyDto {
  return {
    id: 7,
    name: 'Box office sync',
    permissions: ['bookings:read:any'],
    prefix: 'mk_Q2h5dF8k',
    createdAt: '2026-03-01T10:00:00Z',
    lastUsedAt: null,
    expiresAt: null,
    ...overrides,
  };
}

describe('ApiKeys (profile page section)', () => {
  let http: HttpTestingController;
  let confirmAnswer: boolean;
  let confirmed: string[];

  function create(me: MeDto = manager): ComponentFixture<ApiKeys> {
    confirmAnswer = true;
    confirmed = [];
    TestBed.configureTestingModule({
      imports: [ApiKeys],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: AuthService, useValue: { user: signal(me), permissions: signal(new Set(me.permissions)) } },
        {
          provide: Confirmer,
          useValue: {
            confirm: async ({ title }: { title: string }) => {
              confirmed.push(title);
              return confirmAnswer;
            },
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ApiKeys);
    fixture.detectChanges();
    return fixture;
  }

  const listRequest = (): TestRequest => http.expectOne((request) => request.method === 'GET' && request.url === '/api/api-keys');
  const settle = () => new Promise((resolve) => setTimeout(resolve));

  async function render(fixture: ComponentFixture<ApiKeys>): Promise<HTMLElement> {
    await settle();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const checkboxLabels = (root: HTMLElement) => [...root.querySelectorAll('mat-checkbox code')].map((code) => text(code));
  const listed = (root: HTMLElement) => [...root.querySelectorAll('.key-list li strong')].map((name) => text(name));

  function type(root: HTMLElement, selector: string, value: string, event = 'input'): void {
    const input = root.querySelector<HTMLInputElement>(selector)!;
    input.value = value;
    input.dispatchEvent(new Event(event));
  }

  afterEach(() => http.verify());

  it("lists the caller's keys, and offers only the caller's own permissions", async () => {
    const fixture = create();
    expect((fixture.nativeElement as HTMLElement).querySelector('mq-loading')).not.toBeNull();
    listRequest().flush([key(), key({ id: 8, name: 'Dashboard', permissions: [], lastUsedAt: '2026-03-02T09:00:00Z' })]);
    const root = await render(fixture);

    expect(checkboxLabels(root)).toEqual(['services:write', 'bookings:read:any', 'bookings:write:any', 'stats:read']);
    expect(listed(root)).toEqual(['Box office sync', 'Dashboard']);
    const items = [...root.querySelectorAll('.key-list li')].map((item) => text(item));
    expect(items[0]).toContain('mk_Q2h5dF8k…');
    expect(items[0]).toContain('bookings:read:any');
    expect(items[0]).toContain('Last used never');
    expect(items[0]).toContain('No expiry');
    expect(items[1]).toContain('No permissions (acts as a customer)');
    expect(root.querySelector('.key-list time[datetime="2026-03-02T09:00:00Z"]')).not.toBeNull();
  });

  it('says that a customer has no permission to give, and when there is no key yet', async () => {
    const fixture = create({ ...manager, role: 'customer', permissions: [] });
    listRequest().flush([]);
    const root = await render(fixture);
    expect(checkboxLabels(root)).toEqual([]);
    expect(text(root.querySelector('.permissions'))).toContain('acts for you as a customer');
    expect(text(root.querySelector('mq-empty'))).toContain('No API keys yet');
  });

  it('makes a key with the chosen name, permissions and last day, and shows it once with a warning and Copy', async () => {
    const fixture = create();
    listRequest().flush([]);
    let root = await render(fixture);

    type(root, 'input[formcontrolname="name"]', '  Box office sync ');
    type(root, 'input[formcontrolname="expiresOn"]', '2099-06-30');
    const stats = [...root.querySelectorAll<HTMLInputElement>('mat-checkbox input')][3];
    stats.click();
    fixture.detectChanges();
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

    const post = http.expectOne((request) => request.method === 'POST' && request.url === '/api/api-keys');
    expect(post.request.body).toEqual({ name: 'Box office sync', permissions: ['stats:read'], expiresAt: endOfLocalDay('2099-06-30') });
    expect(new Date(post.request.body.expiresAt).getDate()).toBe(30);
    const created: CreatedApiKeyDto = {
      ...key({ id: 9, permissions: ['stats:read'], expiresAt: post.request.body.expiresAt }),
      key: 'mk_Q2h5dF8kVx3m0b9Yq7TzR1cNw5sLp2eHj6uGa4KfD8o',
    };
    post.flush(created);
    root = await render(fixture);

    const shown = root.querySelector('.new-key');
    expect(text(shown)).toContain('Copy your new key now');
    expect(text(shown)).toContain('the only time it is shown');
    expect(text(shown?.querySelector('code'))).toBe(created.key);
    expect([...(shown?.querySelectorAll('button') ?? [])].map((button) => text(button))).toEqual(['Copy', 'I have stored it']);
    // The list gains the key, without the key itself; the form is ready for another.
    expect(listed(root)).toEqual(['Box office sync']);
    expect(text(root.querySelector('.key-list'))).not.toContain(created.key);
    expect(root.querySelector<HTMLInputElement>('input[formcontrolname="name"]')!.value).toBe('');
    expect(stats.checked).toBe(false);
    // The emptied form shows no error until it is sent again.
    expect(root.querySelector('.mat-form-field-invalid')).toBeNull();

    [...shown!.querySelectorAll('button')][1].click();
    root = await render(fixture);
    expect(root.querySelector('.new-key')).toBeNull();
    expect(text(root)).not.toContain(created.key);
  });

  it("puts the API's field errors beside the fields, and sends nothing without a name", async () => {
    const fixture = create();
    listRequest().flush([]);
    let root = await render(fixture);
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    http.expectNone((request) => request.method === 'POST');
    root = await render(fixture);
    expect(text(root.querySelector('mat-error'))).toBe('Key name is required.');

    type(root, 'input[formcontrolname="name"]', 'Late');
    type(root, 'input[formcontrolname="expiresOn"]', '2099-01-01');
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    http
      .expectOne((request) => request.method === 'POST')
      .flush(
        {
          type: '/problems/validation',
          title: 'Validation failed',
          status: 400,
          detail: 'expiresAt: must be in the future',
          errors: [{ field: 'expiresAt', message: 'must be in the future' }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
    root = await render(fixture);
    expect(text(root.querySelector('mat-error'))).toBe('Must be in the future.');
    expect(root.querySelector('.new-key')).toBeNull();
  });

  it('revokes a key only once confirmed', async () => {
    const fixture = create();
    listRequest().flush([key(), key({ id: 8, name: 'Dashboard' })]);
    let root = await render(fixture);

    confirmAnswer = false;
    root.querySelector<HTMLButtonElement>('button[aria-label="Revoke Dashboard"]')!.click();
    await settle();
    expect(confirmed).toEqual(['Revoke “Dashboard”?']);
    http.expectNone((request) => request.method === 'DELETE');

    confirmAnswer = true;
    root.querySelector<HTMLButtonElement>('button[aria-label="Revoke Dashboard"]')!.click();
    await settle();
    http
      .expectOne((request) => request.method === 'DELETE' && request.url === '/api/api-keys/8')
      .flush(null, { status: 204, statusText: 'No Content' });
    root = await render(fixture);
    expect(listed(root)).toEqual(['Box office sync']);
  });

  it('shows why the keys could not be loaded, and loads them again on retry', async () => {
    const fixture = create();
    listRequest().flush(
      { type: '/problems/unavailable', title: 'Service unavailable', status: 503, detail: 'The database is not reachable' },
      { status: 503, statusText: 'Service Unavailable' },
    );
    let root = await render(fixture);
    expect(text(root.querySelector('mq-error'))).toContain('The database is not reachable');
    root.querySelector<HTMLButtonElement>('mq-error button')!.click();
    listRequest().flush([key()]);
    root = await render(fixture);
    expect(listed(root)).toEqual(['Box office sync']);
  });
});
