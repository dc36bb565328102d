import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { AUDIT_ACTIONS, AUDIT_TARGETS, type AuditAction, type AuditTarget } from '@marquee/contracts';
import type { AuditEntryDto } from '@marquee/contracts/client';
import { auditList, usersGet } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { AuthService } from '../../../core/auth/auth.service';
import { pagedList } from '../../../shared/paged-list';
import { PagedListView } from '../../../shared/paged-list-view';
import { DateRangeFilter } from '../../../shared/date-range-filter';
import { SelectFilter } from '../../../shared/list-filters';
import { describeChanges } from './audit-changes';
import { FORM_FIELD_DEFAULTS } from '../../../shared/form-field-defaults';

type FilterName = 'action' | 'targetType' | 'actorId' | 'targetId';

/** The audit log of staff actions, newest first, filtered by action, target, actor and day. */
@Component({
  selector: 'mq-audit-admin-page',
  providers: [FORM_FIELD_DEFAULTS],
  imports: [DatePipe, MatFormFieldModule, MatInputModule, MatTableModule, PagedListView, DateRangeFilter, SelectFilter],
  templateUrl: './audit-admin.page.html',
  styles: `
    .id-filter {
      width: 130px;
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
  /** Actors whose name was asked for (once each, found or not). */
  private readonly askedActors = new Set<number>();

  protected readonly actions = AUDIT_ACTIONS;
  protected readonly targets = AUDIT_TARGETS;
  protected readonly columns = ['time', 'actor', 'action', 'target', 'changes'];
  protected readonly idFilters = [
    { name: 'targetId', label: 'Target id' },
    { name: 'actorId', label: 'Actor id' },
  ] as const;

  protected readonly list = pagedList({
    filters: { action: '', targetType: '', actorId: '', targetId: '', from: '', to: '' },
    inUrl: true,
    errorMessage: 'The audit log could not be loaded.',
    load: async ({ page, limit, filters }) => {
      const answer = await this.api.call(auditList, {
        page,
        limit,
        action: (filters.action as AuditAction) || undefined,
        targetType: (filters.targetType as AuditTarget) || undefined,
        actorId: idFilter(filters.actorId),
        targetId: idFilter(filters.targetId),
        from: filters.from || undefined,
        to: filters.to || undefined,
      });
      void this.loadActorNames(answer.data);
      return answer;
    },
  });
  /** The page's entries with their changes as readable lines. */
  protected readonly rows = computed(() => this.list.rows().map((entry) => ({ ...entry, changes: describeChanges(entry) })));
  private readonly actorNames = signal<ReadonlyMap<number, string>>(new Map());

  constructor() {
    const me = this.auth.user();
    if (me) this.actorNames.set(new Map([[me.id, me.name]]));
    void this.list.reload();
  }

  /** Selects apply at once; ids once typing pauses. */
  protected setFilter(which: FilterName, value: string): void {
    this.list.setFilters({ [which]: value.trim() }, { debounce: which === 'actorId' || which === 'targetId' });
  }

  /** `Ada Admin (#1)` when the actor's name is known, else `#1`. */
  protected actorLabel(actorId: number): string {
    const name = this.actorNames().get(actorId);
    return name ? `${name} (#${actorId})` : `#${actorId}`;
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
