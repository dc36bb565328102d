import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto, sortValues } from '../../../common/dto/pagination.dto.js';

export const USER_SORT_FIELDS = ['name', 'email', 'createdAt'] as const;

export class ListUsersQuery extends PageQueryDto {
  /** Matches part of the name or e-mail. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  /** A role name. */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  role?: string;

  /** `name`, `email` or `createdAt`; `-` in front for descending. Default `name`. */
  @IsOptional()
  @IsIn(sortValues(USER_SORT_FIELDS))
  sort?: string;
}
