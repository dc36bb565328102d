import {
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
import { Router } from '@angular/router';
import type { ServiceDto, SessionDto } from '@marquee/contracts/client';
import { checkInsCheckIn, checkInsCount, servicesList, sessionsList } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { errorMessage } from '../../../core/api/problem';
import { Venue } from '../../../core/venue/venue';
import { ErrorState, LoadingState } from '../../../shared/states';
import { admittedOutcome, looksLikeReference, refusedOutcome, type ScanOutcome } from './check-in';
import { QrScanner } from './qr-scanner';

/**
 * `/admin/check-in?service=&date=&session=`: the door. Pick the session, then scan tickets with the
 * camera, or type a code or a reference (a hand scanner types and presses Enter): a large green or red
 * answer, and how many of the expected people are in.
 */
@Component({
  selector: 'mq-check-in-page',
  imports: [QrScanner, LoadingState, ErrorState],
  templateUrl: './check-in.page.html',
  styleUrl: './check-in.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CheckInPage {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly venue = inject(Venue);

  /** Query parameters: what is picked, so that the page can be reloaded or bookmarked at the door. */
  readonly service = input<string>();
  readonly date = input<string>();
  readonly session = input<string>();

  protected readonly services = signal<ServiceDto[]>([]);
  protected readonly sessions = signal<SessionDto[] | null>(null);
  protected readonly servicesError = signal<string | null>(null);
  protected readonly sessionsError = signal<string | null>(null);
  protected readonly today = signal('');
  protected readonly day = computed(() => this.date() || this.today());
  protected readonly serviceId = computed(() => Number(this.service()) || null);
  protected readonly sessionId = computed(() => Number(this.session()) || null);
  protected readonly chosen = computed(() => this.sessions()?.find((session) => session.id === this.sessionId()) ?? null);
  protected readonly counts = signal<{ expected: number; checkedIn: number } | null>(null);
  protected readonly outcome = signal<ScanOutcome | null>(null);
  protected readonly busy = signal(false);
  protected readonly typed = signal('');
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('code');
  /** Counts the sessions' loads: only the latest one's answer is shown. */
  private sessionsLoads = 0;

  constructor() {
    void this.start();
    effect(() => {
      const service = this.serviceId();
      const day = this.day();
      untracked(() => void this.loadSessions(service, day));
    });
    effect(() => {
      const session = this.sessionId();
      untracked(() => {
        this.outcome.set(null);
        void this.loadCounts(session);
      });
    });
  }

  private async start(): Promise<void> {
    this.today.set(await this.venue.today());
    await this.loadServices();
  }

  protected async loadServices(): Promise<void> {
    this.servicesError.set(null);
    try {
      this.services.set((await this.api.call(servicesList, { page: 1, limit: 100, sort: 'name' })).data);
    } catch (error) {
      this.servicesError.set(errorMessage(error, 'The services could not be loaded.'));
    }
  }

  protected reloadSessions(): void {
    void this.loadSessions(this.serviceId(), this.day());
  }

  protected pick(changes: { service?: string; date?: string; session?: string }): void {
    const next = { service: this.service() ?? '', date: this.date() ?? '', session: this.session() ?? '', ...changes };
    if (changes.service !== undefined || changes.date !== undefined) next.session = '';
    void this.router.navigate([], {
      queryParams: { service: next.service || null, date: next.date || null, session: next.session || null },
      replaceUrl: true,
    });
  }

  private async loadSessions(service: number | null, day: string): Promise<void> {
    const load = ++this.sessionsLoads;
    this.sessions.set(null);
    this.sessionsError.set(null);
    if (!service || !day) return;
    try {
      const sessions = await this.api.call(sessionsList, { id: service, from: day, to: day });
      if (load === this.sessionsLoads) this.sessions.set(sessions.filter((session) => session.status === 'scheduled'));
    } catch (error) {
      if (load === this.sessionsLoads) this.sessionsError.set(errorMessage(error, 'The sessions could not be loaded.'));
    }
  }

  private async loadCounts(session: number | null): Promise<void> {
    this.counts.set(null);
    if (!session) return;
    try {
      this.counts.set(await this.api.call(checkInsCount, { id: session }));
    } catch {
      // The counts are a help, not the door: a scan still works without them.
    }
  }

  protected label(session: SessionDto): string {
    return `${session.allDay ? 'All day' : session.localTime} · ${session.booked} booked`;
  }

  protected async submitTyped(event: Event): Promise<void> {
    event.preventDefault();
    const text = this.typed().trim();
    if (!text) return;
    await this.checkIn(text);
    this.typed.set('');
    this.codeInput()?.nativeElement.focus();
  }

  /** Checks a scanned code or a typed reference in for the chosen session. */
  protected async checkIn(text: string): Promise<void> {
    const session = this.sessionId();
    if (!session || this.busy()) return;
    this.busy.set(true);
    try {
      const body = looksLikeReference(text)
        ? { reference: text.trim().toUpperCase(), sessionId: session }
        : { code: text.trim(), sessionId: session };
      this.outcome.set(admittedOutcome(await this.api.call(checkInsCheckIn, { body })));
    } catch (error) {
      this.outcome.set(refusedOutcome(error, this.venue.timeZone()));
    } finally {
      this.busy.set(false);
      void this.loadCounts(session);
    }
  }
}
