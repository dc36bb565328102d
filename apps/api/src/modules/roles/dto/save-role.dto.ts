import { ALL_PERMISSIONS, type Permission } from '@marquee/contracts';
import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Optional } from '../../../common/validation/optional.js';
import { IsPrintableText } from '../../../common/validation/printable-text.js';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, Matches, MaxLength } from 'class-validator';

export class CreateRoleDto {
  /**
   * 2–40 lower-case letters, digits and `-`.
   * @example "box-office"
   */
  @ApiProperty({ minLength: 2, maxLength: 40 })
  @IsString()
  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'must be 2–40 lower-case letters, digits or -' })
  name!: string;

  /** @example "Sells tickets at the box office" */
  @Optional()
  @IsString()
  @MaxLength(200)
  @IsPrintableText({ multiline: true })
  description?: string;

  @ApiProperty({ enum: ALL_PERMISSIONS, isArray: true, maxItems: ALL_PERMISSIONS.length })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(ALL_PERMISSIONS.length)
  @IsIn(ALL_PERMISSIONS, { each: true, message: `each permission must be one of ${ALL_PERMISSIONS.join(', ')}` })
  permissions!: Permission[];
}

export class UpdateRoleDto extends PartialType(CreateRoleDto, { skipNullProperties: false }) {}
