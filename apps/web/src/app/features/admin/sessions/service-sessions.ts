import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { SessionDto } from '@marquee/contracts/client';
import { zonedInstant } from '@marquee/contracts';
import { attendeesList$Json, sessionsCreate, sessionsList, sessionsUpdate } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { errorMessage, httpStatus } from '../../../core/api/problem';
import { AuthService } from '../../../core/auth/auth.service';
import { Venue } from '../../../core/venue/venue';
import { Confirmer } from '../../../shared/confirm-dialog';
import { addDaysIso, DayPipe, formatDay } from '../../../shared/dates';
import { plural } from '../../../shared/plural';
import { ListView, listState } from '../../../shared/list-view';

/** Window lengths the list offers (the API answers at most 92 dates). */
export const SESSION_WINDOWS = [7, 14, 30, 92] as const;

/** What cancelling a session takes with it, as the confirmation says it. */
export function cancellationMessage(session: Pick<SessionDto, 'booked'>, bookings: number | null): string {
  if (session.booked === 0) return 'Nobody has booked it yet. It is no longer sold.';
  const places = plural(session.booked, 'place');
  const what = bookings === null ? `the bookings holding ${places}` : `${plural(bookings, 'booking')} (${places})`;
  return `This cancels ${what} and tells each customer.`;
}

/** The sessions of a service over a chosen window: capacity, places, cancellation, attendees. */
@Component({
  selector: 'mq-service-sessions',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    DayPipe,
    ListView,
  ],
  templateUrl: './service-sessions.html',
  styleUrl: './sessions-admin.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceSessions {
  private readonly api = inject(ApiClient);
  private readonly confirmer = inject(Confirmer);
  private readonly snackBar = inject(MatSnackBar);
  private readonly venue = inject(Venue);
  protected readonly auth = inject(AuthService);

  readonly serviceId = input.required<number>();

  protected readonly windows = SESSION_WINDOWS;
  protected readonly columns = ['date', 'time', 'capacity', 'booked', 'remaining', 'status', 'actions'];
  protected readonly range = new FormGroup({
    from: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    days: new FormControl<number>(14, { nonNullable: true }),
  });
  protected readonly sessions = signal<SessionDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly state = listState(this.loading, this.loadError, this.sessions);
  protected readonly busy = signal(false);
  /** The session whose capacity is being changed. */
  protected readonly editing = signal<number | null>(null);
  protected readonly capacityForm = new FormGroup({
    capacity: new FormControl<number | null>(null, { validators: [Validators.required, Validators.min(1), Validators.pattern(/^\d+$/)] }),
  });
  private readonly capacity = this.capacityForm.controls.capacity;
  protected readonly capacityError = signal<string | null>(null);
  /** A session outside any schedule: a date and a local time in the venue's zone, places optional. */
  protected readonly oneOff = new FormGroup({
    date: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    time: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    capacity: new FormControl<number | null>(null, { validators: [Validators.min(1), Validators.pattern(/^\d+$/)] }),
  });
  protected readonly oneOffError = signal<string | null>(null);

  constructor() {
    effect(() => {
      this.serviceId();
      untracked(() => void this.start());
    });
  }

  private async start(): Promise<void> {
    const from = this.range.controls.from;
    if (!from.value) from.setValue(await this.venue.today());
    await this.load();
  }

  async load(): Promise<void> {
    if (this.range.invalid) return;
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const { from, days } = this.range.getRawValue();
      this.sessions.set(await this.api.call(sessionsList, { id: this.serviceId(), from, to: addDaysIso(from, days - 1) }));
    } catch (error) {
      this.loadError.set(errorMessage(error, 'The sessions could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }

  protected editCapacity(session: SessionDto | null): void {
    this.editing.set(session?.id ?? null);
    this.capacityError.set(null);
    this.capacity.reset(session?.capacity ?? null);
  }

  protected async saveCapacity(session: SessionDto): Promise<void> {
    this.capacity.markAsTouched();
    if (this.capacity.invalid || this.busy()) return;
    this.busy.set(true);
    this.capacityError.set(null);
    try {
      await this.api.call(sessionsUpdate, { id: session.id, body: { capacity: Number(this.capacity.value) } });
      this.snackBar.open('Capacity changed', 'OK', { duration: 4000 });
      this.editCapacity(null);
      await this.load();
    } catch (error) {
      this.capacityError.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  /** Adds the one-off session, then shows the window that starts on its day. */
  protected async addOneOff(): Promise<void> {
    this.oneOff.markAllAsTouched();
    if (this.oneOff.invalid || this.busy()) return;
    const { date, time, capacity } = this.oneOff.getRawValue();
    this.busy.set(true);
    this.oneOffError.set(null);
    try {
      const startsAt = zonedInstant(date, time, this.venue.timeZone()).toISOString();
      await this.api.call(sessionsCreate, {
        id: this.serviceId(),
        body: { startsAt, ...(capacity !== null && String(capacity) !== '' && { capacity: Number(capacity) }) },
      });
      this.snackBar.open(`Session added on ${formatDay(date)} at ${time}`, 'OK', { duration: 4000 });
      this.oneOff.reset();
      this.range.controls.from.setValue(date);
      await this.load();
    } catch (error) {
      this.oneOffError.set(
        httpStatus(error) === 409
          ? `There is already a session on ${formatDay(date)} at ${time}.`
          : errorMessage(error, 'The session could not be added.'),
      );
    } finally {
      this.busy.set(false);
    }
  }

  protected async cancel(session: SessionDto): Promise<void> {
    const ok = await this.confirmer.confirm({
      title: `Cancel the session on ${formatDay(session.localDate)} at ${session.localTime}?`,
      message: cancellationMessage(session, await this.confirmedBookings(session)),
      confirmLabel: 'Cancel session',
      cancelLabel: 'Keep it',
    });
    if (!ok) return;
    this.busy.set(true);
    try {
      await this.api.call(sessionsUpdate, { id: session.id, body: { status: 'cancelled' } });
      this.snackBar.open('Session cancelled', 'OK', { duration: 4000 });
      await this.load();
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 6000 });
    } finally {
      this.busy.set(false);
    }
  }

  /** How many confirmed bookings the session holds; null when they cannot be read (no permission, an error). */
  private async confirmedBookings(session: SessionDto): Promise<number | null> {
    if (session.booked === 0 || !this.auth.can('bookings:read:any')) return null;
    try {
      const attendees = await this.api.call(attendeesList$Json, { id: session.id });
      return attendees.filter((attendee) => attendee.status === 'confirmed').length;
    } catch {
      return null;
    }
  }
}
