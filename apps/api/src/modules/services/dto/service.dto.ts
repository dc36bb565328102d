import { AVAILABILITY_STATUSES, SERVICE_CATEGORIES, type AvailabilityStatus, type ServiceCategory } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/dto/pagination.dto.js';

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
  /** Sales of a session close this many minutes before it starts. */
  salesCloseMinutes!: number;
  /** Customers may cancel until this many hours before their session starts; staff until it ends. */
  cancellationCutoffHours!: number;
  createdAt!: Date;
  updatedAt!: Date;
}

export class ServicePageDto {
  data!: ServiceDto[];
  meta!: PageMetaDto;
}

export class AvailabilityDayDto {
  /** YYYY-MM-DD */
  date!: string;
  capacity!: number;
  booked!: number;
  remaining!: number;
}
