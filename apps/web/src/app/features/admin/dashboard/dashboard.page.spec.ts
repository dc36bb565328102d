import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { BookingStatsDto } from '@marquee/contracts/client';
import { DashboardPage } from './dashboard.page';

const stats: BookingStatsDto = {
  from: '2026-03-01',
  to: '2026-03-02',
  totals: {
    bookings: 5,
    confirmed: 3,
    cancelled: 1,
    completed: 1,
    revenue: [
      { currency: 'EUR', totalCents: 16000 },
      { currency: 'USD', totalCents: 21350 },
    ],
  },
  byDay: [
    { date: '2026-03-01', bookings: 0, revenue: [] },
    {
      date: '2026-03-02',
      bookings: 4,
      revenue: [
        { currency: 'EUR', totalCents: 4000 },
        { currency: 'USD', totalCents: 10150 },
      ],
    },
  ],
  topServices: [
    { serviceId: 7, name: 'Jazz night', bookings: 2, revenue: [{ currency: 'EUR', totalCents: 16000 }] },
    {
      serviceId: 3,
      name: 'Repriced tour',
      bookings: 2,
      revenue: [
        { currency: 'EUR', totalCents: 2000 },
        { currency: 'USD', totalCents: 1000 },
      ],
    },
  ],
};

describe('DashboardPage', () => {
  let http: HttpTestingController;

  async function render(answer: BookingStatsDto): Promise<HTMLElement> {
    TestBed.configureTestingModule({ imports: [DashboardPage], providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    const fixture: ComponentFixture<DashboardPage> = TestBed.createComponent(DashboardPage);
    fixture.detectChanges();
    http.expectOne((request) => request.url === '/api/stats/bookings').flush(answer);
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const texts = (root: HTMLElement, selector: string) =>
    Array.from(root.querySelectorAll(selector)).map((element) => element.textContent?.replace(/\s+/g, ' ').trim());

  afterEach(() => http.verify());

  it('shows revenue per currency and never adds currencies together', async () => {
    const page = await render(stats);
    expect(texts(page, '[data-testid="revenue"] strong')).toEqual(['€160.00', '$213.50']);
    expect(page.textContent).not.toContain('373.50');
    expect(texts(page, 'table.plain tbody td')).toEqual(['2026-03-01', '0', '—', '2026-03-02', '4', '€40.00 · $101.50']);
    expect(texts(page, 'ol.top li span')).toEqual(['Jazz night', '2 bookings · €160.00', 'Repriced tour', '2 bookings · €20.00 · $10.00']);
  });

  it('shows a dash when nothing was sold', async () => {
    const page = await render({
      ...stats,
      totals: { bookings: 1, confirmed: 0, cancelled: 1, completed: 0, revenue: [] },
      byDay: stats.byDay.slice(0, 1),
      topServices: [],
    });
    expect(texts(page, '[data-testid="revenue"] strong')).toEqual(['—']);
  });
});
