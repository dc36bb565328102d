import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ServiceDto, SessionDto } from '@marquee/contracts/client';
import { CheckInPage } from './check-in.page';

const unavailable = {
  body: { type: '/problems/unavailable', title: 'Service unavailable', status: 503, detail: 'The database is not reachable' },
  init: { status: 503, statusText: 'Service Unavailable' },
};

function service(id: number, name: string): ServiceDto {
  return { id, name } as ServiceDto;
}

function session(id: number, localTime: string): SessionDto {
  return { id, localTime, allDay: false, booked: 2, status: 'scheduled' } as SessionDto;
}

describe('CheckInPage', () => {
  let http: HttpTestingController;

  async function create(query: { service?: string; date?: string } = {}): Promise<ComponentFixture<CheckInPage>> {
    TestBed.configureTestingModule({
      imports: [CheckInPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CheckInPage);
    for (const [name, value] of Object.entries(query)) fixture.componentRef.setInput(name, value);
    fixture.detectChanges();
    http.expectOne('/api/venue').flush({ timeZone: 'UTC', currencies: ['USD'] });
    await settle();
    return fixture;
  }

  const servicesRequest = (): TestRequest => http.expectOne((request) => request.method === 'GET' && request.url === '/api/services');
  const sessionsRequest = (): TestRequest =>
    http.expectOne((request) => request.method === 'GET' && request.url === '/api/services/3/sessions');
  const settle = () => new Promise((resolve) => setTimeout(resolve));
  const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  async function render(fixture: ComponentFixture<CheckInPage>): Promise<HTMLElement> {
    await settle();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const options = (root: HTMLElement, id: string) => [...root.querySelectorAll(`#${id} option`)].map((option) => text(option));

  afterEach(() => http.verify());

  it('asks for the services again on "Try again" after they failed to load, and shows them', async () => {
    const fixture = await create();
    servicesRequest().flush(unavailable.body, unavailable.init);
    let root = await render(fixture);
    expect(text(root.querySelector('mq-error'))).toContain('The database is not reachable');

    root.querySelector<HTMLButtonElement>('mq-error button')!.click();
    servicesRequest().flush({
      data: [service(3, 'Harbour tour'), service(4, 'Night walk')],
      meta: { page: 1, limit: 100, total: 2, totalPages: 1 },
    });
    root = await render(fixture);
    expect(root.querySelector('mq-error')).toBeNull();
    expect(options(root, 'check-in-service')).toEqual(['Choose a service', 'Harbour tour', 'Night walk']);
  });

  it('asks for the chosen day\'s sessions again on "Try again" after they failed to load, and offers them', async () => {
    const fixture = await create({ service: '3', date: '2026-11-28' });
    servicesRequest().flush({ data: [service(3, 'Harbour tour')], meta: { page: 1, limit: 100, total: 1, totalPages: 1 } });
    sessionsRequest().flush(unavailable.body, unavailable.init);
    let root = await render(fixture);
    expect(text(root.querySelector('mq-error'))).toContain('The database is not reachable');

    root.querySelector<HTMLButtonElement>('mq-error button')!.click();
    const again = sessionsRequest();
    expect([again.request.params.get('from'), again.request.params.get('to')]).toEqual(['2026-11-28', '2026-11-28']);
    again.flush([session(11, '19:30')]);
    root = await render(fixture);
    expect(root.querySelector('mq-error')).toBeNull();
    expect(options(root, 'check-in-session')).toEqual(['Choose a session', '19:30 · 2 booked']);
  });
});
