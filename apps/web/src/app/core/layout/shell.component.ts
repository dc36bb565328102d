import { ChangeDetectionStrategy, Component, computed, type ElementRef, inject, signal, viewChild } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { VerifyBannerComponent } from './verify-banner.component';

interface NavLink {
  path: string;
  label: string;
  exact: boolean;
}

/** The frame of every page: brand, navigation (a menu on phones), the page, a footer. */
@Component({
  selector: 'mq-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, VerifyBannerComponent],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown.escape)': 'closeMenu(true)' },
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  private readonly menuButton = viewChild.required<ElementRef<HTMLButtonElement>>('menuButton');

  protected readonly user = this.auth.user;
  /** The navigation on phones: a list the Menu button shows and hides. */
  protected readonly menuOpen = signal(false);
  protected readonly links = computed<NavLink[]>(() => {
    const links: NavLink[] = [{ path: '/', label: 'Catalogue', exact: true }];
    if (this.auth.isLoggedIn()) {
      links.push({ path: '/bookings', label: 'My bookings', exact: false }, { path: '/profile', label: 'Profile', exact: false });
    }
    if (this.auth.isStaff()) links.push({ path: '/admin', label: 'Admin', exact: false });
    return links;
  });

  /** Hides the phone navigation; with `refocus` (Escape), focus goes back to its button. */
  protected closeMenu(refocus = false): void {
    if (!this.menuOpen()) return;
    this.menuOpen.set(false);
    if (refocus) this.menuButton().nativeElement.focus();
  }

  /** Focus leaving the button and its list (a click or Tab elsewhere) hides the list. */
  protected onMenuFocusOut(event: FocusEvent): void {
    const container = event.currentTarget as HTMLElement;
    if (!(event.relatedTarget instanceof Node) || !container.contains(event.relatedTarget)) this.closeMenu();
  }

  protected async logout(): Promise<void> {
    await this.auth.logout();
    await this.router.navigateByUrl('/login');
  }
}
