import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ListView, listState } from './list-view';

@Component({
  selector: 'mq-test-whole-list',
  imports: [ListView],
  template: `
    <mq-list-view
      [state]="state()"
      [error]="error()"
      label="Rows"
      loadingLabel="Loading rows…"
      emptyTitle="No rows"
      emptyHint="Add one."
      (retry)="retries = retries + 1"
    >
      <table aria-label="Rows">
        @for (row of rows(); track row) {
          <tr>
            <td>{{ row }}</td>
          </tr>
        }
      </table>
      <p after>After the table</p>
    </mq-list-view>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class TestWholeList {
  readonly loading = signal(true);
  readonly error = signal<string | null>(null);
  readonly rows = signal<string[]>([]);
  readonly state = listState(this.loading, this.error, this.rows);
  retries = 0;
}

describe('ListView', () => {
  it('shows loading, then the error with a retry, then the rows in their frame; empty when there are none', () => {
    const fixture = TestBed.createComponent(TestWholeList);
    const host = fixture.componentInstance;
    const root = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    expect(root.querySelector('mq-loading')?.textContent).toContain('Loading rows…');
    expect(root.querySelector('table')).toBeNull();

    host.loading.set(false);
    host.error.set('The rows could not be loaded.');
    fixture.detectChanges();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('The rows could not be loaded.');
    root.querySelector<HTMLButtonElement>('mq-error button')!.click();
    expect(host.retries).toBe(1);

    host.error.set(null);
    host.rows.set(['One', 'Two']);
    fixture.detectChanges();
    expect([...root.querySelectorAll('[role="region"][aria-label="Rows"] td')].map((cell) => cell.textContent?.trim())).toEqual([
      'One',
      'Two',
    ]);
    expect(root.querySelector('mq-table-scroll + p')?.textContent).toBe('After the table');

    // A new load keeps the rows on screen until it answers.
    host.loading.set(true);
    fixture.detectChanges();
    expect(root.querySelector('mq-loading')).toBeNull();
    expect(root.querySelectorAll('td')).toHaveLength(2);

    host.loading.set(false);
    host.rows.set([]);
    fixture.detectChanges();
    expect(root.querySelector('mq-empty')?.textContent).toContain('No rows');
    expect(root.querySelector('mq-empty')?.textContent).toContain('Add one.');
    expect(root.querySelector('table')).toBeNull();
  });
});
