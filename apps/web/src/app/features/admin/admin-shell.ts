import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import type { Permission } from '@marquee/contracts';
import { AuthService } from '../../core/auth/auth.service';

export const ADMIN_SECTIONS: readonly { path: string; label: string; permission: Permission }[] = [
  { path: '/admin/dashboard', label: 'Dashboard', permission: 'stats:read' },
  { path: '/admin/services', label: 'Services', permission: 'services:write' },
  { path: '/admin/bookings', label: 'Bookings', permission: 'bookings:read:any' },
  { path: '/admin/check-in', label: 'Check-in', permission: 'checkins:write' },
  { path: '/admin/users', label: 'Users', permission: 'users:read' },
  { path: '/admin/roles', label: 'Roles', permission: 'roles:manage' },
  { path: '/admin/audit', label: 'Audit log', permission: 'audit:read' },
  { path: '/admin/webhooks', label: 'Webhooks', permission: 'webhooks:manage' },
];

/** The admin area: a section bar showing only the sections the user's permissions open. */
@Component({
  selector: 'mq-admin-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatButtonModule],
  template: `
    <nav class="sections" aria-label="Admin sections">
      @for (section of sections(); track section.path) {
        <a mat-button [routerLink]="section.path" routerLinkActive="current" ariaCurrentWhenActive="page">{{ section.label }}</a>
      }
    </nav>
    <router-outlet />
  `,
  styles: `
    .sections {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      padding: 6px;
      margin-bottom: 20px;
      background: var(--mat-sys-surface);
      border-radius: 12px;
    }
    .current {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminShell {
  private readonly auth = inject(AuthService);
  protected readonly sections = computed(() => ADMIN_SECTIONS.filter((section) => this.auth.permissions().has(section.permission)));
}
