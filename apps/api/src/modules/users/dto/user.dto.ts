import { PageMetaDto } from '../../../common/dto/pagination.dto.js';

export class UserDto {
  id!: number;
  name!: string;
  email!: string;
  /** The role's name. */
  role!: string;
  isActive!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
}

export class UserPageDto {
  data!: UserDto[];
  meta!: PageMetaDto;
}
