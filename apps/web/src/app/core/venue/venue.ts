import { computed, inject, Injectable, signal } from '@angular/core';
import type { VenueDto } from '@marquee/contracts/client';
import { venueGet } from '@marquee/contracts/client/functions';
import { ApiClient } from '../api/api-client';
import { todayIso } from '../../shared/dates';

/**
 * The venue as the API describes it (GET /api/venue): its time zone, in which booking dates are
 * calendar days, and the currencies its catalogue uses. Asked once; UTC and no currencies until then.
 */
@Injectable({ providedIn: 'root' })
export class Venue {
  private readonly api = inject(ApiClient);
  private readonly answer = signal<VenueDto | null>(null);
  private loading: Promise<VenueDto> | null = null;

  readonly timeZone = computed(() => this.answer()?.timeZone ?? 'UTC');
  readonly currencies = computed(() => this.answer()?.currencies ?? []);

  /** Loads the venue once (again after a failure); answers it. */
  load(): Promise<VenueDto> {
    this.loading ??= this.api.call(venueGet, undefined).then(
      (venue) => {
        this.answer.set(venue);
        return venue;
      },
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }

  /** Today's date at the venue (in UTC, the API's default, if the venue cannot be asked). */
  async today(): Promise<string> {
    await this.load().catch(() => undefined);
    return todayIso(new Date(), this.timeZone());
  }
}
