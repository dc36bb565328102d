import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { FORM_FIELD_DEFAULTS } from './form-field-defaults';

/** A list's "from date" and "to date" filters; each applies when picked, and neither can pass the other. */
@Component({
  selector: 'mq-date-range-filter',
  providers: [FORM_FIELD_DEFAULTS],
  imports: [MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field class="date">
      <mat-label>From date</mat-label>
      <input matInput type="date" [value]="from()" [max]="to() || null" (change)="changed.emit({ from: valueOf($event) })" />
    </mat-form-field>
    <mat-form-field class="date">
      <mat-label>To date</mat-label>
      <input matInput type="date" [value]="to()" [min]="from() || null" (change)="changed.emit({ to: valueOf($event) })" />
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
    .date {
      width: 180px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DateRangeFilter {
  readonly from = input('');
  readonly to = input('');
  readonly changed = output<{ from: string } | { to: string }>();

  protected valueOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
}
