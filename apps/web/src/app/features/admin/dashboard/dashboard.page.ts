import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { BookingStatsDto } from '@marquee/contracts/client';
import { statsBookings } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { errorMessage } from '../../../core/api/problem';
import { addDaysIso, todayIso } from '../../../shared/dates';
import { AmountsPipe } from '../../../shared/amounts.pipe';
import { MoneyPipe } from '../../../shared/money.pipe';
import { PluralPipe } from '../../../shared/plural';
import { EmptyState, ErrorState, LoadingState } from '../../../shared/states';
import { TableScroll } from '../../../shared/table-scroll';

const CHART_HEIGHT = 160;

/**
 * Totals for the last 30 days and the next 30, bookings per day as a bar chart, top services.
 * Revenue is shown per currency, never summed across currencies.
 */
@Component({
  selector: 'mq-dashboard-page',
  imports: [MoneyPipe, AmountsPipe, PluralPipe, LoadingState, ErrorState, EmptyState, TableScroll],
  templateUrl: './dashboard.page.html',
  styleUrl: './dashboard.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  private readonly api = inject(ApiClient);

  protected readonly stats = signal<BookingStatsDto | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly chartHeight = CHART_HEIGHT;

  protected readonly bars = computed(() => {
    const days = this.stats()?.byDay ?? [];
    const max = Math.max(1, ...days.map((day) => day.bookings));
    const width = days.length ? 100 / days.length : 100;
    return days.map((day, index) => ({
      ...day,
      x: index * width,
      width: Math.max(width - 0.6, 0.4),
      height: (day.bookings / max) * (CHART_HEIGHT - 20),
    }));
  });
  protected readonly peak = computed(() => Math.max(0, ...(this.stats()?.byDay ?? []).map((day) => day.bookings)));

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    const today = todayIso();
    try {
      this.stats.set(await this.api.call(statsBookings, { from: addDaysIso(today, -29), to: addDaysIso(today, 30) }));
    } catch (error) {
      this.error.set(errorMessage(error, 'The statistics could not be loaded.'));
    }
  }
}
