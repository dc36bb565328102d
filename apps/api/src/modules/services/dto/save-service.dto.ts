import { AVAILABILITY_STATUSES, SERVICE_CATEGORIES, type AvailabilityStatus, type ServiceCategory } from '@marquee/contracts';
import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Optional } from '../../../common/validation/optional.js';
import { IsPrintableText } from '../../../common/validation/printable-text.js';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateServiceDto {
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  @IsPrintableText()
  name!: string;

  @Optional()
  @IsString()
  @MaxLength(2000)
  @IsPrintableText({ multiline: true })
  description?: string;

  @ApiProperty({ enum: SERVICE_CATEGORIES })
  @IsIn(SERVICE_CATEGORIES)
  category!: ServiceCategory;

  /** Price of one place in minor units (cents), 0 or more. */
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  priceCents!: number;

  /** ISO 4217 code, default USD. */
  @ApiProperty({ required: false, minLength: 3, maxLength: 3 })
  @Optional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  currency?: string;

  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes!: number;

  /** Places per day, 1 or more. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity!: number;

  /** Default `available`. */
  @ApiProperty({ enum: AVAILABILITY_STATUSES, required: false })
  @Optional()
  @IsIn(AVAILABILITY_STATUSES)
  availabilityStatus?: AvailabilityStatus;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  imageUrl?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsPrintableText()
  location?: string | null;

  /** Sales of a session close this many minutes before it starts (default 0). */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(10_080)
  salesCloseMinutes?: number;

  /** Customers may cancel until this many hours before their session starts (default 0; staff until it ends). */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(8_760)
  cancellationCutoffHours?: number;
}

export class UpdateServiceDto extends PartialType(CreateServiceDto, { skipNullProperties: false }) {}
