import { AVAILABILITY_STATUSES, SERVICE_CATEGORIES, type AvailabilityStatus, type ServiceCategory } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/dto/pagination.dto.js';

/** A service's picture: WebP renditions 400, 800 and 1600 pixels wide (never wider than the upload). */
export class ServiceImageDto {
  alt!: string;
  /** URL of the rendition at most 400 px wide. */
  small!: string;
  /** URL of the rendition at most 800 px wide. */
  medium!: string;
  /** URL of the rendition at most 1600 px wide. */
  large!: string;
  /** Width of the `large` rendition in pixels; the smaller ones keep its proportions. */
  width!: number;
  /** Height of the `large` rendition in pixels. */
  height!: number;
}

export class ServiceDto {
  id!: number;
  name!: string;
  description!: string;
  @ApiProperty({ enum: SERVICE_CATEGORIES })
  category!: ServiceCategory;
  /** Price of one place, in minor units of `currency`. */
  priceCents!: number;
  /** ISO 4217 code. */
  currency!: string;
  durationMinutes!: number;
  /** Places per day. */
  capacity!: number;
  @ApiProperty({ enum: AVAILABILITY_STATUSES })
  availabilityStatus!: AvailabilityStatus;
  imageUrl!: string | null;
  location!: string | null;
  /** The uploaded picture (POST /api/services/{id}/image), or null. */
  image!: ServiceImageDto | null;
  /** Sales of a session close this many minutes before it starts. */
  salesCloseMinutes!: number;
  /** Customers may cancel until this many hours before their session starts; staff until it ends. */
  cancellationCutoffHours!: number;
  createdAt!: Date;
  updatedAt!: Date;
}

/** A service as the catalogue lists it. */
export class ServiceListItemDto extends ServiceDto {
  /** When its next timed session with places left starts; null for an all-day service, or when none is to come. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextSessionAt!: Date | null;
}

export class ServicePageDto {
  data!: ServiceListItemDto[];
  meta!: PageMetaDto;
}

export class AvailabilityDayDto {
  /** YYYY-MM-DD */
  date!: string;
  capacity!: number;
  booked!: number;
  remaining!: number;
}
