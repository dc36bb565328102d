import { PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { Optional } from '../../../common/validation/optional.js';
import { IsPrintableText } from '../../../common/validation/printable-text.js';
import { ApiInteger } from '../../../common/dto/api-integer.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateTicketTypeDto {
  /**
   * Adult, Child, Concession … (1–60 characters).
   * @example "Adult"
   */
  @Transform(trim)
  @IsString()
  @Length(1, 60)
  @IsPrintableText()
  name!: string;

  /**
   * Price of one ticket in minor units (cents), 0 or more.
   * @example 2500
   */
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  @ApiInteger()
  priceCents!: number;

  /**
   * Selling order (default: after the service's other types).
   * @example 0
   */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  @ApiInteger({ required: false })
  position?: number;
}

export class UpdateTicketTypeDto extends PartialType(CreateTicketTypeDto, { skipNullProperties: false }) {
  /**
   * false: no longer sold (the last active type of a service cannot be deactivated).
   * @example true
   */
  @Optional()
  @IsBoolean()
  isActive?: boolean;
}
