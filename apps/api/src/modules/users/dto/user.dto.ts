import { PageMetaDto } from '../../../common/dto/pagination.dto.js';

export class UserDto {
  id!: number;
  name!: string;
  email!: string;
  /** The role's name. */
  role!: string;
  isActive!: boolean;
  /** The owner opened the verification link sent to `email` (false again after a change of e-mail). */
  emailVerified!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
}

export class UserPageDto {
  data!: UserDto[];
  meta!: PageMetaDto;
}
