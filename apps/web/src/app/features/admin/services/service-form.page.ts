import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { AVAILABILITY_STATUSES, SERVICE_CATEGORIES } from '@marquee/contracts';
import type { ServiceDto } from '@marquee/contracts/client';
import { servicesCreate, servicesGet, servicesUpdate } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { applyFieldErrors, errorMessage } from '../../../core/api/problem';
import { fieldMessage } from '../../../shared/form-errors';
import { minorDigits } from '../../../shared/money.pipe';
import { ErrorState, LoadingState } from '../../../shared/states';
import { categoryLabel } from '../../catalogue/category-label';
import { ServicePictureEditor } from './service-picture-editor';
import { createServiceForm, fillServiceForm, maxPrice, SERVICE_FIELD_ALIASES, SERVICE_LIMITS, toServiceBody } from './service-form';
import { FORM_FIELD_DEFAULTS } from '../../../shared/form-field-defaults';

/** Create (`/admin/services/new`) or edit (`/admin/services/:id`) a service. */
@Component({
  selector: 'mq-service-form-page',
  providers: [FORM_FIELD_DEFAULTS],
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    LoadingState,
    ErrorState,
    ServicePictureEditor,
  ],
  templateUrl: './service-form.page.html',
  styleUrl: './service-form.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceFormPage {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);

  /** The route parameter; absent for a new service. */
  readonly id = input<string | undefined>();

  protected readonly form = createServiceForm();
  protected readonly categories = SERVICE_CATEGORIES;
  protected readonly categoryLabel = categoryLabel;
  protected readonly limits = SERVICE_LIMITS;
  protected readonly statuses = AVAILABILITY_STATUSES;
  protected readonly message = fieldMessage;
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  /** The service being edited, as loaded (its picture is changed on its own, at once). */
  protected readonly service = signal<ServiceDto | null>(null);

  /** The price is entered in the currency's units, with as many decimals as it has (none for JPY). */
  private readonly currency = toSignal(this.form.controls.currency.valueChanges, { initialValue: this.form.controls.currency.value });
  private readonly knownCurrency = computed(() => (/^[A-Z]{3}$/.test(this.currency()) ? this.currency() : 'USD'));
  protected readonly priceMax = computed(() => maxPrice(this.knownCurrency()));
  protected readonly priceStep = computed(() => 10 ** -minorDigits(this.knownCurrency()));
  /** 12.50 in USD, 1250 in JPY, 12.500 in KWD: as the field takes it. */
  protected readonly priceExample = computed(() => {
    const digits = minorDigits(this.knownCurrency());
    return (12.5 * 10 ** Math.max(0, 2 - digits)).toFixed(digits);
  });

  constructor() {
    effect(() => {
      const id = this.id();
      if (id) untracked(() => void this.load(Number(id)));
    });
  }

  protected async load(id: number): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const service = await this.api.call(servicesGet, { id });
      this.service.set(service);
      fillServiceForm(this.form, service);
    } catch (error) {
      this.loadError.set(errorMessage(error, 'The service could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.formError.set(null);
    const body = toServiceBody(this.form);
    const id = this.id();
    try {
      const saved = id ? await this.api.call(servicesUpdate, { id: Number(id), body }) : await this.api.call(servicesCreate, { body });
      this.snackBar.open(`${saved.name} saved`, 'OK', { duration: 4000 });
      await this.router.navigate(['/admin/services']);
    } catch (error) {
      this.formError.set(applyFieldErrors(this.form, error, SERVICE_FIELD_ALIASES).join(' ') || null);
    } finally {
      this.busy.set(false);
    }
  }
}
