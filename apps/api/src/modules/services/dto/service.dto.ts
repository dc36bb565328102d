import { AVAILABILITY_STATUSES, SERVICE_CATEGORIES, type AvailabilityStatus, type ServiceCategory } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/dto/pagination.dto.js';
import { ApiInteger } from '../../../common/dto/api-integer.js';

/** A service's picture: WebP renditions 400, 800 and 1600 pixels wide (never wider than the upload). */
export class ServiceImageDto {
  /** @example "The vault door, lit red" */
  alt!: string;
  /**
   * URL of the rendition at most 400 px wide.
   * @example "/media/3f9a1c7e-400.webp"
   */
  small!: string;
  /**
   * URL of the rendition at most 800 px wide.
   * @example "/media/3f9a1c7e-800.webp"
   */
  medium!: string;
  /**
   * URL of the rendition at most 1600 px wide.
   * @example "/media/3f9a1c7e-1600.webp"
   */
  large!: string;
  /**
   * Width of the `large` rendition in pixels; the smaller ones keep its proportions.
   * @example 1600
   */
  @ApiInteger()
  width!: number;
  /**
   * Height of the `large` rendition in pixels.
   * @example 900
   */
  @ApiInteger()
  height!: number;
}

export class ServiceDto {
  /** @example 42 */
  @ApiInteger()
  id!: number;
  /** @example "Escape room: The Vault" */
  name!: string;
  /** @example "Ninety minutes to get out of a bank vault." */
  description!: string;
  @ApiProperty({ enum: SERVICE_CATEGORIES, example: 'experience' })
  category!: ServiceCategory;
  /**
   * Price of one place, in minor units of `currency`.
   * @example 2500
   */
  @ApiInteger()
  priceCents!: number;
  /**
   * ISO 4217 code.
   * @example "EUR"
   */
  currency!: string;
  /** @example 90 */
  @ApiInteger()
  durationMinutes!: number;
  /**
   * Places per day.
   * @example 6
   */
  @ApiInteger()
  capacity!: number;
  @ApiProperty({ enum: AVAILABILITY_STATUSES })
  availabilityStatus!: AvailabilityStatus;
  /** @example "https://images.example.com/vault.jpg" */
  imageUrl!: string | null;
  /** @example "Hall B" */
  location!: string | null;
  /** The uploaded picture (POST /api/services/{id}/image), or null. */
  image!: ServiceImageDto | null;
  /**
   * Sales of a session close this many minutes before it starts.
   * @example 15
   */
  @ApiInteger()
  salesCloseMinutes!: number;
  /**
   * Customers may cancel until this many hours before their session starts; staff until it ends.
   * @example 24
   */
  @ApiInteger()
  cancellationCutoffHours!: number;
  /** @example "2026-11-20T09:15:00.000Z" */
  createdAt!: Date;
  /** @example "2026-11-21T10:00:00.000Z" */
  updatedAt!: Date;
}

/** A service as the catalogue lists it. */
export class ServiceListItemDto extends ServiceDto {
  /**
   * When its next timed session with places left starts; null for an all-day service, or when none is to come.
   * @example "2026-11-28T18:30:00.000Z"
   */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextSessionAt!: Date | null;
}

export class ServicePageDto {
  data!: ServiceListItemDto[];
  meta!: PageMetaDto;
}

export class AvailabilityDayDto {
  /**
   * YYYY-MM-DD
   * @example "2026-12-24"
   */
  date!: string;
  /** @example 6 */
  @ApiInteger()
  capacity!: number;
  /** @example 4 */
  @ApiInteger()
  booked!: number;
  /** @example 2 */
  @ApiInteger()
  remaining!: number;
}
