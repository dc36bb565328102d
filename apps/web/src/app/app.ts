import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ShellComponent } from './core/layout/shell.component';

@Component({
  selector: 'mq-root',
  imports: [ShellComponent],
  template: '<mq-shell />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {}
