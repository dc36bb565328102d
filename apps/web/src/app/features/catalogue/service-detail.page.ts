import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  type ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { BOOKING_LIMITS } from '@marquee/contracts';
import type { AvailabilityDayDto, ServiceDto } from '@marquee/contracts/client';
import { bookingsCreate, servicesAvailability, servicesGet } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../core/api/api-client';
import { applyFieldErrors, errorMessage, httpStatus, problemKind } from '../../core/api/problem';
import { AuthService } from '../../core/auth/auth.service';
import { formatDay } from '../../shared/dates';
import { formatMoney, MoneyPipe } from '../../shared/money.pipe';
import { ErrorState, LoadingState } from '../../shared/states';
import { carriedChoice, createBookingForm, dayLabel, fitsAvailability, validQuantity } from './booking-form';
import { ServicePicture } from '../../shared/service-picture';
import { categoryLabel } from './category-label';

/** One service: details, the next 30 days' availability, and the booking form. */
@Component({
  selector: 'mq-service-detail-page',
  imports: [ReactiveFormsModule, RouterLink, MoneyPipe, LoadingState, ErrorState, ServicePicture],
  templateUrl: './service-detail.page.html',
  styleUrl: './service-detail.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceDetailPage {
  private readonly api = inject(ApiClient);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** The route parameter. */
  readonly id = input.required<string>();
  /** A day and a number of places carried by the link (`?date=&places=`), e.g. back from logging in. */
  readonly date = input<string>();
  readonly places = input<string>();

  private readonly strip = viewChild<ElementRef<HTMLElement>>('strip');
  protected readonly stripAtStart = signal(true);
  protected readonly stripAtEnd = signal(false);

  protected readonly service = signal<ServiceDto | null>(null);
  protected readonly days = signal<AvailabilityDayDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly notFound = signal(false);
  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);

  protected readonly isLoggedIn = this.auth.isLoggedIn;
  protected readonly maxQuantity = BOOKING_LIMITS.maxQuantity;
  protected readonly categoryLabel = categoryLabel;
  protected readonly dayLabel = dayLabel;
  protected readonly formatDay = formatDay;

  protected readonly form = createBookingForm();
  private readonly formValue = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  private idempotencyKey = newKey();

  protected readonly selectedDay = computed(() => this.days().find((day) => day.date === this.formValue().bookingDate) ?? null);
  protected readonly total = computed(() => {
    const service = this.service();
    const quantity = this.formValue().quantity;
    return service && validQuantity(quantity) ? formatMoney(service.priceCents * quantity, service.currency) : null;
  });
  protected readonly bookable = computed(() => this.service()?.availabilityStatus === 'available');

  constructor() {
    this.form.addValidators(fitsAvailability(() => this.days()));
    // Whether the strip can scroll either way, once its days are drawn.
    afterRenderEffect(() => {
      this.days();
      this.onStripScroll();
    });
    effect(() => {
      const id = Number(this.id());
      untracked(() => void this.load(id));
    });
  }

  protected retry(): void {
    void this.load(Number(this.id()));
  }

  protected pick(day: AvailabilityDayDto): void {
    if (day.remaining <= 0) return;
    this.form.controls.bookingDate.setValue(day.date);
    this.form.controls.bookingDate.markAsTouched();
    this.formError.set(null);
  }

  /** Logging in comes back here with the chosen day and places. */
  protected readonly loginLink = computed(() => {
    const { bookingDate, quantity } = this.formValue();
    const params = new URLSearchParams();
    if (bookingDate) params.set('date', bookingDate);
    if (validQuantity(quantity)) params.set('places', String(quantity));
    const query = params.toString();
    return { returnUrl: `/services/${this.id()}${query ? `?${query}` : ''}` };
  });

  /** Scrolls the strip of days by most of its width, earlier (-1) or later (1). */
  protected scrollStrip(direction: -1 | 1): void {
    const strip = this.strip()?.nativeElement;
    strip?.scrollBy({ left: direction * Math.max(strip.clientWidth - 80, 80), behavior: 'smooth' });
  }

  protected onStripScroll(): void {
    const strip = this.strip()?.nativeElement;
    if (!strip) return;
    // A few pixels of slack: snapping to the first or last day stops at its margin, not at 0.
    this.stripAtStart.set(strip.scrollLeft <= 8);
    this.stripAtEnd.set(strip.scrollLeft + strip.clientWidth >= strip.scrollWidth - 8);
  }

  protected async book(): Promise<void> {
    const service = this.service();
    this.form.markAllAsTouched();
    if (!service || this.form.invalid || this.submitting()) return;
    this.submitting.set(true);
    this.formError.set(null);
    const { bookingDate, quantity, notes } = this.form.getRawValue();
    try {
      const booking = await this.api.call(bookingsCreate, {
        'idempotency-key': this.idempotencyKey,
        body: { serviceId: service.id, bookingDate, quantity: Number(quantity), ...(notes.trim() ? { notes: notes.trim() } : {}) },
      });
      this.idempotencyKey = newKey();
      await this.router.navigate(['/bookings', booking.id, 'confirmation']);
    } catch (error) {
      this.idempotencyKey = newKey();
      if (problemKind(error) === 'sold-out') {
        this.formError.set('Sorry, that day has just sold out (or has fewer places left). Pick another day or fewer places.');
        await this.loadAvailability(service.id);
      } else if (httpStatus(error) === 409) {
        this.formError.set(errorMessage(error));
        await this.loadAvailability(service.id);
      } else {
        const messages = applyFieldErrors(this.form, error, { serviceId: 'bookingDate' });
        this.formError.set(messages.join(' ') || null);
      }
    } finally {
      this.submitting.set(false);
    }
  }

  private async load(id: number): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    this.notFound.set(false);
    try {
      const [service] = await Promise.all([this.api.call(servicesGet, { id }), this.loadAvailability(id)]);
      this.form.patchValue(carriedChoice(this.days(), this.date(), this.places()));
      this.service.set(service);
    } catch (error) {
      if (httpStatus(error) === 404 || httpStatus(error) === 400) this.notFound.set(true);
      else this.loadError.set(errorMessage(error, 'This service could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }

  private async loadAvailability(id: number): Promise<void> {
    const days = await this.api.call(servicesAvailability, { id });
    this.days.set(days);
    const chosen = this.form.controls.bookingDate.value;
    if (chosen && !days.some((day) => day.date === chosen && day.remaining > 0)) this.form.controls.bookingDate.setValue('');
    this.form.updateValueAndValidity();
  }
}

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
