import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { ServiceDto } from '@marquee/contracts/client';
import { servicesGet } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { errorMessage } from '../../../core/api/problem';
import { ErrorState, LoadingState } from '../../../shared/states';
import { SchedulesEditor } from './schedules-editor';
import { ServiceSessions } from './service-sessions';
import { TicketTypes } from './ticket-types';
import { FORM_FIELD_DEFAULTS } from '../../../shared/form-field-defaults';

/** `/admin/services/:id/sessions`: a service's ticket types, weekly schedules and sessions. */
@Component({
  selector: 'mq-service-sessions-page',
  providers: [FORM_FIELD_DEFAULTS],
  imports: [RouterLink, MatButtonModule, LoadingState, ErrorState, TicketTypes, SchedulesEditor, ServiceSessions],
  template: `
    <div class="page-header">
      <h1>{{ service()?.name ?? 'Service' }}: tickets and sessions</h1>
      <span>
        <a mat-button [routerLink]="['/admin/services', id()]">Edit service</a>
        <a mat-button routerLink="/admin/services">Back to services</a>
      </span>
    </div>
    @if (loadError(); as text) {
      <mq-error [message]="text" (retry)="load()" />
    } @else if (!service()) {
      <mq-loading />
    } @else {
      <mq-ticket-types [serviceId]="serviceId()" [currency]="service()!.currency" />
      <mq-schedules-editor [serviceId]="serviceId()" (changed)="sessions()?.load()" />
      <mq-service-sessions [serviceId]="serviceId()" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceSessionsPage {
  private readonly api = inject(ApiClient);

  /** The route parameter. */
  readonly id = input.required<string>();

  protected readonly serviceId = computed(() => Number(this.id()));
  protected readonly service = signal<ServiceDto | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly sessions = viewChild(ServiceSessions);

  constructor() {
    effect(() => {
      this.serviceId();
      untracked(() => void this.load());
    });
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.service.set(await this.api.call(servicesGet, { id: this.serviceId() }));
    } catch (error) {
      this.loadError.set(errorMessage(error, 'The service could not be loaded.'));
    }
  }
}
