import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AuditEntryDto, AuditPageDto, MeDto } from '@marquee/contracts/client';
import { AuthService } from '../../../core/auth/auth.service';
import { AuditAdminPage } from './audit-admin.page';

const admin: MeDto = {
  id: 1,
  name: 'Ada Admin',
  email: 'admin@x.test',
  role: 'admin',
  permissions: ['audit:read', 'users:read'],
  emailVerified: true,
  createdAt: '2026-01-01T00:00:00Z',
};

function entry(overrides: Partial<AuditEntryDto>): AuditEntryDto {
  return {
    id: 1,
    actorId: 1,
    action: 'service.capacity-changed',
    targetType: 'service',
    targetId: 12,
    before: { capacity: 40 },
    after: { capacity: 60 },
    createdAt: '2026-03-01T10:00:00Z',
    ...overrides,
  };
}

function pageOf(data: AuditEntryDto[], total = data.length): AuditPageDto {
  return { data, meta: { page: 1, limit: 20, total, totalPages: Math.ceil(total / 20) } };
}

describe('AuditAdminPage', () => {
  let http: HttpTestingController;

  function create(me: MeDto = admin): ComponentFixture<AuditAdminPage> {
    const permissions = new Set<string>(me.permissions);
    TestBed.configureTestingModule({
      imports: [AuditAdminPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: AuthService, useValue: { user: signal(me), can: (permission: string) => permissions.has(permission) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AuditAdminPage);
    fixture.detectChanges();
    return fixture;
  }

  const auditRequest = (): TestRequest => http.expectOne((request) => request.url === '/api/audit');
  const settle = () => new Promise((resolve) => setTimeout(resolve));

  async function render(fixture: ComponentFixture<AuditAdminPage>): Promise<HTMLElement> {
    await settle();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  afterEach(() => http.verify());

  it('shows the entries with their changes, naming the actors it can look up once each', async () => {
    const fixture = create();
    const request = auditRequest();
    expect(request.request.params.get('page')).toBe('1');
    expect(request.request.params.get('limit')).toBe('20');
    request.flush(
      pageOf([
        entry({ id: 3, actorId: 7, action: 'role.created', targetType: 'role', targetId: 4, before: null, after: { name: 'auditor' } }),
        entry({ id: 2, actorId: 7 }),
        entry({
          id: 1,
          actorId: 1,
          action: 'user.updated',
          targetType: 'user',
          targetId: 9,
          before: { role: 'customer' },
          after: { role: 'manager' },
        }),
      ]),
    );
    await settle();
    http.expectOne('/api/users/7').flush({ ...admin, id: 7, name: 'Max Staff', role: 'admin' });
    const root = await render(fixture);

    const rows = [...root.querySelectorAll('table[aria-label="Audit log"] tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].slice(1).map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['Max Staff (#7)', 'role.created', 'role #4', 'name: "auditor"'],
      ['Max Staff (#7)', 'service.capacity-changed', 'service #12', 'capacity: 40 → 60'],
      ['Ada Admin (#1)', 'user.updated', 'user #9', 'role: "customer" → "manager"'],
    ]);
    expect(root.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-01T10:00:00Z');
  });

  it('shows actor ids only when the user may not read users', async () => {
    const fixture = create({ ...admin, id: 2, permissions: ['audit:read'] });
    auditRequest().flush(pageOf([entry({ actorId: 7 })]));
    const root = await render(fixture);
    http.expectNone('/api/users/7');
    expect(root.querySelector('tbody td:nth-child(2)')?.textContent?.trim()).toBe('#7');
  });

  it('sends the typed ids and dates as filters, from the first page', async () => {
    vi.useFakeTimers();
    try {
      const fixture = create();
      auditRequest().flush(pageOf([]));
      const root = fixture.nativeElement as HTMLElement;
      const [targetId, actorId, from, to] = [...root.querySelectorAll('input')];
      targetId.value = '12';
      targetId.dispatchEvent(new Event('input'));
      actorId.value = '1';
      actorId.dispatchEvent(new Event('input'));
      await vi.advanceTimersByTimeAsync(300);
      const byIds = auditRequest();
      expect(byIds.request.params.get('targetId')).toBe('12');
      expect(byIds.request.params.get('actorId')).toBe('1');
      byIds.flush(pageOf([]));

      from.value = '2026-03-01';
      from.dispatchEvent(new Event('change'));
      const byDate = auditRequest();
      expect(byDate.request.params.get('from')).toBe('2026-03-01');
      expect(byDate.request.params.get('to')).toBeNull();
      byDate.flush(pageOf([]));
      to.value = '2026-03-31';
      to.dispatchEvent(new Event('change'));
      const byRange = auditRequest();
      expect(byRange.request.params.get('to')).toBe('2026-03-31');
      expect(byRange.request.params.get('page')).toBe('1');
      byRange.flush(pageOf([]));
    } finally {
      vi.useRealTimers();
    }
  });

  it('says when no entry matches', async () => {
    const fixture = create();
    auditRequest().flush(pageOf([]));
    const root = await render(fixture);
    expect(root.querySelector('mq-empty')?.textContent).toContain('No staff actions match these filters');
    expect(root.querySelector('table')).toBeNull();
  });

  it('shows the API problem with a retry when the log cannot be loaded', async () => {
    const fixture = create();
    auditRequest().flush(
      { type: '/problems/validation', title: 'Validation failed', status: 400, detail: 'to: to must not be before from' },
      { status: 400, statusText: 'Bad Request' },
    );
    const root = await render(fixture);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('to must not be before from');
    root.querySelector<HTMLButtonElement>('mq-error button')!.click();
    auditRequest().flush(pageOf([entry({})]));
    fixture.detectChanges();
    expect((await render(fixture)).querySelector('table[aria-label="Audit log"]')).not.toBeNull();
  });
});
