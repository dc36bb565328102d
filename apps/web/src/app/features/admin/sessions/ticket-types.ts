import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { TicketTypeDto } from '@marquee/contracts/client';
import { ticketTypesCreate, ticketTypesList, ticketTypesRemove, ticketTypesUpdate } from '@marquee/contracts/client/functions';
import { ApiClient } from '../../../core/api/api-client';
import { applyFieldErrors, errorMessage } from '../../../core/api/problem';
import { Confirmer } from '../../../shared/confirm-dialog';
import { fieldMessage } from '../../../shared/form-errors';
import { fromMinorUnits, MoneyPipe, toMinorUnits } from '../../../shared/money.pipe';
import { ListView, listState } from '../../../shared/list-view';
import { wholeMinorUnitsIn, withinMaxPriceIn } from '../services/service-form';

/** The ticket types of a service: add, rename, price, reorder, deactivate or delete. */
@Component({
  selector: 'mq-ticket-types',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatTableModule, MoneyPipe, ListView],
  templateUrl: './ticket-types.html',
  styleUrl: './sessions-admin.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TicketTypes {
  private readonly api = inject(ApiClient);
  private readonly confirmer = inject(Confirmer);
  private readonly snackBar = inject(MatSnackBar);

  readonly serviceId = input.required<number>();
  readonly currency = input('USD');

  protected readonly columns = ['position', 'name', 'price', 'status', 'actions'];
  protected readonly types = signal<TicketTypeDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly state = listState(this.loading, this.loadError, this.types);
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  /** The type being edited in the form; null: the form adds one. */
  protected readonly editing = signal<TicketTypeDto | null>(null);
  protected readonly message = fieldMessage;
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(60)] }),
    price: new FormControl<number | null>(null, {
      validators: [
        Validators.required,
        Validators.min(0),
        withinMaxPriceIn(() => this.currency()),
        wholeMinorUnitsIn(() => this.currency()),
      ],
    }),
  });

  constructor() {
    effect(() => {
      this.serviceId();
      untracked(() => void this.load());
    });
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      this.types.set(await this.api.call(ticketTypesList, { id: this.serviceId() }));
    } catch (error) {
      this.loadError.set(errorMessage(error, 'The ticket types could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }

  protected edit(type: TicketTypeDto | null): void {
    this.editing.set(type);
    this.formError.set(null);
    this.form.reset({ name: type?.name ?? '', price: type ? fromMinorUnits(type.priceCents, this.currency()) : null });
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    const value = this.form.getRawValue();
    const body = { name: value.name.trim(), priceCents: toMinorUnits(Number(value.price), this.currency()) };
    const editing = this.editing();
    await this.run(async () => {
      if (editing) await this.api.call(ticketTypesUpdate, { id: editing.id, body });
      else await this.api.call(ticketTypesCreate, { id: this.serviceId(), body });
      this.snackBar.open(`${body.name} saved`, 'OK', { duration: 4000 });
      this.edit(null);
    });
  }

  /** Swaps the type with its neighbour in selling order. */
  protected async move(index: number, by: -1 | 1): Promise<void> {
    const list = this.types();
    const type = list[index];
    const other = list[index + by];
    if (!type || !other) return;
    await this.run(async () => {
      await this.api.call(ticketTypesUpdate, { id: type.id, body: { position: other.position } });
      await this.api.call(ticketTypesUpdate, { id: other.id, body: { position: type.position } });
    });
  }

  protected async setActive(type: TicketTypeDto, isActive: boolean): Promise<void> {
    await this.run(() => this.api.call(ticketTypesUpdate, { id: type.id, body: { isActive } }));
  }

  protected async remove(type: TicketTypeDto): Promise<void> {
    const ok = await this.confirmer.confirm({
      title: `Delete ${type.name}?`,
      message: 'It is no longer sold. A type that has bookings is deactivated instead, so the bookings keep it.',
      confirmLabel: 'Delete',
      cancelLabel: 'Keep',
    });
    if (ok) await this.run(() => this.api.call(ticketTypesRemove, { id: type.id }));
  }

  /** Runs a change, shows the API's refusal (such as the last active type's 409) and reloads. */
  private async run(change: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    this.formError.set(null);
    try {
      await change();
    } catch (error) {
      this.formError.set(applyFieldErrors(this.form, error, { priceCents: 'price' }).join(' ') || null);
    } finally {
      this.busy.set(false);
    }
    await this.load();
  }
}
