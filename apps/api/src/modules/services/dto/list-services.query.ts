import { SERVICE_CATEGORIES, type ServiceCategory } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsIsoDateTime } from '../../../common/validation/iso-date.js';
import { PageQueryDto, sortValues } from '../../../common/dto/pagination.dto.js';
import { DateWindowQuery } from '../../../common/dto/date-window.query.js';
import { ApiInteger } from '../../../common/dto/api-integer.js';

const MAX_INT = 2_147_483_647;

export const SERVICE_SORT_FIELDS = ['name', 'priceCents', 'createdAt', 'updatedAt'] as const;

export class ListServicesQuery extends PageQueryDto {
  /** Matches part of the name, description or location. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiProperty({ enum: SERVICE_CATEGORIES, required: false })
  @IsOptional()
  @IsIn(SERVICE_CATEGORIES)
  category?: ServiceCategory;

  /** Only services priced in this currency (ISO 4217); the price bounds are then in its minor units. */
  @ApiProperty({ required: false, minLength: 3, maxLength: 3, pattern: '^[A-Z]{3}$' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  currency?: string;

  /** Lowest price in cents. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  @ApiInteger({ required: false })
  minPrice?: number;

  /** Highest price in cents. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  @ApiInteger({ required: false })
  maxPrice?: number;

  /** `true`: only bookable services; `false`: only unavailable ones. */
  @ApiProperty({ enum: ['true', 'false'], required: false })
  @IsOptional()
  @IsIn(['true', 'false'])
  available?: 'true' | 'false';

  /**
   * Services changed at or after this instant (ISO 8601 with an offset), for incremental sync: keep the
   * greatest `updatedAt` seen and ask again with it, sorted by `updatedAt`. Deleted services leave the
   * list; the `service.deleted` webhook says so.
   */
  @IsOptional()
  @IsString()
  @IsIsoDateTime()
  updatedSince?: string;

  /** `name`, `priceCents`, `createdAt` or `updatedAt`; `-` in front for descending. Default `name`. */
  @IsOptional()
  @IsIn(sortValues(SERVICE_SORT_FIELDS))
  sort?: string;
}

/** The dates of an availability answer. */
export class AvailabilityQuery extends DateWindowQuery {}
