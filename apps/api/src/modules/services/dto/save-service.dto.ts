import { AVAILABILITY_STATUSES, SERVICE_CATEGORIES, type AvailabilityStatus, type ServiceCategory } from '@marquee/contracts';
import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Optional } from '../../../common/validation/optional.js';
import { IsPrintableText } from '../../../common/validation/printable-text.js';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ApiInteger } from '../../../common/dto/api-integer.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateServiceDto {
  /** @example "Escape room: The Vault" */
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  @IsPrintableText()
  name!: string;

  /** @example "Ninety minutes to get out of a bank vault." */
  @Optional()
  @IsString()
  @MaxLength(2000)
  @IsPrintableText({ multiline: true })
  description?: string;

  @ApiProperty({ enum: SERVICE_CATEGORIES, example: 'experience' })
  @IsIn(SERVICE_CATEGORIES)
  category!: ServiceCategory;

  /**
   * Price of one place in minor units (cents), 0 or more.
   * @example 2500
   */
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  @ApiInteger()
  priceCents!: number;

  /**
   * ISO 4217 code, default USD.
   * @example "EUR"
   */
  @ApiProperty({ required: false, minLength: 3, maxLength: 3 })
  @Optional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  currency?: string;

  /** @example 90 */
  @IsInt()
  @Min(1)
  @Max(1440)
  @ApiInteger()
  durationMinutes!: number;

  /**
   * Places per day, 1 or more.
   * @example 6
   */
  @IsInt()
  @Min(1)
  @Max(100_000)
  @ApiInteger()
  capacity!: number;

  /** Default `available`. */
  @ApiProperty({ enum: AVAILABILITY_STATUSES, required: false })
  @Optional()
  @IsIn(AVAILABILITY_STATUSES)
  availabilityStatus?: AvailabilityStatus;

  /** @example "https://images.example.com/vault.jpg" */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  imageUrl?: string | null;

  /** @example "Hall B" */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsPrintableText()
  location?: string | null;

  /**
   * Sales of a session close this many minutes before it starts (default 0).
   * @example 15
   */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(10_080)
  @ApiInteger({ required: false })
  salesCloseMinutes?: number;

  /**
   * Customers may cancel until this many hours before their session starts (default 0; staff until it ends).
   * @example 24
   */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(8_760)
  @ApiInteger({ required: false })
  cancellationCutoffHours?: number;
}

export class UpdateServiceDto extends PartialType(CreateServiceDto, { skipNullProperties: false }) {}
