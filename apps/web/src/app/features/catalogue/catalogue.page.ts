import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { SERVICE_CATEGORIES, type ServiceCategory } from '@marquee/contracts';
import type { PageMetaDto, ServicePageDto } from '@marquee/contracts/client';
import { servicesList, type ServicesList$Params } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../core/api/api-client';
import { errorMessage } from '../../core/api/problem';
import { Venue } from '../../core/venue/venue';
import { currencySymbol, fromMinorUnits, minorDigits, MoneyPipe, toMinorUnits } from '../../shared/money.pipe';
import { formatStart } from '../../shared/dates';
import { ServicePicture } from '../../shared/service-picture';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { categoryLabel } from './category-label';

const SORTS = [
  { value: 'name', label: 'Name (A–Z)' },
  { value: '-name', label: 'Name (Z–A)' },
  { value: 'priceCents', label: 'Price: low to high' },
  { value: '-priceCents', label: 'Price: high to low' },
  { value: '-createdAt', label: 'Newest first' },
] as const;

const PAGE_SIZES = [12, 24, 48];

/** Cards in the grid's first row at its widest (1200 px, cards of at least 260 px): their pictures load at once. */
const FIRST_ROW = 4;

function minorUnits(value: string | undefined): number | null {
  const parsed = value === undefined || value === '' ? NaN : Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : null;
}

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 1 ? parsed : fallback;
}

/** A price bound as typed (in the currency's units) → minor units for the URL and the API; null if none. */
export function priceBound(typed: string, currency: string): number | null {
  const amount = typed === '' ? NaN : Number(typed);
  return Number.isFinite(amount) && amount >= 0 ? toMinorUnits(amount, currency || 'USD') : null;
}

/** A price bound in minor units → the field's text, in the currency's units. */
export function priceInput(bound: number | null, currency: string): string {
  return bound === null ? '' : String(fromMinorUnits(bound, currency || 'USD'));
}

function sameQuery(a: CatalogueQuery, b: CatalogueQuery): boolean {
  return (Object.keys(a) as (keyof CatalogueQuery)[]).every((key) => a[key] === b[key]);
}

/** How long typing pauses before a text filter applies. */
const TYPING_PAUSE_MS = 300;

interface CatalogueQuery {
  search: string;
  category: ServiceCategory | '';
  /** The currency chosen to filter by (and to read the price bounds in). */
  currency: string;
  minPrice: number | null;
  maxPrice: number | null;
  sort: string;
  page: number;
  limit: number;
}

/** The public catalogue: search, category and price filters, sort, pages. */
@Component({
  selector: 'mq-catalogue-page',
  imports: [RouterLink, MoneyPipe, LoadingState, EmptyState, ErrorState, ServicePicture],
  templateUrl: './catalogue.page.html',
  styleUrl: './catalogue.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CataloguePage {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly venue = inject(Venue);
  private readonly typing = new Map<string, ReturnType<typeof setTimeout>>();
  private latest = 0;

  protected readonly categories = SERVICE_CATEGORIES;
  protected readonly sorts = SORTS;
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly categoryLabel = categoryLabel;
  protected readonly firstRow = FIRST_ROW;
  protected readonly formatStart = formatStart;
  /** Sessions start on the venue's clock (UTC until the venue has answered). */
  protected readonly venueZone = this.venue.timeZone;

  // The filters live in the URL (?q=&category=&currency=&minPrice=&maxPrice=&sort=&page=&limit=),
  // bound to these inputs by the router, so back/forward and shared links keep them.
  readonly q = input<string>();
  readonly category = input<string>();
  readonly currency = input<string>();
  readonly minPrice = input<string>();
  readonly maxPrice = input<string>();
  readonly sort = input<string>();
  readonly page = input<string>();
  readonly limit = input<string>();

  protected readonly result = signal<ServicePageDto | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);

  /** The currencies of the catalogue; a currency filter is offered when there are several. */
  protected readonly currencies = this.venue.currencies;
  protected readonly currencySymbol = currencySymbol;
  protected readonly priceBounds = [
    { param: 'minPrice', label: 'Min price' },
    { param: 'maxPrice', label: 'Max price' },
  ] as const;

  // Equal queries are one: the venue's answer recomputes this without changing it, and must not load again.
  protected readonly query = computed<CatalogueQuery>(
    () => {
      const category = this.category();
      const currency = /^[A-Z]{3}$/.test(this.currency() ?? '') ? (this.currency() as string) : '';
      // Prices of different currencies cannot be compared: with several, price bounds need one chosen.
      const priced = currency !== '' || this.currencies().length <= 1;
      return {
        search: this.q()?.trim() ?? '',
        category: SERVICE_CATEGORIES.includes(category as ServiceCategory) ? (category as ServiceCategory) : '',
        currency,
        minPrice: priced ? minorUnits(this.minPrice()) : null,
        maxPrice: priced ? minorUnits(this.maxPrice()) : null,
        sort: SORTS.some((option) => option.value === this.sort()) ? (this.sort() as string) : 'name',
        page: positive(this.page(), 1),
        limit: PAGE_SIZES.includes(positive(this.limit(), 12)) ? positive(this.limit(), 12) : 12,
      };
    },
    { equal: sameQuery },
  );

  /** The currency the price bounds are in: the chosen one, or the only one the catalogue uses. */
  protected readonly priceCurrency = computed(() => {
    const currencies = this.currencies();
    return this.query().currency || (currencies.length === 1 ? currencies[0] : '');
  });

  /** The price bounds' step: one minor unit of their currency (1 for JPY, 0.01 for USD). */
  protected readonly priceStep = computed(() => 10 ** -minorDigits(this.priceCurrency() || 'USD'));

  constructor() {
    // Asked beside the first page, not before it: the currencies only shape the price filters.
    this.venue.load().catch(() => undefined);
    effect(() => {
      const query = this.query();
      untracked(() => void this.load(query));
    });
    inject(DestroyRef).onDestroy(() => this.typing.forEach((timer) => clearTimeout(timer)));
  }

  protected onSearch(value: string): void {
    this.afterTyping('q', () => this.navigate({ q: value.trim() || null, page: null }));
  }

  protected onCurrency(value: string): void {
    this.navigate({ currency: value || null, page: null });
  }

  protected onCategory(value: string): void {
    this.navigate({ category: value || null, page: null });
  }

  /** Applies as you type, like the search; the URL has the bound in minor units, as the API takes it. */
  protected onPrice(which: 'minPrice' | 'maxPrice', value: string): void {
    const bound = priceBound(value, this.priceCurrency());
    this.afterTyping(which, () => this.navigate({ [which]: bound, page: null }));
  }

  protected onSort(value: string): void {
    this.navigate({ sort: value === 'name' ? null : value, page: null });
  }

  protected toPage(page: number): void {
    this.navigate({ page: page > 1 ? page : null });
  }

  protected onPageSize(limit: number): void {
    this.navigate({ page: null, limit: limit === 12 ? null : limit });
  }

  /** "13 – 24 of 40" */
  protected range(meta: PageMetaDto): string {
    const first = (meta.page - 1) * meta.limit + 1;
    return `${Math.min(first, meta.total)} – ${Math.min(meta.page * meta.limit, meta.total)} of ${meta.total}`;
  }

  protected reload(): void {
    void this.load(this.query());
  }

  protected priceInput(value: number | null): string {
    return priceInput(value, this.priceCurrency());
  }

  private afterTyping(field: string, apply: () => void): void {
    clearTimeout(this.typing.get(field));
    this.typing.set(field, setTimeout(apply, TYPING_PAUSE_MS));
  }

  private navigate(queryParams: Record<string, string | number | null>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }

  private async load(query: CatalogueQuery): Promise<void> {
    const ticket = ++this.latest;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.call(servicesList, {
        page: query.page,
        limit: query.limit,
        category: query.category || undefined,
        currency: query.currency || undefined,
        search: query.search || undefined,
        minPrice: query.minPrice ?? undefined,
        maxPrice: query.maxPrice ?? undefined,
        sort: (query.sort || undefined) as ServicesList$Params['sort'],
      });
      if (ticket === this.latest) this.result.set(page);
    } catch (error) {
      if (ticket === this.latest) this.error.set(errorMessage(error, 'The catalogue could not be loaded.'));
    } finally {
      if (ticket === this.latest) this.loading.set(false);
    }
  }
}
