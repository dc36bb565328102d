import { ALL_PERMISSIONS, type Permission } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../../../common/dto/api-integer.js';

export class RoleDto {
  /** @example 42 */
  @ApiInteger()
  id!: number;
  /**
   * Lower-case letters, digits and `-`.
   * @example "box-office"
   */
  name!: string;
  /** @example "Sells tickets at the box office" */
  description!: string;
  /**
   * Built-in roles (admin, manager, customer) keep their name and cannot be deleted.
   * @example false
   */
  builtIn!: boolean;
  @ApiProperty({ enum: ALL_PERMISSIONS, isArray: true })
  permissions!: Permission[];
}

export class PermissionDto {
  @ApiProperty({ enum: ALL_PERMISSIONS })
  name!: Permission;
  /** @example "Read every booking" */
  description!: string;
}
