import { computed, DestroyRef, inject, signal, type WritableSignal } from '@angular/core';
import { ActivatedRoute, Router, type Params } from '@angular/router';
import { errorMessage } from '../core/api/problem';
import type { ListState } from './list-view';

/** One page of a list, as every list route of the API answers it. */
export interface Page<T> {
  data: T[];
  meta: { page: number; limit: number; total: number; totalPages: number };
}

/** A list's filters: one text value per filter, '' when unset (what a form field and the URL hold). */
export type Filters = Record<string, string>;

export interface PageRequest<F extends Filters> {
  /** 1-based, as the API counts. */
  page: number;
  limit: number;
  filters: F;
}

export interface PagedListOptions<F extends Filters, T> {
  /** Every filter with its default ('' for none). */
  filters: F;
  load: (request: PageRequest<F>) => Promise<Page<T>>;
  /** Shown when a load fails without a problem detail from the API. */
  errorMessage: string;
  /** Keep the filters and the page in the URL's query (a reload or a shared link shows the same list). */
  inUrl?: boolean;
  pageSizes?: readonly number[];
  /** How long typing must pause before a debounced filter applies. */
  debounceMs?: number;
}

export const PAGE_SIZES: readonly number[] = [20, 50, 100];

/**
 * The state of one paged list — filters, page, the last answer, loading and error — for the
 * admin lists. Only the answer to the latest request is shown: an earlier answer that arrives late
 * is dropped. Create it in an injection context with `pagedList()`: its timer and pending answers
 * are dropped when that context is destroyed.
 */
export class PagedList<F extends Filters, T> {
  readonly pageSizes: readonly number[];
  readonly filters: WritableSignal<F>;
  readonly pageIndex = signal(0);
  readonly pageSize: WritableSignal<number>;
  /** The latest answer (kept while the next one loads). */
  readonly page = signal<Page<T> | null>(null);
  readonly error = signal<string | null>(null);
  readonly loading = signal(false);
  readonly rows = computed(() => this.page()?.data ?? []);
  readonly state = computed<ListState>(() => {
    if (this.error() !== null) return 'error';
    const page = this.page();
    if (page === null) return 'loading';
    return page.data.length === 0 ? 'empty' : 'ready';
  });

  private readonly defaults: F;
  private readonly debounceMs: number;
  private sequence = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;

  constructor(
    private readonly options: PagedListOptions<F, T>,
    private readonly onQuery: (query: Params) => void = () => undefined,
    initial: Params = {},
  ) {
    this.defaults = options.filters;
    this.pageSizes = options.pageSizes ?? PAGE_SIZES;
    this.debounceMs = options.debounceMs ?? 300;
    this.filters = signal({ ...this.defaults, ...pick(initial, Object.keys(this.defaults)) } as F);
    const limit = Number(initial['limit']);
    this.pageSize = signal(this.pageSizes.includes(limit) ? limit : this.pageSizes[0]);
    const page = Number(initial['page']);
    if (Number.isInteger(page) && page > 1) this.pageIndex.set(page - 1);
  }

  /** Changes filters and goes back to the first page; `debounce` waits for typing to pause. */
  setFilters(changes: Partial<F>, { debounce = false }: { debounce?: boolean } = {}): void {
    this.filters.update((filters) => ({ ...filters, ...changes }));
    this.pageIndex.set(0);
    clearTimeout(this.timer);
    if (debounce) this.timer = setTimeout(() => void this.reload(), this.debounceMs);
    else void this.reload();
  }

  setPage({ pageIndex, pageSize }: { pageIndex: number; pageSize: number }): void {
    this.pageIndex.set(pageSize === this.pageSize() ? pageIndex : 0);
    this.pageSize.set(pageSize);
    void this.reload();
  }

  /** Loads the current page with the current filters; a later call wins over an earlier one. */
  async reload(): Promise<void> {
    if (this.destroyed) return;
    clearTimeout(this.timer);
    const ticket = ++this.sequence;
    const request: PageRequest<F> = { page: this.pageIndex() + 1, limit: this.pageSize(), filters: this.filters() };
    this.onQuery(this.query(request));
    this.loading.set(true);
    try {
      const answer = await this.options.load(request);
      if (ticket !== this.sequence) return;
      if (answer.data.length === 0 && answer.meta.total > 0 && request.page > 1) {
        // Past the last page (a stale link, or rows removed meanwhile): show the last one.
        this.pageIndex.set(Math.max(0, answer.meta.totalPages - 1));
        return void (await this.reload());
      }
      this.page.set(answer);
      this.error.set(null);
    } catch (error) {
      if (ticket !== this.sequence) return;
      this.error.set(errorMessage(error, this.options.errorMessage));
    } finally {
      if (ticket === this.sequence) this.loading.set(false);
    }
  }

  /** Replaces rows in the shown page (after an action on one of them), without a reload. */
  updateRows(change: (row: T) => T): void {
    this.page.update((page) => (page ? { ...page, data: page.data.map(change) } : page));
  }

  /** Stops: no pending timer fires and no pending answer is shown. */
  destroy(): void {
    this.destroyed = true;
    this.sequence++;
    clearTimeout(this.timer);
  }

  /** The URL query of a request: only what differs from the defaults. */
  private query({ page, limit, filters }: PageRequest<F>): Params {
    const query: Params = { page: page > 1 ? page : null, limit: limit !== this.pageSizes[0] ? limit : null };
    for (const [key, value] of Object.entries(filters)) query[key] = value !== this.defaults[key] ? value : null;
    return query;
  }
}

/** Marks the navigations that write a list's query into the URL. */
const OWN_QUERY = 'pagedListQuery';

/**
 * A paged list bound to the calling component: destroyed with it and, with `inUrl`, reading its
 * first filters and page from the route's query and writing them back on every load.
 */
export function pagedList<F extends Filters, T>(options: PagedListOptions<F, T>): PagedList<F, T> {
  let list: PagedList<F, T>;
  if (options.inUrl) {
    const router = inject(Router);
    const route = inject(ActivatedRoute);
    const inUrl = (queryParams: Params) => {
      const current = route.snapshot.queryParams;
      if (Object.entries(queryParams).every(([key, value]) => (current[key] ?? null) === (value === null ? null : String(value)))) return;
      // Another navigation in flight (a link clicked while a debounced search waited) would be cancelled by this one.
      const inFlight = router.currentNavigation();
      if (inFlight !== null && inFlight.extras.state?.[OWN_QUERY] !== true) return;
      void router.navigate([], {
        relativeTo: route,
        queryParams,
        queryParamsHandling: 'merge',
        replaceUrl: true,
        state: { [OWN_QUERY]: true },
      });
    };
    list = new PagedList(options, inUrl, route.snapshot.queryParams);
  } else {
    list = new PagedList(options);
  }
  inject(DestroyRef).onDestroy(() => list.destroy());
  return list;
}

function pick(params: Params, keys: string[]): Filters {
  return Object.fromEntries(keys.filter((key) => typeof params[key] === 'string').map((key) => [key, params[key] as string]));
}
