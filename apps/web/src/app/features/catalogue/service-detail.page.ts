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
import type { AvailabilityDayDto, ServiceDto, SessionDto, TicketTypeDto } from '@marquee/contracts/client';
import { bookingsCreate, servicesAvailability, servicesGet, sessionsList, ticketTypesList } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../core/api/api-client';
import { applyFieldErrors, errorMessage, httpStatus, problemKind } from '../../core/api/problem';
import { AuthService } from '../../core/auth/auth.service';
import { ChoiceButton } from '../../shared/choice-button';
import { formatDay } from '../../shared/dates';
import { formatMoney, MoneyPipe } from '../../shared/money.pipe';
import { ErrorState, LoadingState } from '../../shared/states';
import {
  bookingRequest,
  bookingTotal,
  carriedChoice,
  choiceParams,
  createBookingForm,
  dayLabel,
  dayLeft,
  fitsAvailability,
  offerChoices,
  TIME_STATE_LABELS,
  timesOn,
  timeState,
  type BookingValue,
  type TimeState,
} from './booking-form';
import { plural } from '../../shared/plural';
import { ServicePicture } from '../../shared/service-picture';
import { categoryLabel } from './category-label';

/** One service: details, the next 30 days' availability, its times and ticket types, and the booking form. */
@Component({
  selector: 'mq-service-detail-page',
  imports: [ReactiveFormsModule, RouterLink, MoneyPipe, LoadingState, ErrorState, ServicePicture, ChoiceButton],
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
  /** A day, a time and places carried by the link (`?date=&session=&places=` or `&tickets=`), e.g. back from logging in. */
  readonly date = input<string>();
  readonly session = input<string>();
  readonly places = input<string>();
  readonly tickets = input<string>();

  private readonly strip = viewChild<ElementRef<HTMLElement>>('strip');
  protected readonly stripAtStart = signal(true);
  protected readonly stripAtEnd = signal(false);

  protected readonly service = signal<ServiceDto | null>(null);
  protected readonly days = signal<AvailabilityDayDto[]>([]);
  protected readonly sessions = signal<SessionDto[]>([]);
  /** The ticket types on sale, in selling order. */
  protected readonly types = signal<TicketTypeDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly notFound = signal(false);
  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);

  protected readonly isLoggedIn = this.auth.isLoggedIn;
  protected readonly maxQuantity = BOOKING_LIMITS.maxQuantity;
  protected readonly categoryLabel = categoryLabel;
  protected readonly dayLabel = dayLabel;
  protected readonly dayLeft = dayLeft;
  protected readonly formatDay = formatDay;

  protected readonly form = createBookingForm();
  private readonly formValue = toSignal(this.form.valueChanges, { initialValue: this.form.value as BookingValue });
  private idempotencyKey = newKey();

  protected readonly selectedDay = computed(() => this.days().find((day) => day.date === this.formValue().bookingDate) ?? null);
  /** A service with timed sessions books a time; one without books a day, as before. */
  protected readonly timed = computed(() => this.sessions().some((session) => !session.allDay));
  /** Several types on sale: a number of tickets per type; one: a number of places. */
  protected readonly byTickets = computed(() => this.types().length > 1);
  /** The lowest ticket price when types differ in price ("From $8.00"); null: one price per place. */
  protected readonly fromPrice = computed(() => {
    const prices = this.types().map((type) => type.priceCents);
    return new Set(prices).size > 1 ? Math.min(...prices) : null;
  });
  /** The chosen day's times, each with whether it can be booked. */
  protected readonly times = computed(() => {
    const date = this.formValue().bookingDate;
    const salesClose = this.service()?.salesCloseMinutes ?? 0;
    return date ? timesOn(this.sessions(), date).map((session) => timeChoice(session, timeState(session, salesClose))) : [];
  });
  protected readonly selectedTime = computed(() => this.sessions().find((session) => session.id === this.formValue().sessionId) ?? null);
  protected readonly total = computed(() => {
    const service = this.service();
    const cents = service ? bookingTotal(this.formValue(), this.types(), service.priceCents) : null;
    return service && cents !== null ? formatMoney(cents, service.currency) : null;
  });
  protected readonly bookable = computed(() => this.service()?.availabilityStatus === 'available');

  constructor() {
    this.form.addValidators(
      fitsAvailability(
        () => this.days(),
        () => this.sessions(),
      ),
    );
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
    const { bookingDate, sessionId } = this.form.controls;
    // Another day's times are other sessions: the time is chosen again.
    if (bookingDate.value !== day.date) sessionId.setValue(null);
    bookingDate.setValue(day.date);
    bookingDate.markAsTouched();
    this.formError.set(null);
  }

  protected pickTime(session: SessionDto): void {
    if (timeState(session, this.service()?.salesCloseMinutes ?? 0) !== 'open') return;
    this.form.controls.sessionId.setValue(session.id);
    this.form.controls.sessionId.markAsTouched();
    this.formError.set(null);
  }

  /** Logging in comes back here with the chosen day, time and places. */
  protected readonly loginLink = computed(() => {
    const query = new URLSearchParams({ ...choiceParams(this.formValue()) }).toString();
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
    try {
      const booking = await this.api.call(bookingsCreate, {
        'idempotency-key': this.idempotencyKey,
        body: bookingRequest(service.id, this.form.value),
      });
      this.idempotencyKey = newKey();
      await this.router.navigate(['/bookings', booking.id, 'confirmation']);
    } catch (error) {
      this.idempotencyKey = newKey();
      if (problemKind(error) === 'sold-out') {
        const when = this.timed() ? 'time' : 'day';
        this.formError.set(`Sorry, that ${when} has just sold out (or has fewer places left). Pick another ${when} or fewer places.`);
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
      const [service, types] = await Promise.all([
        this.api.call(servicesGet, { id }),
        this.api.call(ticketTypesList, { id }),
        this.loadAvailability(id),
      ]);
      const onSale = types.filter((type) => type.isActive);
      this.types.set(onSale);
      offerChoices(this.form, this.timed(), onSale);
      const carried = { date: this.date(), session: this.session(), places: this.places(), tickets: this.tickets() };
      const offer = { days: this.days(), sessions: this.sessions(), types: onSale, salesCloseMinutes: service.salesCloseMinutes };
      this.form.patchValue(carriedChoice(offer, carried));
      this.service.set(service);
    } catch (error) {
      if (httpStatus(error) === 404 || httpStatus(error) === 400) this.notFound.set(true);
      else this.loadError.set(errorMessage(error, 'This service could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }

  /** The days and sessions on offer, read again after a booking was refused; a choice no longer on offer is dropped. */
  private async loadAvailability(id: number): Promise<void> {
    const [days, sessions] = await Promise.all([this.api.call(servicesAvailability, { id }), this.api.call(sessionsList, { id })]);
    this.days.set(days);
    this.sessions.set(sessions);
    const { bookingDate, sessionId } = this.form.controls;
    if (bookingDate.value && !days.some((day) => day.date === bookingDate.value && day.remaining > 0)) bookingDate.setValue('');
    const time = sessions.find((session) => session.id === sessionId.value);
    if (sessionId.value && (!time || timeState(time, this.service()?.salesCloseMinutes ?? 0) !== 'open')) sessionId.setValue(null);
    this.form.updateValueAndValidity();
  }
}

/** A time as the list of times shows it: "3 left" or why it cannot be booked ("Sold out"), and the same for screen readers. */
function timeChoice(session: SessionDto, state: TimeState) {
  const open = state === 'open';
  return {
    session,
    open,
    label: open ? `${session.remaining} left` : TIME_STATE_LABELS[state],
    state: open ? `${plural(session.remaining, 'place')} left` : TIME_STATE_LABELS[state].toLowerCase(),
  };
}

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
