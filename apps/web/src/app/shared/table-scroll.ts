import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';

/**
 * A table that may be wider than the screen: it scrolls sideways inside its frame, and a shadow on
 * the side with more columns shows that it does. Keyboard users scroll it after focusing it.
 */
@Component({
  selector: 'mq-table-scroll',
  template: `
    <div class="frame" [class.more-before]="moreBefore()" [class.more-after]="moreAfter()">
      <div #scroller class="scroller" role="region" [attr.aria-label]="label()" tabindex="0" (scroll)="measure()">
        <ng-content />
      </div>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .frame {
      position: relative;
      background: var(--mat-sys-surface);
      border-radius: 12px;
      overflow: hidden;
    }
    .scroller {
      overflow-x: auto;
    }
    .scroller:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: -2px;
    }
    .scroller ::ng-deep table {
      width: 100%;
    }
    .frame::before,
    .frame::after {
      content: '';
      position: absolute;
      top: 0;
      bottom: 0;
      z-index: 2;
      width: 24px;
      pointer-events: none;
      opacity: 0;
      transition: opacity 150ms;
    }
    .frame::before {
      left: 0;
      background: linear-gradient(to right, rgb(0 0 0 / 22%), transparent);
    }
    .frame::after {
      right: 0;
      background: linear-gradient(to left, rgb(0 0 0 / 22%), transparent);
    }
    .more-before::before,
    .more-after::after {
      opacity: 1;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TableScroll {
  /** Names the scrolling region for screen readers. */
  readonly label = input.required<string>();
  protected readonly moreBefore = signal(false);
  protected readonly moreAfter = signal(false);
  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      this.measure();
      if (typeof ResizeObserver === 'undefined') return;
      const element = this.scroller().nativeElement;
      const observer = new ResizeObserver(() => this.measure());
      observer.observe(element);
      for (const child of Array.from(element.children)) observer.observe(child);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  protected measure(): void {
    const { scrollLeft, scrollWidth, clientWidth } = this.scroller().nativeElement;
    this.moreBefore.set(scrollLeft > 1);
    this.moreAfter.set(scrollLeft + clientWidth < scrollWidth - 1);
  }
}
