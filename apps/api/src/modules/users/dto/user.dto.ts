import { PageMetaDto } from '../../../common/dto/pagination.dto.js';
import { ApiInteger } from '../../../common/dto/api-integer.js';

export class UserDto {
  /** @example 42 */
  @ApiInteger()
  id!: number;
  /** @example "Ada Lovelace" */
  name!: string;
  /** @example "ada@example.com" */
  email!: string;
  /**
   * The role's name.
   * @example "customer"
   */
  role!: string;
  /** @example true */
  isActive!: boolean;
  /**
   * The owner opened the verification link sent to `email` (false again after a change of e-mail).
   * @example true
   */
  emailVerified!: boolean;
  /** @example "2026-11-20T09:15:00.000Z" */
  createdAt!: Date;
  /** @example "2026-11-21T10:00:00.000Z" */
  updatedAt!: Date;
}

export class UserPageDto {
  data!: UserDto[];
  meta!: PageMetaDto;
}
