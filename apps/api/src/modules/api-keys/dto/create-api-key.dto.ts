import { ALL_PERMISSIONS, type Permission } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, Length } from 'class-validator';
import { IsIsoDateTime } from '../../../common/validation/iso-date.js';
import { Optional } from '../../../common/validation/optional.js';
import { IsPrintableText } from '../../../common/validation/printable-text.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateApiKeyDto {
  /** What the key is for, to recognise it in the list (1–100 characters). */
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Box office sync' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  @IsPrintableText()
  name!: string;

  /** What the key may do: only permissions the caller holds (403 otherwise); none makes a key that acts as a customer. */
  @ApiProperty({ enum: ALL_PERMISSIONS, isArray: true, maxItems: ALL_PERMISSIONS.length, example: ['bookings:read:any'] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(ALL_PERMISSIONS.length)
  @IsIn(ALL_PERMISSIONS, { each: true, message: `each permission must be one of ${ALL_PERMISSIONS.join(', ')}` })
  permissions!: Permission[];

  /** When the key stops working (in the future); without it, the key works until it is revoked. */
  @Optional()
  @IsString()
  @IsIsoDateTime()
  expiresAt?: string;
}
