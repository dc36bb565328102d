import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { AttendeeDto } from '@marquee/contracts/client';
import { attendeesList$Csv, attendeesList$Json } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { errorMessage } from '../../../core/api/problem';
import { Venue } from '../../../core/venue/venue';
import { formatMoment } from '../../../shared/dates';
import { download } from '../../../shared/download';
import { ListView, listState } from '../../../shared/list-view';

/** "2 × Adult, 1 × Child" */
export function ticketSummary(attendee: Pick<AttendeeDto, 'tickets'>): string {
  return attendee.tickets.map((ticket) => `${ticket.quantity} × ${ticket.name}`).join(', ');
}

/** `/admin/sessions/:id/attendees`: who booked a session, and the same as a CSV file. */
@Component({
  selector: 'mq-attendees-page',
  imports: [RouterLink, MatButtonModule, MatTableModule, ListView],
  template: `
    <div class="page-header">
      <h1>Attendees of session {{ id() }}</h1>
      <span>
        <button mat-flat-button type="button" [disabled]="downloading()" (click)="downloadCsv()">
          {{ downloading() ? 'Preparing…' : 'Download CSV' }}
        </button>
        @if (service(); as serviceId) {
          <a mat-button [routerLink]="['/admin/services', serviceId, 'sessions']">Back to sessions</a>
        }
      </span>
    </div>
    @if (state() === 'ready') {
      <p class="muted">{{ summary() }}</p>
    }
    <mq-list-view
      [state]="state()"
      [error]="loadError()"
      label="Attendees"
      loadingLabel="Loading attendees…"
      emptyTitle="No bookings for this session"
      emptyHint="Bookings appear here as customers book."
      (retry)="load()"
    >
      <table mat-table [dataSource]="attendees()" aria-label="Attendees">
        <ng-container matColumnDef="reference">
          <th mat-header-cell *matHeaderCellDef scope="col">Reference</th>
          <td mat-cell *matCellDef="let a">{{ a.reference }}</td>
        </ng-container>
        <ng-container matColumnDef="customer">
          <th mat-header-cell *matHeaderCellDef scope="col">Customer</th>
          <td mat-cell *matCellDef="let a">
            {{ a.customer.name }}<br /><span class="muted">{{ a.customer.email }}</span>
          </td>
        </ng-container>
        <ng-container matColumnDef="tickets">
          <th mat-header-cell *matHeaderCellDef scope="col">Tickets</th>
          <td mat-cell *matCellDef="let a">{{ tickets(a) }}</td>
        </ng-container>
        <ng-container matColumnDef="quantity">
          <th mat-header-cell *matHeaderCellDef scope="col">Places</th>
          <td mat-cell *matCellDef="let a">{{ a.quantity }}</td>
        </ng-container>
        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
          <td mat-cell *matCellDef="let a">{{ a.status }}</td>
        </ng-container>
        <ng-container matColumnDef="checkedIn">
          <th mat-header-cell *matHeaderCellDef scope="col">Checked in</th>
          <td mat-cell *matCellDef="let a">{{ a.checkedInAt ? moment(a.checkedInAt) : 'No' }}</td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    </mq-list-view>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttendeesPage {
  private readonly api = inject(ApiClient);
  private readonly snackBar = inject(MatSnackBar);
  private readonly venue = inject(Venue);

  /** The route parameter: the session. */
  readonly id = input.required<string>();
  /** `?service=`: the service to go back to. */
  readonly service = input<string | undefined>();

  protected readonly columns = ['reference', 'customer', 'tickets', 'quantity', 'status', 'checkedIn'];
  protected readonly tickets = ticketSummary;
  protected readonly attendees = signal<AttendeeDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly state = listState(this.loading, this.loadError, this.attendees);
  protected readonly downloading = signal(false);
  protected readonly summary = computed(() => {
    const confirmed = this.attendees().filter((attendee) => attendee.status !== 'cancelled');
    const places = confirmed.reduce((sum, attendee) => sum + attendee.quantity, 0);
    return `${confirmed.length} of ${this.attendees().length} bookings hold places: ${places} in all.`;
  });

  constructor() {
    void this.venue.load().catch(() => undefined);
    effect(() => {
      this.id();
      untracked(() => {
        // Another session's attendees are not shown while this one's are loading.
        this.attendees.set([]);
        void this.load();
      });
    });
  }

  protected moment(timestamp: string): string {
    return formatMoment(timestamp, this.venue.timeZone());
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      this.attendees.set(await this.api.call(attendeesList$Json, { id: Number(this.id()) }));
    } catch (error) {
      this.loadError.set(errorMessage(error, 'The attendees could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }

  /** Fetches the CSV with the user's token and hands it to the browser as a file. */
  protected async downloadCsv(): Promise<void> {
    this.downloading.set(true);
    try {
      const csv = await this.api.call(attendeesList$Csv, { id: Number(this.id()), format: 'csv' });
      download(csv, `session-${this.id()}-attendees.csv`, 'text/csv;charset=utf-8');
    } catch (error) {
      this.snackBar.open(errorMessage(error, 'The CSV could not be downloaded.'), 'OK', { duration: 6000 });
    } finally {
      this.downloading.set(false);
    }
  }
}
