import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import type { BookingDto, TicketDto } from '@marquee/contracts/client';
import { bookingsCalendar, bookingsTicket } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../core/api/api-client';
import { errorMessage } from '../../core/api/problem';
import { download } from '../../shared/download';

/**
 * A confirmed booking's e-ticket: the QR code the door scans (an SVG drawn by the API, shown as an
 * image so that nothing in it can run), the reference to type when it cannot be scanned, and the
 * booking as a calendar file.
 */
@Component({
  selector: 'mq-e-ticket',
  template: `
    <div class="e-ticket">
      @if (ticket(); as t) {
        <img class="qr" [src]="qrSource()" width="200" height="200" [alt]="'E-ticket QR code for booking ' + t.reference" />
      } @else if (loadError(); as text) {
        <p class="error" role="alert">{{ text }}</p>
      } @else {
        <div class="qr placeholder" role="status">Loading the ticket…</div>
      }
      <div class="about">
        <p>
          Show this code at the door, or give the reference <strong>{{ booking().reference }}</strong>.
        </p>
        <button class="btn outlined" type="button" [disabled]="saving()" (click)="addToCalendar()">
          {{ saving() ? 'Preparing…' : 'Add to calendar' }}
        </button>
        @if (calendarError(); as text) {
          <p class="error" role="alert">{{ text }}</p>
        }
      </div>
    </div>
  `,
  styles: `
    .e-ticket {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 16px;
    }
    .qr {
      width: 200px;
      height: 200px;
      background: #fff;
      border-radius: 8px;
    }
    .placeholder {
      display: grid;
      place-items: center;
      color: var(--mat-sys-on-surface-variant);
      background: var(--mat-sys-surface-container);
    }
    .about {
      flex: 1 1 14rem;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ETicket {
  private readonly api = inject(ApiClient);

  readonly booking = input.required<Pick<BookingDto, 'id' | 'reference'>>();

  protected readonly ticket = signal<TicketDto | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly calendarError = signal<string | null>(null);
  protected readonly qrSource = computed(() => {
    const svg = this.ticket()?.qrSvg;
    return svg ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` : '';
  });

  constructor() {
    effect(() => {
      const id = this.booking().id;
      untracked(() => void this.load(id));
    });
  }

  private async load(id: number): Promise<void> {
    this.ticket.set(null);
    this.loadError.set(null);
    try {
      this.ticket.set(await this.api.call(bookingsTicket, { id }));
    } catch (error) {
      this.loadError.set(errorMessage(error, 'The ticket could not be loaded.'));
    }
  }

  protected async addToCalendar(): Promise<void> {
    const { id, reference } = this.booking();
    this.saving.set(true);
    this.calendarError.set(null);
    try {
      download(await this.api.call(bookingsCalendar, { id }), `booking-${reference}.ics`, 'text/calendar;charset=utf-8');
    } catch (error) {
      this.calendarError.set(errorMessage(error, 'The calendar file could not be made.'));
    } finally {
      this.saving.set(false);
    }
  }
}
