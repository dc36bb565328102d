import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { WebhookDeliveryDto, WebhookDto } from '@marquee/contracts/client';
import { WebhooksAdminPage } from './webhooks-admin.page';

function endpoint(overrides: Partial<WebhookDto> = {}): WebhookDto {
  return {
    id: 1,
    url: 'https://hooks.example.com/marquee',
    events: ['booking.created'],
    description: 'CRM',
    status: 'active',
    failingSince: null,
    disabledAt: null,
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    ...overrides,
  };
}

function delivery(overrides: Partial<WebhookDeliveryDto> = {}): WebhookDeliveryDto {
  return {
    id: 7,
    endpointId: 1,
    eventId: 'msg_1',
    eventType: 'booking.created',
    status: 'failed',
    attempts: 8,
    nextAttemptAt: null,
    responseStatus: 500,
    lastError: 'answered 500',
    requestExcerpt: '{}',
    responseExcerpt: 'broken',
    deliveredAt: null,
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    ...overrides,
  };
}

const page = (data: unknown[]) => ({ data, meta: { page: 1, limit: 100, total: data.length, totalPages: 1 } });

describe('WebhooksAdminPage', () => {
  let http: HttpTestingController;

  function create(): ComponentFixture<WebhooksAdminPage> {
    TestBed.configureTestingModule({
      imports: [WebhooksAdminPage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(WebhooksAdminPage);
    fixture.detectChanges();
    return fixture;
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve));
  async function render(fixture: ComponentFixture<WebhooksAdminPage>): Promise<HTMLElement> {
    await settle();
    fixture.detectChanges();
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }
  const button = (element: HTMLElement, name: string) =>
    [...element.querySelectorAll('button')].find(
      (candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === name,
    ) as HTMLButtonElement;

  afterEach(() => http.verify());

  it('shows loading, then the empty state, and an error with a retry', async () => {
    const fixture = create();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Loading');
    http.expectOne((request) => request.url === '/api/webhooks').flush(page([]));
    expect((await render(fixture)).textContent).toContain('No webhooks yet');

    void fixture.componentInstance['endpoints'].reload();
    http.expectOne('/api/webhooks?page=1&limit=20').flush({ title: 'Down' }, { status: 500, statusText: 'Server Error' });
    const element = await render(fixture);
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('could not be loaded');
  });

  it('creates an endpoint for the chosen events and shows its secret once', async () => {
    const fixture = create();
    http.expectOne((request) => request.url === '/api/webhooks').flush(page([]));
    let element = await render(fixture);

    button(element, 'Create webhook').click();
    element = await render(fixture);
    expect(element.querySelector('.form-alert')?.textContent).toContain('Choose at least one event');
    http.expectNone((request) => request.method === 'POST');

    const input = element.querySelector('input[formcontrolname="url"]') as HTMLInputElement;
    input.value = 'https://hooks.example.com/new';
    input.dispatchEvent(new Event('input'));
    const checkbox = [...element.querySelectorAll('mat-checkbox')].find((box) => box.textContent?.includes('service.deleted'));
    (checkbox?.querySelector('input') as HTMLInputElement).click();
    button(element, 'Create webhook').click();
    const request = http.expectOne((candidate) => candidate.method === 'POST' && candidate.url === '/api/webhooks');
    expect(request.request.body).toEqual({ url: 'https://hooks.example.com/new', description: '', events: ['service.deleted'] });
    const added = endpoint({ id: 2, url: 'https://hooks.example.com/new', events: ['service.deleted'] });
    request.flush({ ...added, secret: 'whsec_c2VjcmV0' });
    await settle();
    // The list is read again, with the new endpoint (and never its secret).
    http.expectOne((candidate) => candidate.method === 'GET' && candidate.url === '/api/webhooks').flush(page([added]));
    element = await render(fixture);
    expect(element.querySelector('[data-testid="webhook-secret"]')?.textContent).toBe('whsec_c2VjcmV0');
    expect(element.querySelector('table[aria-label="Webhook endpoints"]')?.textContent).toContain('https://hooks.example.com/new');

    button(element, 'Done').click();
    element = await render(fixture);
    expect(element.textContent).not.toContain('whsec_c2VjcmV0');
  });

  it('lists an endpoint’s deliveries and retries a failed one', async () => {
    const fixture = create();
    http.expectOne((request) => request.url === '/api/webhooks').flush(page([endpoint()]));
    let element = await render(fixture);

    button(element, 'Deliveries of https://hooks.example.com/marquee').click();
    http
      .expectOne('/api/webhooks/1/deliveries?page=1&limit=20')
      .flush(page([delivery(), delivery({ id: 6, status: 'delivered', responseStatus: 200, lastError: null })]));
    element = await render(fixture);
    const rows = element.querySelectorAll('table[aria-label="Deliveries"] tbody tr');
    expect(rows.length).toBe(2);
    expect(rows[0].textContent).toContain('failed');
    expect(button(element, 'Retry delivery 6')).toBeUndefined();

    button(element, 'Retry delivery 7').click();
    http
      .expectOne((request) => request.method === 'POST' && request.url === '/api/webhook-deliveries/7/retry')
      .flush(delivery({ status: 'pending', attempts: 0, nextAttemptAt: '2026-03-01T10:05:00Z' }));
    element = await render(fixture);
    expect(element.querySelectorAll('table[aria-label="Deliveries"] tbody tr')[0].textContent).toContain('pending');
  });
});
