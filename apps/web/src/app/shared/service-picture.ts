import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ServiceImageDto } from '@marquee/contracts/client';

/** The widths the API encodes a picture at (never wider than the upload). */
const RENDITION_WIDTHS = [400, 800, 1600];

/** `small 400w, medium 800w, large 1600w`, each at its real width (a narrow upload is not enlarged). */
export function pictureSrcset(image: ServiceImageDto): string {
  const urls = [image.small, image.medium, image.large];
  return urls.map((url, index) => `${url} ${Math.min(RENDITION_WIDTHS[index], image.width)}w`).join(', ');
}

/** A service's picture: responsive (`srcset` of its three renditions), its place reserved by width and height (or a fixed ratio). */
@Component({
  selector: 'mq-service-picture',
  template: `<img
    class="picture"
    [src]="image().medium"
    [attr.srcset]="srcset()"
    [attr.sizes]="sizes()"
    [width]="image().width"
    [height]="image().height"
    [alt]="image().alt"
    [attr.loading]="lazy() ? 'lazy' : null"
    [style.aspect-ratio]="ratio()"
    [class.cropped]="ratio() !== null"
    decoding="async"
  />`,
  styles: `
    .picture {
      display: block;
      width: 100%;
      height: auto;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
    }

    /* Cropped to its frame's shape: the frame (a card) rounds the corners. */
    .cropped {
      object-fit: cover;
      border-radius: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServicePicture {
  readonly image = input.required<ServiceImageDto>();
  /** How wide the picture is shown (the `sizes` attribute). */
  readonly sizes = input('(min-width: 960px) 640px, 100vw');
  readonly lazy = input(false);
  /** A fixed shape (`3 / 2`) the picture is cropped to, so that pictures of any shape line up; null: its own shape. */
  readonly ratio = input<string | null>(null);
  protected readonly srcset = computed(() => pictureSrcset(this.image()));
}
