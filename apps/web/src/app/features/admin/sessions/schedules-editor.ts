import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ScheduleChangedDto, ScheduleCreatedDto, ScheduleDto } from '@marquee/contracts/client';
import { schedulesCreate, schedulesList, schedulesRemove, schedulesUpdate } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { applyFieldErrors, errorMessage } from '../../../core/api/problem';
import { Venue } from '../../../core/venue/venue';
import { Confirmer } from '../../../shared/confirm-dialog';
import { addDaysIso, DayPipe, todayIso } from '../../../shared/dates';
import { fieldMessage } from '../../../shared/form-errors';
import { plural } from '../../../shared/plural';
import { EmptyState, ErrorState, LoadingState } from '../../../shared/states';
import { previewSessions } from './weekly-pattern';

export const WEEKDAYS = [
  { day: 1, name: 'Monday' },
  { day: 2, name: 'Tuesday' },
  { day: 3, name: 'Wednesday' },
  { day: 4, name: 'Thursday' },
  { day: 5, name: 'Friday' },
  { day: 6, name: 'Saturday' },
  { day: 7, name: 'Sunday' },
] as const;

/** How many days ahead the preview shows. */
export const PREVIEW_DAYS = 14;

/** The API's answer to a saved schedule as a sentence: "Created 24 sessions; 2 with bookings kept." */
export function scheduleOutcome(answer: ScheduleCreatedDto | ScheduleChangedDto): string {
  const parts = [`Created ${plural(answer.created, 'session')}`];
  if ('removed' in answer && answer.removed > 0) parts[0] += `, removed ${answer.removed}`;
  if (answer.kept.length) parts.push(`${answer.kept.length} with bookings kept`);
  return `${parts.join('; ')}.`;
}

/** "Mon, Wed, Fri at 10:00, 14:00" */
export function describeSchedule(schedule: Pick<ScheduleDto, 'weekdays' | 'times'>): string {
  const days = schedule.weekdays.map((day) => WEEKDAYS[day - 1].name.slice(0, 3)).join(', ');
  return `${days} at ${schedule.times.join(', ')}`;
}

/** The weekly schedules of a service, an editor with a preview of the sessions it makes. */
@Component({
  selector: 'mq-schedules-editor',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    DayPipe,
    LoadingState,
    ErrorState,
    EmptyState,
  ],
  templateUrl: './schedules-editor.html',
  styleUrl: './sessions-admin.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SchedulesEditor {
  private readonly api = inject(ApiClient);
  private readonly confirmer = inject(Confirmer);
  protected readonly venue = inject(Venue);

  readonly serviceId = input.required<number>();
  /** A schedule was saved or deleted: the sessions changed. */
  readonly changed = output();

  protected readonly weekdayList = WEEKDAYS;
  protected readonly previewDays = PREVIEW_DAYS;
  protected readonly describe = describeSchedule;
  protected readonly message = fieldMessage;
  protected readonly schedules = signal<ScheduleDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly outcome = signal<string | null>(null);
  /** The schedule being edited; null: the form makes a new one. */
  protected readonly editing = signal<ScheduleDto | null>(null);
  protected readonly weekdays = signal<number[]>([]);
  protected readonly times = signal<string[]>([]);
  protected readonly submitted = signal(false);
  protected readonly newTime = new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^([01]\d|2[0-3]):[0-5]\d$/)] });
  protected readonly form = new FormGroup({
    startsOn: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    endsOn: new FormControl('', { nonNullable: true }),
    capacity: new FormControl<number | null>(null, {
      validators: [Validators.min(1), Validators.max(100_000), Validators.pattern(/^\d+$/)],
    }),
  });
  private readonly dates = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  private readonly today = signal(todayIso());

  /** The sessions the form's pattern makes over the next two weeks, on the venue's clock. */
  protected readonly preview = computed(() => {
    const { startsOn, endsOn } = this.dates();
    if (!startsOn || !this.weekdays().length || !this.times().length) return [];
    const today = this.today();
    const pattern = { weekdays: this.weekdays(), times: this.times(), startsOn, endsOn: endsOn || null };
    return previewSessions(pattern, today, addDaysIso(today, PREVIEW_DAYS - 1), this.venue.timeZone());
  });

  constructor() {
    effect(() => {
      this.serviceId();
      untracked(() => void this.load());
    });
    void this.venue.today().then((today) => {
      this.today.set(today);
      if (!this.form.controls.startsOn.value) this.form.controls.startsOn.setValue(today);
    });
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      this.schedules.set(await this.api.call(schedulesList, { id: this.serviceId() }));
    } catch (error) {
      this.loadError.set(errorMessage(error, 'The schedules could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }

  protected toggleWeekday(day: number, checked: boolean): void {
    this.weekdays.update((days) => (checked ? [...days, day].sort((a, b) => a - b) : days.filter((d) => d !== day)));
  }

  protected addTime(): void {
    const time = this.newTime.value;
    if (!time || this.newTime.invalid) return;
    this.times.update((times) => (times.includes(time) ? times : [...times, time].sort()));
    this.newTime.reset();
  }

  protected removeTime(time: string): void {
    this.times.update((times) => times.filter((t) => t !== time));
  }

  protected edit(schedule: ScheduleDto | null): void {
    this.editing.set(schedule);
    this.formError.set(null);
    this.outcome.set(null);
    this.submitted.set(false);
    this.weekdays.set(schedule ? [...schedule.weekdays] : []);
    this.times.set(schedule ? [...schedule.times] : []);
    this.form.reset({ startsOn: schedule?.startsOn ?? this.today(), endsOn: schedule?.endsOn ?? '', capacity: schedule?.capacity ?? null });
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    this.form.markAllAsTouched();
    if (this.form.invalid || !this.weekdays().length || !this.times().length || this.busy()) return;
    const value = this.form.getRawValue();
    const body = {
      weekdays: this.weekdays(),
      times: this.times(),
      startsOn: value.startsOn,
      endsOn: value.endsOn || null,
      capacity: value.capacity === null || String(value.capacity) === '' ? null : Number(value.capacity),
    };
    const editing = this.editing();
    if (editing && !(await this.confirmChange(editing, body))) return;
    this.busy.set(true);
    this.formError.set(null);
    try {
      const answer = editing
        ? await this.api.call(schedulesUpdate, { id: editing.id, body })
        : await this.api.call(schedulesCreate, { id: this.serviceId(), body });
      this.edit(null);
      this.outcome.set(scheduleOutcome(answer));
      this.changed.emit();
      await this.load();
    } catch (error) {
      this.formError.set(applyFieldErrors(this.form, error).join(' ') || null);
    } finally {
      this.busy.set(false);
    }
  }

  /** A change replaces the schedule's future sessions that have no bookings: ask first. */
  private confirmChange(schedule: ScheduleDto, next: Pick<ScheduleDto, 'weekdays' | 'times'>): Promise<boolean> {
    return this.confirmer.confirm({
      title: 'Change this schedule?',
      message: `${describeSchedule(schedule)} becomes ${describeSchedule(next)}: its future sessions without bookings are made again; those with bookings stay.`,
      confirmLabel: 'Change schedule',
      cancelLabel: 'Keep it',
    });
  }

  protected async remove(schedule: ScheduleDto): Promise<void> {
    const ok = await this.confirmer.confirm({
      title: 'Delete this schedule?',
      message: `${describeSchedule(schedule)}: its future sessions without bookings go; those with bookings stay.`,
      confirmLabel: 'Delete schedule',
      cancelLabel: 'Keep',
    });
    if (!ok) return;
    this.busy.set(true);
    this.outcome.set(null);
    try {
      await this.api.call(schedulesRemove, { id: schedule.id });
      if (this.editing()?.id === schedule.id) this.edit(null);
      this.outcome.set('Schedule deleted.');
      this.changed.emit();
    } catch (error) {
      this.formError.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
    await this.load();
  }
}
