import { SERVICE_CATEGORIES, type ServiceCategory } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto, sortValues } from '../../../common/dto/pagination.dto.js';
import { IsIsoDate } from '../../../common/validation/iso-date.js';

const MAX_INT = 2_147_483_647;

export const SERVICE_SORT_FIELDS = ['name', 'priceCents', 'createdAt'] as const;

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

  /** Lowest price in cents. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  minPrice?: number;

  /** Highest price in cents. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  maxPrice?: number;

  /** `true`: only bookable services; `false`: only unavailable ones. */
  @ApiProperty({ enum: ['true', 'false'], required: false })
  @IsOptional()
  @IsIn(['true', 'false'])
  available?: 'true' | 'false';

  /** `name`, `priceCents` or `createdAt`; `-` in front for descending. Default `name`. */
  @IsOptional()
  @IsIn(sortValues(SERVICE_SORT_FIELDS))
  sort?: string;
}

export class AvailabilityQuery {
  /** First date (YYYY-MM-DD), default today. */
  @IsOptional()
  @IsIsoDate()
  from?: string;

  /** Last date (YYYY-MM-DD), default `from` + 29 days; at most 92 dates in all. */
  @IsOptional()
  @IsIsoDate()
  to?: string;
}
