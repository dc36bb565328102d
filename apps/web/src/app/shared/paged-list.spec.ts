import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { pagedList, type Page, type PagedList, type PageRequest } from './paged-list';
import { PagedListView } from './paged-list-view';

type Row = { id: number; name: string };
type RowFilters = { search: string; status: string };

function pageOf(data: Row[], page = 1, total = data.length): Page<Row> {
  return { data, meta: { page, limit: 20, total, totalPages: Math.ceil(total / 20) } };
}

/** A load whose answers the test hands out, in any order. */
function controlledLoad() {
  const calls: { request: PageRequest<RowFilters>; resolve: (page: Page<Row>) => void; reject: (error: unknown) => void }[] = [];
  const load = (request: PageRequest<RowFilters>) =>
    new Promise<Page<Row>>((resolve, reject) => {
      calls.push({ request, resolve, reject });
    });
  return { calls, load };
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

@Component({
  selector: 'mq-test-list',
  imports: [PagedListView],
  template: `
    <mq-paged-list [list]="list" label="Rows" emptyTitle="No rows match" emptyHint="Change the search.">
      <input filters aria-label="Search" />
      <table aria-label="Rows">
        @for (row of list.rows(); track row.id) {
          <tr>
            <td>{{ row.name }}</td>
          </tr>
        }
      </table>
    </mq-paged-list>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class TestList {
  static load: (request: PageRequest<RowFilters>) => Promise<Page<Row>>;
  readonly list = pagedList({ filters: { search: '', status: '' }, load: TestList.load, errorMessage: 'The rows could not be loaded.' });
}

describe('PagedList', () => {
  let loads: ReturnType<typeof controlledLoad>;

  function create(options: { inUrl?: boolean } = {}): PagedList<RowFilters, Row> {
    return TestBed.runInInjectionContext(() =>
      pagedList({ filters: { search: '', status: '' }, load: loads.load, errorMessage: 'The rows could not be loaded.', ...options }),
    );
  }

  beforeEach(() => {
    loads = controlledLoad();
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
  });

  afterEach(() => vi.useRealTimers());

  it('is loading until the first answer, then ready or empty', async () => {
    const list = create();
    void list.reload();
    expect(list.state()).toBe('loading');
    expect(list.loading()).toBe(true);
    loads.calls[0].resolve(pageOf([{ id: 1, name: 'One' }]));
    await settle();
    expect(list.state()).toBe('ready');
    expect(list.loading()).toBe(false);
    expect(list.rows()).toEqual([{ id: 1, name: 'One' }]);

    list.setFilters({ status: 'gone' });
    expect(list.loading()).toBe(true);
    expect(list.state()).toBe('ready');
    loads.calls[1].resolve(pageOf([]));
    await settle();
    expect(list.state()).toBe('empty');
  });

  it('drops a slow earlier answer that arrives after a newer one', async () => {
    const list = create();
    void list.reload();
    list.setFilters({ search: 'new' });
    expect(loads.calls.map((call) => call.request.filters.search)).toEqual(['', 'new']);

    loads.calls[1].resolve(pageOf([{ id: 2, name: 'Newer' }]));
    await settle();
    loads.calls[0].resolve(pageOf([{ id: 1, name: 'Older' }]));
    await settle();
    expect(list.rows()).toEqual([{ id: 2, name: 'Newer' }]);
    expect(list.loading()).toBe(false);

    // A late failure of an earlier request does not replace the newer answer either.
    list.setFilters({ search: 'x' });
    list.setFilters({ search: 'xy' });
    loads.calls[3].resolve(pageOf([{ id: 3, name: 'Latest' }]));
    await settle();
    loads.calls[2].reject(new Error('too late'));
    await settle();
    expect(list.state()).toBe('ready');
    expect(list.rows()).toEqual([{ id: 3, name: 'Latest' }]);
  });

  it('shows the API problem as the error, and clears it when a retry succeeds', async () => {
    const list = create();
    void list.reload();
    loads.calls[0].reject(
      new HttpErrorResponse({
        status: 400,
        error: { type: '/problems/validation', title: 'Validation failed', status: 400, detail: 'to must not be before from' },
      }),
    );
    await settle();
    expect(list.state()).toBe('error');
    expect(list.error()).toBe('To must not be before from.');

    void list.reload();
    loads.calls[1].reject(new Error('no detail'));
    await settle();
    expect(list.error()).toBe('The rows could not be loaded.');

    void list.reload();
    loads.calls[2].resolve(pageOf([{ id: 1, name: 'One' }]));
    await settle();
    expect(list.state()).toBe('ready');
    expect(list.error()).toBeNull();
  });

  it('waits for typing to pause on a debounced filter, and restarts from the first page', async () => {
    vi.useFakeTimers();
    const list = create();
    list.setPage({ pageIndex: 2, pageSize: 20 });
    expect(loads.calls[0].request).toEqual({ page: 3, limit: 20, filters: { search: '', status: '' } });
    list.setFilters({ search: 'a' }, { debounce: true });
    list.setFilters({ search: 'ab' }, { debounce: true });
    await vi.advanceTimersByTimeAsync(299);
    expect(loads.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(loads.calls).toHaveLength(2);
    expect(loads.calls[1].request).toEqual({ page: 1, limit: 20, filters: { search: 'ab', status: '' } });

    // A filter that applies at once takes the typed text with it, and the pending timer is cleared.
    list.setFilters({ search: 'abc' }, { debounce: true });
    list.setFilters({ status: 'open' });
    expect(loads.calls[2].request.filters).toEqual({ search: 'abc', status: 'open' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(loads.calls).toHaveLength(3);
  });

  it('clears its timer and drops pending answers when its component is destroyed', async () => {
    vi.useFakeTimers();
    TestList.load = loads.load;
    const fixture = TestBed.createComponent(TestList);
    const list = fixture.componentInstance.list;
    void list.reload();
    const timers = vi.getTimerCount();
    list.setFilters({ search: 'typed' }, { debounce: true });
    expect(vi.getTimerCount()).toBe(timers + 1);
    fixture.destroy();
    expect(vi.getTimerCount()).toBe(timers);
    await vi.advanceTimersByTimeAsync(1000);
    expect(loads.calls).toHaveLength(1);
    loads.calls[0].resolve(pageOf([{ id: 1, name: 'Late' }]));
    await vi.advanceTimersByTimeAsync(0);
    expect(list.page()).toBeNull();
    void list.reload();
    expect(loads.calls).toHaveLength(1);
  });

  it('keeps the filters and the page in the URL and starts from them', async () => {
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/?search=jazz&page=3&limit=50&other=kept');
    const list = create({ inUrl: true });
    expect(list.filters()).toEqual({ search: 'jazz', status: '' });
    const navigate = vi.spyOn(router, 'navigate');
    void list.reload();
    expect(loads.calls[0].request).toEqual({ page: 3, limit: 50, filters: { search: 'jazz', status: '' } });
    expect(navigate).not.toHaveBeenCalled(); // the URL already says so: no second navigation
    loads.calls[0].resolve(pageOf([{ id: 1, name: 'One' }], 3, 120));
    await settle();

    list.setFilters({ status: 'open' });
    await settle();
    expect(router.url).toBe('/?search=jazz&limit=50&other=kept&status=open');
    list.setFilters({ search: '' });
    list.setPage({ pageIndex: 1, pageSize: 50 });
    await settle();
    expect(router.url).toBe('/?limit=50&other=kept&status=open&page=2');
  });

  it('does not write its query over a navigation in flight (a link clicked while a debounced search waits)', async () => {
    let leave!: (allowed: boolean) => void;
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'next', canActivate: [() => new Promise<boolean>((resolve) => (leave = resolve))], children: [] }]),
      ],
    });
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/');
    const list = create({ inUrl: true });
    list.setFilters({ search: 'ja' }, { debounce: true });
    const leaving = router.navigateByUrl('/next');
    await new Promise((resolve) => setTimeout(resolve, 350)); // the search's pause ends while the navigation waits
    leave(true);
    expect(await leaving).toBe(true);
    expect(router.url).toBe('/next');
  });

  it('goes to the last page when the one asked for is past it', async () => {
    const list = create();
    list.setPage({ pageIndex: 9, pageSize: 20 });
    loads.calls[0].resolve(pageOf([], 10, 30));
    await settle();
    expect(loads.calls[1].request.page).toBe(2);
    loads.calls[1].resolve(pageOf([{ id: 21, name: 'Twenty-one' }], 2, 30));
    await settle();
    expect(list.state()).toBe('ready');
    expect(list.pageIndex()).toBe(1);
  });
});

describe('PagedListView', () => {
  it('shows the loading, error, empty and table states of its list, with the filters always there', async () => {
    const loads = controlledLoad();
    TestList.load = loads.load;
    const fixture = TestBed.createComponent(TestList);
    const list = fixture.componentInstance.list;
    const root = fixture.nativeElement as HTMLElement;
    const render = async () => {
      await settle();
      fixture.detectChanges();
    };
    void list.reload();
    await render();
    expect(root.querySelector('mq-loading')).not.toBeNull();
    expect(root.querySelector('[role="group"] input[aria-label="Search"]')).not.toBeNull();

    loads.calls[0].reject(new Error('down'));
    await render();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('The rows could not be loaded.');
    root.querySelector<HTMLButtonElement>('mq-error button')!.click();
    expect(loads.calls).toHaveLength(2);

    loads.calls[1].resolve(pageOf([]));
    await render();
    expect(root.querySelector('mq-empty')?.textContent).toContain('No rows match');
    expect(root.querySelector('table')).toBeNull();

    list.setFilters({ search: 'o' });
    loads.calls[2].resolve(pageOf([{ id: 1, name: 'One' }], 1, 41));
    await render();
    expect(root.querySelector('mq-empty')).toBeNull();
    expect([...root.querySelectorAll('td')].map((cell) => cell.textContent?.trim())).toEqual(['One']);
    expect(root.querySelector('[role="region"][aria-label="Rows"] table')).not.toBeNull();
    expect(root.querySelector('mat-paginator')?.textContent).toContain('1 – 20 of 41');
    expect(root.querySelector('[role="group"] input[aria-label="Search"]')).not.toBeNull();
  });
});
