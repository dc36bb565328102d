import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { AUDIT_ACTIONS, AUDIT_TARGETS, type AuditAction, type AuditTarget } from '@marquee/contracts';
import type { AuditEntryDto, AuditPageDto } from '@marquee/contracts/client';
import { auditList, usersGet } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { errorMessage } from '../../../core/api/problem';
import { AuthService } from '../../../core/auth/auth.service';
import { EmptyState, ErrorState, LoadingState } from '../../../shared/states';
import { describeChanges } from './audit-changes';

type TextFilter = 'actorId' | 'targetId' | 'from' | 'to';

/** The audit log of staff actions, newest first, filtered by action, target, actor and day. */
@Component({
  selector: 'mq-audit-admin-page',
  imports: [
    DatePipe,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    MatPaginatorModule,
    LoadingState,
    ErrorState,
    EmptyState,
  ],
  templateUrl: './audit-admin.page.html',
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      margin-bottom: 12px;
    }
    .id-filter {
      width: 130px;
    }
    .date-filter {
      width: 180px;
    }
    .time,
    .action,
    .target {
      white-space: nowrap;
    }
    .changes {
      min-width: 16rem;
      margin: 0;
      padding: 0;
      list-style: none;
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditAdminPage {
  private readonly api = inject(ApiClient);
  private readonly auth = inject(AuthService);
  private pageIndex = 0;
  private pageSize = 20;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Actors whose name was asked for (once each, found or not). */
  private readonly askedActors = new Set<number>();

  protected readonly actions = AUDIT_ACTIONS;
  protected readonly targets = AUDIT_TARGETS;
  protected readonly columns = ['time', 'actor', 'action', 'target', 'changes'];

  protected readonly action = signal<AuditAction | ''>('');
  protected readonly targetType = signal<AuditTarget | ''>('');
  protected readonly filters = signal<Record<TextFilter, string>>({ actorId: '', targetId: '', from: '', to: '' });

  protected readonly page = signal<AuditPageDto | null>(null);
  protected readonly error = signal<string | null>(null);
  /** The page's entries with their changes as readable lines. */
  protected readonly rows = computed(() => (this.page()?.data ?? []).map((entry) => ({ ...entry, changes: describeChanges(entry) })));
  private readonly actorNames = signal<ReadonlyMap<number, string>>(new Map());

  constructor() {
    const me = this.auth.user();
    if (me) this.actorNames.set(new Map([[me.id, me.name]]));
    void this.load();
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    const { actorId, targetId, from, to } = this.filters();
    try {
      const page = await this.api.call(auditList, {
        page: this.pageIndex + 1,
        limit: this.pageSize,
        action: this.action() || undefined,
        targetType: this.targetType() || undefined,
        actorId: idFilter(actorId),
        targetId: idFilter(targetId),
        from: from || undefined,
        to: to || undefined,
      });
      this.page.set(page);
      void this.loadActorNames(page.data);
    } catch (error) {
      this.error.set(errorMessage(error, 'The audit log could not be loaded.'));
    }
  }

  protected setAction(value: AuditAction | ''): void {
    this.action.set(value);
    this.reload();
  }

  protected setTargetType(value: AuditTarget | ''): void {
    this.targetType.set(value);
    this.reload();
  }

  /** Dates apply at once; ids once typing pauses. */
  protected setFilter(which: TextFilter, value: string): void {
    this.filters.update((filters) => ({ ...filters, [which]: value.trim() }));
    clearTimeout(this.timer);
    if (which === 'from' || which === 'to') this.reload();
    else this.timer = setTimeout(() => this.reload(), 300);
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex = event.pageIndex;
    this.pageSize = event.pageSize;
    void this.load();
  }

  /** `Ada Admin (#1)` when the actor's name is known, else `#1`. */
  protected actorLabel(actorId: number): string {
    const name = this.actorNames().get(actorId);
    return name ? `${name} (#${actorId})` : `#${actorId}`;
  }

  private reload(): void {
    this.pageIndex = 0;
    void this.load();
  }

  /** Looks up the names of the page's actors (a handful of staff), when the user may read users. */
  private async loadActorNames(entries: AuditEntryDto[]): Promise<void> {
    if (!this.auth.can('users:read')) return;
    const known = this.actorNames();
    const ids = [...new Set(entries.map((entry) => entry.actorId))].filter((id) => !known.has(id) && !this.askedActors.has(id));
    ids.forEach((id) => this.askedActors.add(id));
    const users = await Promise.allSettled(ids.map((id) => this.api.call(usersGet, { id })));
    const found = users.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    if (found.length > 0) this.actorNames.update((names) => new Map([...names, ...found.map((user) => [user.id, user.name] as const)]));
  }
}

/** An id typed into a filter; the API answers a field error for one that is not a valid id. */
function idFilter(value: string): number | undefined {
  return value === '' || Number.isNaN(Number(value)) ? undefined : Number(value);
}
