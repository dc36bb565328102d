import { AUDIT_ACTIONS, AUDIT_TARGETS, type AuditAction, type AuditTarget } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/dto/pagination.dto.js';
import { IsId } from '../../../common/validation/id.js';
import { IsIsoDate } from '../../../common/validation/iso-date.js';

export class ListAuditQuery extends PageQueryDto {
  /** Entries of one staff member. */
  @IsOptional()
  @Type(() => Number)
  @IsId()
  actorId?: number;

  @ApiProperty({ enum: AUDIT_ACTIONS, required: false })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiProperty({ enum: AUDIT_TARGETS, required: false })
  @IsOptional()
  @IsIn(AUDIT_TARGETS)
  targetType?: AuditTarget;

  /** Entries about one record (with `targetType`). */
  @IsOptional()
  @Type(() => Number)
  @IsId()
  targetId?: number;

  /** Entries made on or after this day (YYYY-MM-DD, UTC). */
  @IsOptional()
  @IsIsoDate()
  from?: string;

  /** Entries made on or before this day (YYYY-MM-DD, UTC). */
  @IsOptional()
  @IsIsoDate()
  to?: string;
}
