import { ALL_PERMISSIONS, type Permission } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class RoleDto {
  id!: number;
  /** Lower-case letters, digits and `-`. */
  name!: string;
  description!: string;
  /** Built-in roles (admin, manager, customer) keep their name and cannot be deleted. */
  builtIn!: boolean;
  @ApiProperty({ enum: ALL_PERMISSIONS, isArray: true })
  permissions!: Permission[];
}

export class PermissionDto {
  @ApiProperty({ enum: ALL_PERMISSIONS })
  name!: Permission;
  description!: string;
}
