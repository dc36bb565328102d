import { IsOptional } from 'class-validator';
import { IsIsoDate } from '../../../common/validation/iso-date.js';

export class ListSessionsQuery {
  /** First local date (YYYY-MM-DD), default today. */
  @IsOptional()
  @IsIsoDate()
  from?: string;

  /** Last local date (YYYY-MM-DD), default `from` + 29 days; at most 92 dates in all. */
  @IsOptional()
  @IsIsoDate()
  to?: string;
}
