import { AUDIT_ACTIONS, AUDIT_TARGETS, type AuditAction, type AuditTarget } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/dto/pagination.dto.js';
import { ApiInteger } from '../../../common/dto/api-integer.js';

const VALUES = { type: 'object', additionalProperties: true, nullable: true } as const;

export class AuditEntryDto {
  /** @example 42 */
  @ApiInteger()
  id!: number;
  /**
   * The staff member who acted.
   * @example 1
   */
  @ApiInteger()
  actorId!: number;
  @ApiProperty({ enum: AUDIT_ACTIONS })
  action!: AuditAction;
  @ApiProperty({ enum: AUDIT_TARGETS })
  targetType!: AuditTarget;
  /** @example 7 */
  @ApiInteger()
  targetId!: number;
  /**
   * The touched fields' values before the action (null when it created the record).
   * @example {"capacity":6}
   */
  @ApiProperty(VALUES)
  before!: Record<string, unknown> | null;
  /**
   * The touched fields' values after the action (null when it deleted the record).
   * @example {"capacity":8}
   */
  @ApiProperty(VALUES)
  after!: Record<string, unknown> | null;
  /** @example "2026-11-20T09:15:00.000Z" */
  createdAt!: Date;
}

export class AuditPageDto {
  data!: AuditEntryDto[];
  meta!: PageMetaDto;
}
