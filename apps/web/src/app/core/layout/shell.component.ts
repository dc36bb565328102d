import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
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
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatButtonModule, MatMenuModule, VerifyBannerComponent],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly user = this.auth.user;
  protected readonly links = computed<NavLink[]>(() => {
    const links: NavLink[] = [{ path: '/', label: 'Catalogue', exact: true }];
    if (this.auth.isLoggedIn()) {
      links.push({ path: '/bookings', label: 'My bookings', exact: false }, { path: '/profile', label: 'Profile', exact: false });
    }
    if (this.auth.isStaff()) links.push({ path: '/admin', label: 'Admin', exact: false });
    return links;
  });

  protected async logout(): Promise<void> {
    await this.auth.logout();
    await this.router.navigateByUrl('/login');
  }
}
