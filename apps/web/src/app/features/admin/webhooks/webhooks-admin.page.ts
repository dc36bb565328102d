import { Clipboard } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { WEBHOOK_EVENTS, type WebhookEvent } from '@marquee/contracts';
import type { CreatedWebhookDto, WebhookDeliveryDto, WebhookDto } from '@marquee/contracts/client';
import {
  webhooksCreate,
  webhooksDeliveries,
  webhooksList,
  webhooksRemove,
  webhooksRetry,
  webhooksTest,
} from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { applyFieldErrors, errorMessage } from '../../../core/api/problem';
import { Confirmer } from '../../../shared/confirm-dialog';
import { fieldMessage } from '../../../shared/form-errors';
import { FORM_FIELD_DEFAULTS } from '../../../shared/form-field-defaults';
import { pagedList } from '../../../shared/paged-list';
import { PagedListView } from '../../../shared/paged-list-view';

/** Webhook endpoints: the list, a new endpoint (its secret shown once, with Copy), an endpoint's deliveries with retry, a test event. */
@Component({
  selector: 'mq-webhooks-admin-page',
  providers: [FORM_FIELD_DEFAULTS],
  imports: [
    ReactiveFormsModule,
    DatePipe,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatTableModule,
    PagedListView,
  ],
  templateUrl: './webhooks-admin.page.html',
  styleUrl: './webhooks-admin.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WebhooksAdminPage {
  private readonly api = inject(ApiClient);
  private readonly confirmer = inject(Confirmer);
  private readonly snackBar = inject(MatSnackBar);
  private readonly clipboard = inject(Clipboard);

  protected readonly events = WEBHOOK_EVENTS;
  protected readonly endpointColumns = ['url', 'events', 'status', 'actions'];
  protected readonly deliveryColumns = ['event', 'status', 'attempts', 'next', 'response', 'actions'];
  protected readonly endpoints = pagedList({
    filters: {},
    errorMessage: 'The webhooks could not be loaded.',
    load: ({ page, limit }) => this.api.call(webhooksList, { page, limit }),
  });
  /** The endpoint just created, whose secret is shown this once. */
  protected readonly created = signal<CreatedWebhookDto | null>(null);
  /** The endpoint whose deliveries are open, and them. */
  protected readonly selected = signal<WebhookDto | null>(null);
  protected readonly deliveries = pagedList({
    filters: {},
    errorMessage: 'The deliveries could not be loaded.',
    load: ({ page, limit }) => this.api.call(webhooksDeliveries, { id: (this.selected() as WebhookDto).id, page, limit }),
  });
  protected readonly busy = signal<string | null>(null);
  protected readonly message = fieldMessage;

  protected readonly form = new FormGroup({
    url: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^https?:\/\/\S+$/), Validators.maxLength(2000)],
    }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] }),
  });
  protected readonly chosen = signal<ReadonlySet<WebhookEvent>>(new Set());
  protected readonly creating = signal(false);
  protected readonly createError = signal<string | null>(null);

  constructor() {
    void this.endpoints.reload();
  }

  protected choose(event: WebhookEvent, checked: boolean): void {
    this.chosen.update((events) => {
      const next = new Set(events);
      if (checked) next.add(event);
      else next.delete(event);
      return next;
    });
  }

  protected async create(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.chosen().size === 0) {
      this.createError.set('Choose at least one event.');
      return;
    }
    if (this.form.invalid || this.creating()) return;
    this.creating.set(true);
    this.createError.set(null);
    const { url, description } = this.form.getRawValue();
    try {
      const endpoint = await this.api.call(webhooksCreate, {
        body: { url, description, events: this.events.filter((event) => this.chosen().has(event)) },
      });
      this.created.set(endpoint);
      void this.endpoints.reload();
      this.form.reset();
      this.chosen.set(new Set());
    } catch (error) {
      this.createError.set(applyFieldErrors(this.form, error).join(' ') || null);
    } finally {
      this.creating.set(false);
    }
  }

  protected copySecret(secret: string): void {
    const copied = this.clipboard.copy(secret);
    this.snackBar.open(copied ? 'Secret copied' : 'Copying failed: select the secret and copy it', 'OK', { duration: 4000 });
  }

  protected async remove(endpoint: WebhookDto): Promise<void> {
    const ok = await this.confirmer.confirm({
      title: `Delete the webhook to ${endpoint.url}?`,
      message: 'Nothing more is sent to it, and its deliveries are deleted.',
      confirmLabel: 'Delete',
    });
    if (!ok) return;
    try {
      await this.api.call(webhooksRemove, { id: endpoint.id });
      void this.endpoints.reload();
      if (this.selected()?.id === endpoint.id) this.selected.set(null);
      this.snackBar.open('Webhook deleted', 'OK', { duration: 4000 });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 6000 });
    }
  }

  /** Sends a test event now and says how it went; the deliveries shown then include it. */
  protected async test(endpoint: WebhookDto): Promise<void> {
    this.busy.set(`test-${endpoint.id}`);
    try {
      const delivery = await this.api.call(webhooksTest, { id: endpoint.id });
      const outcome =
        delivery.status === 'delivered'
          ? `Test event delivered (${delivery.responseStatus})`
          : `Test event failed: ${delivery.lastError ?? `answered ${delivery.responseStatus}`}`;
      this.snackBar.open(outcome, 'OK', { duration: 6000 });
      await this.open(endpoint);
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 6000 });
    } finally {
      this.busy.set(null);
    }
  }

  protected async open(endpoint: WebhookDto): Promise<void> {
    this.selected.set(endpoint);
    this.deliveries.page.set(null);
    this.deliveries.pageIndex.set(0);
    await this.deliveries.reload();
  }

  protected retryable(delivery: WebhookDeliveryDto): boolean {
    return delivery.status === 'pending' || delivery.status === 'failed';
  }

  protected async retry(delivery: WebhookDeliveryDto): Promise<void> {
    this.busy.set(`retry-${delivery.id}`);
    try {
      const updated = await this.api.call(webhooksRetry, { id: delivery.id });
      this.deliveries.updateRows((item) => (item.id === updated.id ? updated : item));
      this.snackBar.open('Delivery queued again', 'OK', { duration: 4000 });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 6000 });
    } finally {
      this.busy.set(null);
    }
  }
}
