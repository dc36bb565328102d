import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { FORM_FIELD_DEFAULTS } from './form-field-defaults';

/** A text filter of a list (the list decides whether it waits for typing to pause). */
@Component({
  selector: 'mq-search-filter',
  providers: [FORM_FIELD_DEFAULTS],
  imports: [MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field class="search">
      <mat-label>{{ label() }}</mat-label>
      <input matInput type="search" [value]="value()" (input)="changed.emit($any($event.target).value)" />
      @if (hint(); as text) {
        <mat-hint>{{ text }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
    .search {
      width: min(100%, 320px);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SearchFilter {
  readonly label = input.required<string>();
  readonly value = input('');
  readonly hint = input('');
  readonly changed = output<string>();
}

export type FilterOption = string | { value: string; label: string };

/** A choice filter of a list, with a first option for "any" (the empty value). */
@Component({
  selector: 'mq-select-filter',
  providers: [FORM_FIELD_DEFAULTS],
  imports: [MatFormFieldModule, MatSelectModule],
  template: `
    <mat-form-field>
      <mat-label>{{ label() }}</mat-label>
      <mat-select [value]="value()" (valueChange)="changed.emit($event)">
        <mat-option value="">{{ anyLabel() }}</mat-option>
        @for (option of choices(); track option.value) {
          <mat-option [value]="option.value">{{ option.label }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SelectFilter {
  readonly label = input.required<string>();
  readonly anyLabel = input.required<string>();
  readonly options = input.required<readonly FilterOption[]>();
  readonly value = input('');
  readonly changed = output<string>();
  protected readonly choices = computed(() =>
    this.options().map((option) => (typeof option === 'string' ? { value: option, label: option } : option)),
  );
}
